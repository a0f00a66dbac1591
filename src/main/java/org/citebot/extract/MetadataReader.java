package org.citebot.extract;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a page's metadata from the places pages declare it, most trustworthy first: JSON-LD, then
 * OpenGraph and Twitter cards, then {@code <meta name>} conventions (Dublin Core, Parse.ly,
 * {@code author}, {@code date}), then microdata and the markup itself ({@code <time datetime>},
 * {@code <h1>}, {@code <title>}, {@code <link rel=canonical>}, {@code <html lang>}).
 */
final class MetadataReader {

    private static final Pattern BYLINE = Pattern.compile(
            "^(?:By|Written by)\\s+(\\p{Lu}[\\p{L}.'’-]+(?:\\s+(?:and\\s+)?\\p{Lu}[\\p{L}.'’-]+){0,4})");

    private MetadataReader() {}

    static ArticleMetadata read(Document document, JsonLdArticle jsonLd) {
        Optional<String> publisher = clean(jsonLd.publisher())
                .or(() -> meta(document, "og:site_name", "application-name", "dc.publisher", "publisher"));
        return new ArticleMetadata(
                title(document, jsonLd, publisher),
                author(document, jsonLd),
                published(document, jsonLd),
                publisher,
                url(document, jsonLd),
                language(document, jsonLd));
    }

    private static Optional<String> title(Document document, JsonLdArticle jsonLd, Optional<String> publisher) {
        return clean(jsonLd.headline())
                .or(() -> meta(document, "og:title", "twitter:title", "dc.title", "parsely-title", "title"))
                .or(() -> itemprop(document, "headline"))
                .or(() -> clean(Optional.ofNullable(document.selectFirst("article h1, h1"))
                        .map(Element::text)))
                .or(() -> clean(Optional.of(document.title())).map(title -> withoutSiteName(title, publisher)));
    }

    /** "Headline | The Site" is the headline when the site's name is known. */
    private static String withoutSiteName(String title, Optional<String> publisher) {
        if (publisher.isEmpty()) {
            return title;
        }
        for (String separator : List.of(" | ", " - ", " – ", " — ", " :: ", " · ")) {
            String suffix = separator + publisher.get();
            if (title.endsWith(suffix) && title.length() > suffix.length()) {
                return title.substring(0, title.length() - suffix.length()).strip();
            }
        }
        return title;
    }

