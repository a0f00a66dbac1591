package org.citebot.search;

import java.net.URI;
import java.util.Optional;

/**
 * Builds deep links that open a source at a passage using a text fragment
 * ({@code #:~:text=start,end}, WICG Text Fragments): {@code start} is the passage's first words and
 * {@code end} its last words, so the browser scrolls to and highlights the whole passage. Used by
 * the search service for every hit.
 */
public final class TextFragmentLinks {

    /** Words taken from each end of the passage. */
    static final int EDGE_WORDS = 5;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TextFragmentLinks() {}

    /**
     * The link to {@code passageText} in the document at {@code url}; empty without a URL or text.
     * A fragment already on the URL is replaced. A passage of at most {@code 2 * EDGE_WORDS} words
     * is linked with a single {@code textStart} holding all of it.
     */
    public static Optional<URI> link(Optional<URI> url, String passageText) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        // Every hit on a page gets a link, so only the words at either end are looked at: a
        // passage of hundreds of words is not split whole to keep ten of them.
        int from = 0;
        int to = passageText.length();
        while (from < to && Character.isWhitespace(passageText.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(passageText.charAt(to - 1))) {
            to--;
        }
        int[] leading = new int[2 * (2 * EDGE_WORDS + 1)];
        int found = wordsForward(passageText, from, to, leading);
        if (found == 0) {
            return Optional.empty();
        }
        String base = url.get().toString();
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        StringBuilder link = new StringBuilder(base.length() + 160).append(base).append("#:~:text=");
        if (found <= 2 * EDGE_WORDS) {
            appendWords(link, passageText, leading, found);
        } else {
            appendWords(link, passageText, leading, EDGE_WORDS);
            link.append(',');
            int[] trailing = new int[2 * EDGE_WORDS];
            wordsBackward(passageText, from, to, trailing);
            appendWords(link, passageText, trailing, EDGE_WORDS);
        }
        return Optional.of(URI.create(link.toString()));
    }

    /**
     * Writes the start and end offsets of up to {@code bounds.length / 2} words of {@code text}
     * between {@code from} and {@code to}, first word first, into {@code bounds}.
     *
     * @return how many words it found
     */
    private static int wordsForward(String text, int from, int to, int[] bounds) {
        int words = 0;
        int i = from;
        while (i < to && words < bounds.length / 2) {
            while (i < to && isSeparator(text.charAt(i))) {
                i++;
            }
            if (i == to) {
                break;
            }
            int start = i;
            while (i < to && !isSeparator(text.charAt(i))) {
                i++;
            }
            bounds[2 * words] = start;
            bounds[2 * words + 1] = i;
            words++;
        }
        return words;
    }

    /** Like {@link #wordsForward}, for the last words, still stored first word first. */
    private static void wordsBackward(String text, int from, int to, int[] bounds) {
        int words = bounds.length / 2;
        int i = to;
        while (i > from && words > 0) {
            while (i > from && isSeparator(text.charAt(i - 1))) {
                i--;
            }
            int end = i;
            while (i > from && !isSeparator(text.charAt(i - 1))) {
                i--;
            }
            words--;
            bounds[2 * words] = i;
            bounds[2 * words + 1] = end;
        }
    }

    /**
     * The characters that part words: those of the regular expression {@code \s} (ASCII white
     * space), while the ends are trimmed of all of {@link Character#isWhitespace}, as {@link
     * String#strip()} does.
     */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static void appendWords(StringBuilder link, String text, int[] bounds, int words) {
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                link.append("%20");
            }
            appendEncoded(link, text, bounds[2 * w], bounds[2 * w + 1]);
        }
    }

    /**
     * Percent-encodes UTF-8 bytes of everything but ASCII letters, digits and {@code . _ ~}: the
     * directive's own syntax ({@code - , &}) and spaces ({@code %20}) included.
     */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() * 2);
        appendEncoded(encoded, text, 0, text.length());
        return encoded.toString();
    }

    private static void appendEncoded(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendByte(out, c);
            } else if (c < 0x800) {
                appendByte(out, 0xc0 | (c >> 6));
                appendByte(out, 0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                appendByte(out, 0xf0 | (codePoint >> 18));
                appendByte(out, 0x80 | ((codePoint >> 12) & 0x3f));
                appendByte(out, 0x80 | ((codePoint >> 6) & 0x3f));
                appendByte(out, 0x80 | (codePoint & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // An unpaired surrogate has no UTF-8 form; String.getBytes writes '?' for it too.
                appendByte(out, '?');
            } else {
                appendByte(out, 0xe0 | (c >> 12));
                appendByte(out, 0x80 | ((c >> 6) & 0x3f));
                appendByte(out, 0x80 | (c & 0x3f));
            }
        }
    }

    private static void appendByte(StringBuilder out, int b) {
        if ((b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '.'
                || b == '_'
                || b == '~') {
            out.append((char) b);
        } else {
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
    }
}
