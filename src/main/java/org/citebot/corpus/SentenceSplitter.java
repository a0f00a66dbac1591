package org.citebot.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds sentence boundaries in English prose so long paragraphs can be cut between sentences. A
 * boundary is {@code . ! ? …}, possibly followed by closing quotes or brackets, then a space and a
 * capital, digit or opening quote. A period after a known abbreviation ("Mr.", "St.", "Jan."), a
 * single initial ("J.") or a dotted acronym ("U.S.") is not a boundary: a missed cut only makes a
 * passage longer, a wrong cut breaks a citation mid-thought. The passage splitter cuts with it, and
 * the search picks the sentence of a passage closest to a question with it.
 */
public final class SentenceSplitter {

    /** A sentence's place in the text it was found in: {@code [start, end)}. */
    public record Span(int start, int end) {}

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr",
            "adm", "maj", "jr", "sr", "rev", "hon", "pres", "vs", "etc", "no", "nos", "fig", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "mt", "ft", "approx",
            "dept", "est", "vol", "pp", "ca", "cf", "al", "op", "ed", "eds");
    private static final String CLOSERS = "\"”’')]»";
    private static final String OPENERS = "\"“‘'([«—";

    /** The sentences of {@code text}, in order, without the spaces between them. */
    public List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int start = skipSpaces(text, 0);
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (".!?…".indexOf(c) >= 0) {
                int end = i + 1;
                while (end < text.length() && isTerminalOrCloser(text.charAt(end))) {
                    end++;
                }
                int next = skipSpaces(text, end);
                if (next > end
                        && next < text.length()
                        && startsSentence(text.charAt(next))
                        && !(c == '.' && end == i + 1 && isAbbreviation(text, i))) {
                    spans.add(new Span(start, end));
                    start = next;
                    i = next;
                    continue;
                }
                i = end;
            } else {
                i++;
            }
        }
        int end = text.length();
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
        return spans;
    }

    private static boolean isTerminalOrCloser(char c) {
        return ".!?…".indexOf(c) >= 0 || CLOSERS.indexOf(c) >= 0;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || OPENERS.indexOf(c) >= 0;
    }

    /** Looks at the word ending in the period at {@code dot}. */
    private static boolean isAbbreviation(String text, int dot) {
        int from = dot;
        while (from > 0
                && !Character.isWhitespace(text.charAt(from - 1))
                && OPENERS.indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        String word = text.substring(from, dot);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        if (word.matches("(?:\\p{L}\\.)+\\p{L}")) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
