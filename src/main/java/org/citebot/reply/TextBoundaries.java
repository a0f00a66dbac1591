package org.citebot.reply;

/** Where text may be cut without breaking a word, preferring the end of a sentence. */
final class TextBoundaries {

    private TextBoundaries() {}

    /**
     * The best cut point in {@code (from, limit]}: the end of the last sentence if one ends in the
     * latter half of the range, else the last word boundary, else {@code limit} (a single very long
     * word is cut hard, never at a surrogate pair's middle).
     */
    static int cutAt(String text, int from, int limit) {
        limit = Math.min(limit, text.length());
        if (limit <= from) {
            return from;
        }
        int half = from + (limit - from) / 2;
        for (int i = limit; i > half; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '!' || c == '?' || c == '…')
                    && (i == text.length() || Character.isWhitespace(text.charAt(i)))) {
                return i;
            }
        }
        for (int i = limit; i > from; i--) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** The first sentence start in {@code [from, anchor]}, or -1. */
    static int sentenceStartAtOrAfter(String text, int from, int anchor) {
        for (int i = Math.max(from, 1); i <= anchor; i++) {
            char prev = text.charAt(i - 1);
            if (Character.isWhitespace(prev) && i >= 2 && ".!?…".indexOf(text.charAt(i - 2)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The first word start in {@code [from, anchor]}; {@code anchor} itself when none. */
    static int wordStartAtOrAfter(String text, int from, int anchor) {
        for (int i = Math.max(from, 1); i <= anchor; i++) {
            if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return anchor;
    }
}
