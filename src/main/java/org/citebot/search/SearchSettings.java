package org.citebot.search;

/**
 * Tuning of the search service: field boosts, the proximity boost, diversity and snippet size.
 * Kept in one record so a relevance evaluation can vary them; the composition root passes
 * {@link #defaults()}.
 *
 * @param titleBoost weight of a title match relative to a body match
 * @param sectionBoost weight of a section heading match relative to a body match
 * @param proximityBoost weight of the sloppy phrase over the query terms (terms near each other)
 * @param proximitySlop how many positions apart the terms may be for the proximity boost to apply
 * @param maxProximityTerms how many distinct query terms the proximity clause uses at most
 * @param candidateWindow leading BM25 candidates re-scored for proximity and reordered for diversity
 * @param diversityTop how many leading results the diversity rule shapes
 * @param diversityMaxPerDocument passages of one document allowed among those leading results
 * @param snippetMaxChars longest excerpt shown for a hit
 */
public record SearchSettings(
        float titleBoost,
        float sectionBoost,
        float proximityBoost,
        int proximitySlop,
        int maxProximityTerms,
        int candidateWindow,
        int diversityTop,
        int diversityMaxPerDocument,
        int snippetMaxChars) {

    /**
     * citebot's defaults: within one BM25F score, a title occurrence counts as two body occurrences
     * and a section heading one and a half (they say what a passage is about; see docs/benchmarks.md
     * for what each choice scores on SciFact); the proximity clause adds up to 1.5 times the terms'
     * idf when they are adjacent, fading with distance up to 10 positions; at most two passages
     * of a document among the first five results; excerpts of up to 360 characters.
     */
    public static SearchSettings defaults() {
        return new SearchSettings(2.0f, 1.5f, 1.5f, 10, 8, 100, 5, 2, 360);
    }

    public SearchSettings {
        if (titleBoost < 1 || sectionBoost < 1 || proximityBoost < 0 || proximitySlop < 0 || maxProximityTerms < 2) {
            throw new IllegalArgumentException("boosts and slop must be >= 0 and maxProximityTerms >= 2");
        }
        if (candidateWindow < diversityTop || diversityTop < 0 || diversityMaxPerDocument < 1 || snippetMaxChars < 40) {
            throw new IllegalArgumentException("bad diversity or snippet settings");
        }
    }
}
