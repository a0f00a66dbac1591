package org.citebot.search;

import java.util.List;

/**
 * A quoted phrase after analysis: its terms and their positions (gaps where stop words were).
 *
 * @param positions 0-based position of each term; equal length to {@code terms}
 */
public record QueryPhrase(List<String> terms, List<Integer> positions) {

    public QueryPhrase {
        terms = List.copyOf(terms);
        positions = List.copyOf(positions);
        if (terms.isEmpty() || terms.size() != positions.size()) {
            throw new IllegalArgumentException("a phrase needs terms with one position each");
        }
    }

    /** The phrase as the normalised query shows it: terms in order, {@code _} for a dropped stop word. */
    public String canonical() {
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
