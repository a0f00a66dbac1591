package org.citebot.extract;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The words sites use in {@code class}, {@code id} and {@code role} for the parts of a page that are
 * not the article: navigation, ads, share bars, related links, comments, cookie banners, captions
 * and credits. Matching is by whole token, or by token prefix for words that sites compound
 * ({@code relatedArticles}, {@code share-bar}), so {@code header} never matches {@code ad}.
 */
final class BoilerplateMarkers {

    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> WHOLE_TOKENS = Set.of(
            "ad",
            "ads",
            "adv",
            "nav",
            "navbar",
            "menu",
            "submenu",
            "tag",
            "tags",
            "topics",
            "bio",
            "meta",
            "footer",
            "header",
            "masthead",
            "caption",
            "photo",
            "photos",
            "gallery",
            "slideshow",
            "thumbnail",
            "credit",
            "credits",
            "byline",
            "author",
            "authors",
            "dateline",
            "timestamp",
            "hidden",
            "hide",
            "sr",
            "toolbar",
            "tools",
            "pagination",
            "pager",
            "skip",
            "print",
            "popup",
            "modal",
            "overlay",
            "banner",
            "sponsor",
            "sponsored",
            "partner",
            "disclaimer",
            "copyright",
            "legal",
            "trending",
            "widget",
            "sidebar",
            "aside",
            "rail",
            "login",
            "signin",
            "register",
            "follow",
            "donate",
            "newsletter",
            "headline",
            "kicker",
            "eyebrow",
            "breadcrumb",
            "breadcrumbs");
    private static final List<String> PREFIXES = List.of(
            "advert",
            "related",
            "share",
            "sharing",
            "social",
            "comment",
            "disqus",
            "cookie",
            "consent",
            "gdpr",
            "newsletter",
            "subscribe",
            "subscription",
            "signup",
            "promo",
            "recommend",
            "recirc",
            "outbrain",
            "taboola",
            "sidebar",
            "breadcrumb",
            "navigation",
            "footer",
            "visually",
            "screenreader",
            "sronly",
            "morestories",
            "readmore",
            "readnext",
            "upnext",
            "mostpopular",
            "mostread",
            "linklist");

    private BoilerplateMarkers() {}

    /** Whether the element's class, id or role names a part of the page that is not the article. */
    static boolean marksBoilerplate(Element element) {
        String role = element.attr("role").toLowerCase(Locale.ROOT);
        if (role.equals("navigation")
                || role.equals("banner")
                || role.equals("contentinfo")
                || role.equals("complementary")
                || role.equals("dialog")
                || role.equals("alertdialog")) {
            return true;
        }
        return matches(element.className()) || matches(element.id());
    }

    private static boolean matches(String attribute) {
        if (attribute.isEmpty()) {
            return false;
        }
        String spaced = splitCamelCase(attribute).toLowerCase(Locale.ROOT);
        for (String token : SEPARATORS.split(spaced)) {
            if (WHOLE_TOKENS.contains(token)) {
                return true;
            }
        }
        String joined = attribute.toLowerCase(Locale.ROOT);
        for (String token : SEPARATORS.split(joined)) {
            for (String prefix : PREFIXES) {
                if (token.startsWith(prefix)) {
                    return true;
                }
            }
        }
        String compact = SEPARATORS.matcher(joined).replaceAll("");
        return compact.contains("screenreader") || compact.contains("visuallyhidden") || compact.contains("sronly");
    }

    private static String splitCamelCase(String text) {
        return text.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
    }
}
