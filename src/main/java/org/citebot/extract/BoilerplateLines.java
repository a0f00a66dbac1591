package org.citebot.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whole blocks of text that are site furniture wherever they stand: "Advertisement", "Share this
 * article", "Sign up for our newsletter". Checked on each block of the article container, because
 * sites put them between paragraphs without markup that names them.
 */
final class BoilerplateLines {

    private static final Set<String> LINES = Set.of(
            "advertisement",
            "advertisements",
            "ad",
            "sponsored",
            "share",
            "share this",
            "share this article",
            "share this story",
            "share on facebook",
            "share on twitter",
            "tweet",
            "email",
            "print",
            "comments",
            "read more",
            "continue reading",
            "continue reading below",
            "story continues below",
            "story continues below advertisement",
            "article continues below",
            "article continues below advertisement",
            "skip advertisement",
            "related",
            "related articles",
            "related stories",
            "more on this story",
            "recommended",
            "subscribe",
            "sign up",
            "back to top",
            "loading",
            "loading...");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s\\p{Punct}…]+$");
    private static final Pattern PHRASES = Pattern.compile(
            "(?i)^(sign up for|subscribe to) (our|the) .{0,60}newsletter.*|^(follow us|like us) on .{0,40}"
                    + "|^click here to .{0,80}|^(read|see) (more|also):? .{0,120}$|^we use cookies.*");

    private BoilerplateLines() {}

    static boolean isBoilerplate(String block) {
        String key = PUNCTUATION.matcher(block.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        return LINES.contains(key)
                || (block.length() < 200 && PHRASES.matcher(block.strip()).matches());
    }
}