    private static Optional<String> author(Document document, JsonLdArticle jsonLd) {
        return clean(jsonLd.authors())
                .or(() -> Stream.of(
                                "author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
                        .map(name -> meta(document, name))
                        .flatMap(Optional::stream)
                        // article:author is often a profile URL, which names nobody.
                        .filter(name -> !name.matches("(?i)https?://.*"))
                        .findFirst())
                .or(() -> microdataAuthor(document))
                .or(() -> clean(Optional.ofNullable(document.selectFirst("[rel=author], .byline, .author"))
                                .map(Element::text))
                        .filter(name -> name.length() <= 100))
                .map(MetadataReader::withoutBy)
                .or(() -> writtenByline(document));
    }

    private static Optional<String> microdataAuthor(Document document) {
        Set<String> names = new LinkedHashSet<>();
        for (Element author : document.select("[itemprop=author]")) {
            Element name = author.selectFirst("[itemprop=name]");
            String value = name != null
                    ? name.hasAttr("content") ? name.attr("content") : name.text()
                    : author.hasAttr("content") ? author.attr("content") : author.text();
            clean(Optional.of(value)).ifPresent(names::add);
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }

    /** "By Sam Rivera · 19 February 2023": a short line near the top that names the writer. */
    private static Optional<String> writtenByline(Document document) {
        for (Element element : document.select("body p, body div, body span")) {
            String text = element.ownText().strip();
            if (text.length() <= 120) {
                Matcher byline = BYLINE.matcher(text);
                if (byline.find()) {
                    return Optional.of(byline.group(1).strip());
                }
            }
        }
        return Optional.empty();
    }

    private static String withoutBy(String author) {
        return author.replaceFirst("(?i)^by[:\\s]+", "").strip();
    }

    private static Optional<LocalDate> published(Document document, JsonLdArticle jsonLd) {
        Stream<Supplier<Optional<String>>> candidates = Stream.of(
                jsonLd::datePublished,
                () -> meta(
                        document,
                        "article:published_time",
                        "og:published_time",
                        "datepublished",
                        "date",
                        "pubdate",
                        "publishdate",
                        "publish-date",
                        "dc.date",
                        "dc.date.issued",
                        "dcterms.created",
                        "article.published",
                        "parsely-pub-date",
                        "sailthru.date"),
                () -> itemprop(document, "datePublished"),
                () -> first(document, "time[pubdate][datetime]", "article time[datetime]", "time[datetime]")
                        .map(time -> time.attr("datetime")),
                () -> writtenDate(document));
        return candidates
                .map(Supplier::get)
                .flatMap(Optional::stream)
                .map(PublicationDates::parse)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The first element matching the first of {@code selectors} that matches outside the site's
     * chrome: a priority, not document order, and never a date in the site header, navigation or
     * footer (a "site updated" stamp is not the article's date).
     */
    private static Optional<Element> first(Document document, String... selectors) {
        for (String selector : selectors) {
            for (Element element : document.select(selector)) {
                if (!inSiteChrome(element)) {
                    return Optional.of(element);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean inSiteChrome(Element element) {
        boolean inArticle = false;
        for (Element parent : element.parents()) {
            String tag = parent.normalName();
            inArticle |= tag.equals("article") || tag.equals("main");
            if (tag.equals("nav") || tag.equals("footer") || (tag.equals("header") && !inArticle)) {
                return true;
            }
        }
        return false;
    }

    /** "Posted on March 3, 2024" in an element whose class says it is the date. */
    private static Optional<String> writtenDate(Document document) {
        for (Element element : document.select("[class*=date], [class*=publish], [class*=posted]")) {
            String text = element.ownText().strip().replaceFirst("(?i)^(posted|published|updated)( on)?:?\\s*", "");
            if (!text.isEmpty()
                    && text.length() <= 60
                    && PublicationDates.parse(text).isPresent()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private static Optional<URI> url(Document document, JsonLdArticle jsonLd) {
        return Optional.ofNullable(document.selectFirst("link[rel~=(?i)^canonical$][href]"))
                .map(link -> link.attr("href"))
                .flatMap(href -> absolute(document, href))
                .or(() -> meta(document, "og:url").flatMap(href -> absolute(document, href)))
                .or(() -> jsonLd.url().flatMap(href -> absolute(document, href)));
    }

    private static Optional<URI> absolute(Document document, String href) {
        try {
            URI base = document.location().isEmpty() ? null : new URI(document.location());
            URI uri = new URI(href.strip());
            URI resolved = base == null ? uri : base.resolve(uri);
            return resolved.isAbsolute() ? Optional.of(resolved) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> language(Document document, JsonLdArticle jsonLd) {
        return Optional.ofNullable(document.selectFirst("html[lang]"))
                .map(html -> html.attr("lang"))
                .or(() -> Optional.ofNullable(document.selectFirst("meta[http-equiv~=(?i)content-language]"))
                        .map(meta -> meta.attr("content")))
                .or(jsonLd::language)
                .or(() -> meta(document, "og:locale"))
                .flatMap(MetadataReader::primaryLanguage);
    }

    private static Optional<String> primaryLanguage(String tag) {
        String primary = tag.strip().split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? Optional.of(primary) : Optional.empty();
    }

    /** The first non-empty {@code content} of a {@code <meta>} whose name or property is one of {@code names}. */
    private static Optional<String> meta(Document document, String... names) {
        Map<String, String> metas = metaContents(document);
        for (String name : names) {
            String value = metas.get(name.toLowerCase(Locale.ROOT));
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Each {@code <meta>} key (name, property or itemprop, lower case) to its first non-blank content. */
    private static Map<String, String> metaContents(Document document) {
        Map<String, String> metas = new HashMap<>();
        for (Element meta : document.select("meta[content]")) {
            Optional<String> content = clean(Optional.of(meta.attr("content")));
            if (content.isEmpty()) {
                continue;
            }
            for (String attribute : List.of("property", "name", "itemprop")) {
                String key = meta.attr(attribute).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    metas.putIfAbsent(key, content.get());
                }
            }
        }
        return metas;
    }

    private static Optional<String> itemprop(Document document, String property) {
        Element element = document.selectFirst("[itemprop=" + property + "]");
        if (element == null) {
            return Optional.empty();
        }
        String value = element.hasAttr("content")
                ? element.attr("content")
                : element.hasAttr("datetime") ? element.attr("datetime") : element.text();
        return clean(Optional.of(value));
    }

    /** Entities decoded, whitespace collapsed, blank as empty. */
    private static Optional<String> clean(Optional<String> value) {
        return value.map(text -> Parser.unescapeEntities(text, false)
                        .replace('\u00A0', ' ')
                        .replaceAll("\\s+", " ")
                        .strip())
                .filter(text -> !text.isEmpty());
    }
}
