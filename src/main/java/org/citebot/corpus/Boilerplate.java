package org.citebot.corpus;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Site chrome that survives copy and paste from a web page: whole lines such as "Skip to main
 * content" and footnote back-links. Kept deliberately small; anything page-specific belongs in the
 * manifest's article markers instead.
 */
final class Boilerplate {

    private static final Set<String> LINES = Set.of(
            "skip to main content",
            "skip to content",
            "skip to navigation",
            "skip navigation",
            "jump to navigation",
            "jump to content",
            "back to top",
            "toggle navigation",
            "main menu",
            "menu",
            "search",
            "share",
            "share this",
            "print",
            "print this page",
            "tweet",
            "advertisement",
            "subscribe");
    /** Longer lines are never one of the few short ones above, however they are spaced. */
    private static final int MAX_LINE_CHARS = 200;

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BACK_LINK = Pattern.compile("\\s*(\\[back]|\\[return]|↩︎?|↑)$");

    private Boilerplate() {}

    static boolean isBoilerplateLine(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            return false;
        }
        String key = SPACES.matcher(line.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        return LINES.contains(key);
    }

    /** Removes a footnote's link back to its reference, which is navigation, not text. */
    static String withoutBackLink(String paragraph) {
        return BACK_LINK.matcher(paragraph).replaceFirst("");
    }
}
