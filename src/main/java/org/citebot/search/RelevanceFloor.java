package org.citebot.search;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides whether a search found an answer or only the closest passages, so that a question the
 * corpus does not cover is told so plainly instead of being shown unrelated passages as answers.
 * Two signals, either of which is enough: the best lexical passage holds most of the question's
 * weight (its rarer words count more, by idf), or, in hybrid mode, a passage is close in meaning
 * (cosine of the question's and the passage's vectors). The floors were set on the project's
 * labelled on-topic and off-topic seed questions (docs/benchmarks.md).
 */
final class RelevanceFloor {

    private final SearchSettings settings;

    RelevanceFloor(SearchSettings settings) {
        this.settings = settings;
    }

    /** Whether the question's words really match, by the hybrid search's lexical floor. */
    boolean wordsMatch(double coverage) {
        return coverage >= settings.lexicalFloor();
    }

    /**
     * Whether the search found an answer. Hybrid: the words match, or a passage is close enough in
     * meaning. Lexical: the words match by the lower floor of lexical mode.
     *
     * @param bestCosine the closest passage's cosine to the question; NaN without the semantic leg
     */
    boolean passes(double coverage, double bestCosine) {
        if (Double.isNaN(bestCosine)) {
            return coverage >= settings.lexicalModeFloor();
        }
        return wordsMatch(coverage) || bestCosine >= settings.semanticFloor();
    }

    /**
     * The share of the question's idf weight that passage {@code doc} holds: each distinct term of
     * the unquoted words counts its idf if it occurs in the passage's body, title or section (its
     * weighted field); quoted phrases, which every hit contains as written, count as held.
     */
    static double coverage(WeightedTerms weighted, ParsedQuery parsed, int doc) throws IOException {
        Set<String> terms = new LinkedHashSet<>(parsed.terms());
        if (terms.isEmpty()) {
            return parsed.phrases().isEmpty() ? 0 : 1;
        }
        double total = 0;
        double held = 0;
        for (String term : terms) {
            double idf = weighted.idf(term);
            total += idf;
            if (weighted.holds(term, doc)) {
                held += idf;
            }
        }
        return total == 0 ? 0 : held / total;
    }

    /** BM25's idf of a term found in {@code frequency} of {@code documents} passages. */
    static double idf(int documents, int frequency) {
        int counted = Math.max(1, documents);
        return Math.log(1 + (counted - frequency + 0.5) / (frequency + 0.5));
    }
}
