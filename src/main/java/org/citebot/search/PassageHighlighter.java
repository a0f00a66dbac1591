package org.citebot.search;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The highlighting rules every engine's spans follow: every occurrence of a loose word is marked; a
 * quoted phrase's words are marked only where they stand as the phrase. {@link TextSpans} finds the
 * occurrences in the page's stored text, analyzed again as the index analyzed it. The reply layer
 * turns the spans into bold.
 */
final class PassageHighlighter {

    private PassageHighlighter() {}

    /**
     * Marks, in one passage, every occurrence of the query's loose words and the words of its
     * phrases where they stand as the phrase.
     *
     * @param inPassage each wanted term's occurrences in the passage
     */
    static void mark(ParsedQuery parsed, Map<String, Occurrences> inPassage, Map<HighlightSpanKey, MatchSpan> matches) {
        for (String term : parsed.distinctTerms()) {
            Occurrences occurrences = inPassage.get(term);
            if (occurrences != null) {
                for (int k = 0; k < occurrences.starts.length; k++) {
                    add(matches, occurrences.starts[k], occurrences.ends[k], term);
                }
            }
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            markPhrase(phrase, inPassage, matches);
        }
    }

    /** The terms whose occurrences highlighting looks for: the loose words' and the phrases'. */
    static Set<String> wanted(ParsedQuery parsed) {
        Set<String> wanted = new LinkedHashSet<>(parsed.distinctTerms());
        parsed.phrases().forEach(phrase -> wanted.addAll(phrase.terms()));
        return wanted;
    }

    /** Marks each word of {@code phrase} where all of them stand at the phrase's relative positions. */
    private static void markPhrase(
            QueryPhrase phrase, Map<String, Occurrences> inPassage, Map<HighlightSpanKey, MatchSpan> matches) {
        List<String> terms = phrase.terms();
        Occurrences first = inPassage.get(terms.get(0));
        if (first == null) {
            return;
        }
        int[] found = new int[terms.size()];
        for (int start : first.positions) {
            boolean whole = true;
            for (int t = 0; t < terms.size() && whole; t++) {
                Occurrences occurrences = inPassage.get(terms.get(t));
                int wantedPosition =
                        start + phrase.positions().get(t) - phrase.positions().get(0);
                found[t] = occurrences == null ? -1 : Arrays.binarySearch(occurrences.positions, wantedPosition);
                whole = found[t] >= 0;
            }
            if (whole) {
                for (int t = 0; t < terms.size(); t++) {
                    Occurrences occurrences = inPassage.get(terms.get(t));
                    add(matches, occurrences.starts[found[t]], occurrences.ends[found[t]], terms.get(t));
                }
            }
        }
    }

    private static void add(Map<HighlightSpanKey, MatchSpan> matches, int start, int end, String term) {
        if (start >= 0 && end > start) {
            matches.putIfAbsent(new HighlightSpanKey(start, end), new MatchSpan(new HighlightSpan(start, end), term));
        }
    }

    /** One term's positions and character offsets in one passage, in position order. */
    record Occurrences(int[] positions, int[] starts, int[] ends) {}

    /** Orders matches by where they start in the text (then where they end), and makes each count once. */
    record HighlightSpanKey(int start, int end) implements Comparable<HighlightSpanKey> {
        @Override
        public int compareTo(HighlightSpanKey other) {
            return start != other.start ? Integer.compare(start, other.start) : Integer.compare(end, other.end);
        }
    }
}
