package org.citebot.cli;

import java.util.regex.Pattern;

/**
 * Text from the web made safe for a terminal: control characters (escape sequences that could move
 * the cursor, rewrite earlier lines or retitle the window) and bidirectional overrides are replaced,
 * line breaks and tabs kept.
 */
final class TerminalText {

    private static final Pattern UNSAFE =
            Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private TerminalText() {}

    static String safe(String text) {
        return UNSAFE.matcher(text).replaceAll("\uFFFD");
    }
}
