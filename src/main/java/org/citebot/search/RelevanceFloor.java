package org.citebot.search;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Decides whether a search found an answer or only the closest passages, so that a question the
 * corpus does not cover is told so plainly instead of being shown unrelated passages as answers.
 * Two signals, either of which is enough: the best lexical passage holds most of the question's
 * weight (its rarer words count more, by idf), or, in hybrid mode, a passage is close in meaning
 * (cosine of the question's and the passage's vectors). The floors were set on the project's
 * labelled on-topic and off-topic seed questions (docs/benchmarks.md).
 */
public final class RelevanceFloor {

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

    /** BM25's idf of a term {@code frequency} of the {@code documents} passages hold, as every engine reports it. */
    public static double idf(long documents, long frequency) {
        double all = Math.max(1, documents);
        return Math.log(1 + (all - frequency + 0.5) / (frequency + 0.5));
    }

    /**
     * The share of the question's idf weight that a passage holds, from an engine's answers: each
     * distinct term of the unquoted words counts its {@code idf} when the passage {@code holds} it in
     * the field BM25F scores (body, title or section); quoted phrases, which every hit contains as
     * written, count as held.
     */
    public static double coverage(ParsedQuery parsed, ToDoubleFunction<String> idf, Predicate<String> holds) {
        Set<String> terms = new LinkedHashSet<>(parsed.terms());
        if (terms.isEmpty()) {
            return parsed.phrases().isEmpty() ? 0 : 1;
        }
        double total = 0;
        double held = 0;
        for (String term : terms) {
            double weight = idf.applyAsDouble(term);
            total += weight;
            if (holds.test(term)) {
                held += weight;
            }
        }
        return total == 0 ? 0 : held / total;
    }
}
