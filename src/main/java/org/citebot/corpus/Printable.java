package org.citebot.corpus;

/**
 * Makes text from the corpus safe to print on a terminal, in a log line or in a Discord message:
 * control characters (terminal escape codes, newlines, tabs), Unicode line separators and the bidi
 * controls that reorder what a reader sees are written as escapes ({@code \x1b}, {@code \n},
 * {@code \u202e}), and a backslash as {@code \\}, so different names stay different. File names
 * become document ids and skip reports through it; everything else printed about a corpus file uses
 * it too.
 */
public final class Printable {

    private Printable() {}

    /** {@code text} with every character a terminal or reader would act on written as an escape. */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (isInvisibleControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c < 0x20 || (c >= 0x7F && c <= 0x9F) || isInvisibleControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Line and paragraph separators, and the marks, embeddings, overrides and isolates of bidi text. */
    private static boolean isInvisibleControl(char c) {
        return c == '\u2028'
                || c == '\u2029'
                || c == '\u061C'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
