package org.citebot.search;

import java.util.List;

/**
 * A quoted phrase after analysis: its words exactly as typed (lower-cased, stop words kept), which a
 * passage's text must contain in that order, and its analyzed terms and their positions (gaps where
 * stop words were), which score it like the other words of the query.
 *
 * @param terms the stemmed terms, for scoring and highlighting
 * @param positions the place of each term's word among {@code words}, 0-based (the first is the
 *     number of stop words the phrase starts with); equal length to {@code terms}
 * @param words the words as written, lower-cased: what must appear, in this order, for a match
 */
public record QueryPhrase(List<String> terms, List<Integer> positions, List<String> words) {

    public QueryPhrase {
        terms = List.copyOf(terms);
        positions = List.copyOf(positions);
        words = List.copyOf(words);
        if (terms.isEmpty() || terms.size() != positions.size() || words.isEmpty()) {
            throw new IllegalArgumentException("a phrase needs words, and terms with one position each");
        }
    }

    /** The phrase as the normalised query shows it: its words as written, lower-cased, in quotes. */
    public String canonical() {
        return "\"" + String.join(" ", words) + "\"";
    }

    /** The analyzed terms in order, {@code _} for a dropped stop word: how the phrase is scored. */
    public String analyzed() {
        StringBuilder text = new StringBuilder("\"");
        int expected = positions.get(0);
        for (int i = 0; i < terms.size(); i++) {
            for (; expected < positions.get(i); expected++) {
                text.append("_ ");
            }
            text.append(terms.get(i)).append(' ');
            expected = positions.get(i) + 1;
        }
        text.setLength(text.length() - 1);
        return text.append('"').toString();
    }
}
