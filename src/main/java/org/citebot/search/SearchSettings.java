package org.citebot.search;

import org.citebot.index.IndexSchema;

/**
 * Tuning of the search service: the proximity boost, diversity, the hybrid fusion and snippet size.
 * Kept in one record so a relevance evaluation can vary them; the composition root passes
 * {@link #defaults()}. Field weights are written into the index ({@code IndexSettings}).
 *
 * @param proximityBoost weight of the sloppy phrase over the query terms (terms near each other)
 * @param proximitySlop how many positions apart the terms may be for the proximity boost to apply
 * @param maxProximityTerms how many distinct query terms the proximity clause uses at most
 * @param candidateWindow leading BM25F candidates re-scored for proximity and reordered for
 *     diversity; a lexical search collects no more than this (or the page asked for), plus, only
 *     when one document fills the first results, the best {@code diversityTop} passages of others
 * @param diversityTop how many leading results the diversity rule shapes
 * @param diversityMaxPerDocument passages of one document allowed among those leading results
 * @param snippetMaxChars longest excerpt shown for a hit
 * @param diversityMinScoreRatio a passage of another document moves ahead of a document's extra
 *     passage only if it scores at least this share of that passage's score (comparable, not worse)
 * @param vectorNeighbours passages the semantic leg returns, and the fusion takes from each leg
 * @param semanticFloor cosine between the question and the nearest passage below which nothing in
 *     the corpus is taken to answer it (hybrid mode)
 * @param lexicalFloor share of the question's term weight (idf) the best lexical passage must hold to
 *     be taken as an answer (lexical mode, and hybrid without a close passage)
 * @param lexicalModeFloor the same share in lexical mode, where the words are the only evidence: lower,
 *     so questions in other words are still taken as answered
 * @param semanticHead in a hybrid search whose words hardly match (below {@code lexicalFloor}), how
 *     many leading results come from the semantic leg alone before the fused ranking continues
 * @param questionWords whether question framing ("why", "how many", "according to") is searched
 *     like other words; off by default, on only to reproduce a published run word for word
 */
public record SearchSettings(
        float proximityBoost,
        int proximitySlop,
        int maxProximityTerms,
        int candidateWindow,
        int diversityTop,
        int diversityMaxPerDocument,
        int snippetMaxChars,
        float diversityMinScoreRatio,
        int vectorNeighbours,
        double semanticFloor,
        double lexicalFloor,
        double lexicalModeFloor,
        int semanticHead,
        boolean questionWords) {

    /**
     * citebot's defaults: the proximity clause adds up to 1.5 times the terms' idf when they are
     * adjacent, fading with distance up to 10 positions, over the first 10 candidates (the smallest
     * swept window that kept every SciFact and seed-question figure; diversity no longer needs a
     * deeper one, since a second query fetches other documents' passages when one document fills
     * the first results); at most two passages of a document among the first five results;
     * excerpts of up to 360 characters (docs/benchmarks.md has what each choice scores).
     */
    public static SearchSettings defaults() {
        return new SearchSettings(1.5f, 10, 8, 10, 5, 2, 360, 0.8f, 100, 0.55, 0.5, 0.3, 3, false);
    }

    /** These settings with another candidate window (at least the diversity reach). */
    public SearchSettings withCandidateWindow(int window) {
        return new Copy(this).candidateWindow(window).build();
    }

    /** These settings with another proximity boost (0 turns it off). */
    public SearchSettings withProximityBoost(float boost) {
        return new Copy(this).proximityBoost(boost).build();
    }

    /** These settings with another semantic head (0: always fuse both legs). */
    public SearchSettings withSemanticHead(int head) {
        return new Copy(this).semanticHead(head).build();
    }

    /** These settings searching question words like any other word ({@code true}) or not. */
    public SearchSettings withQuestionWords(boolean searched) {
        return new Copy(this).questionWords(searched).build();
    }

    /** These settings with another diversity reach (0 turns the rule off). */
    public SearchSettings withDiversityTop(int top) {
        return new Copy(this).diversityTop(top).build();
    }

    /** A copy of settings with some values changed, for the {@code with...} methods. */
    private static final class Copy {
        private final SearchSettings from;
        private int candidateWindow;
        private float proximityBoost;
        private int diversityTop;
        private int semanticHead;
        private boolean questionWords;

        Copy(SearchSettings from) {
            this.from = from;
            this.candidateWindow = from.candidateWindow;
            this.proximityBoost = from.proximityBoost;
            this.diversityTop = from.diversityTop;
            this.semanticHead = from.semanticHead;
            this.questionWords = from.questionWords;
        }

        Copy candidateWindow(int value) {
            candidateWindow = value;
            return this;
        }

        Copy proximityBoost(float value) {
            proximityBoost = value;
            return this;
        }

        Copy diversityTop(int value) {
            diversityTop = value;
            return this;
        }

        Copy semanticHead(int value) {
            semanticHead = value;
            return this;
        }

        Copy questionWords(boolean value) {
            questionWords = value;
            return this;
        }

        SearchSettings build() {
            return new SearchSettings(
                    proximityBoost,
                    from.proximitySlop,
                    from.maxProximityTerms,
                    candidateWindow,
                    diversityTop,
                    from.diversityMaxPerDocument,
                    from.snippetMaxChars,
                    from.diversityMinScoreRatio,
                    from.vectorNeighbours,
                    from.semanticFloor,
                    from.lexicalFloor,
                    from.lexicalModeFloor,
                    semanticHead,
                    questionWords);
        }
    }

    public SearchSettings {
        if (proximityBoost < 0 || proximitySlop < 0 || maxProximityTerms < 2) {
            throw new IllegalArgumentException("the proximity boost and slop must be >= 0 and maxProximityTerms >= 2");
        }
        if ((long) proximitySlop + maxProximityTerms >= IndexSchema.REGION_GAP) {
            throw new IllegalArgumentException("a proximity match of " + maxProximityTerms + " terms with slop "
                    + proximitySlop + " could join a passage's text to its heading or title, which are "
                    + IndexSchema.REGION_GAP + " positions apart");
        }
        if (candidateWindow < diversityTop || diversityTop < 0 || diversityMaxPerDocument < 1 || snippetMaxChars < 40) {
            throw new IllegalArgumentException("bad diversity or snippet settings");
        }
        if (diversityMinScoreRatio < 0 || diversityMinScoreRatio > 1 || vectorNeighbours < 1) {
            throw new IllegalArgumentException("diversityMinScoreRatio must be 0..1 and vectorNeighbours >= 1");
        }
        if (semanticFloor < -1
                || semanticFloor > 1
                || lexicalFloor < 0
                || lexicalFloor > 1
                || semanticHead < 0
                || lexicalModeFloor < 0
                || lexicalModeFloor > 1) {
            throw new IllegalArgumentException("semanticFloor must be -1..1 and the lexical floors 0..1");
        }
    }
}
