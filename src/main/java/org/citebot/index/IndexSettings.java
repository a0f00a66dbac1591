package org.citebot.index;

import java.util.Locale;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * How the passage index analyzes text, weighs its fields and scores them, kept out of the index code
 * so a relevance evaluation (e.g. reproducing Anserini's BM25 baseline) can swap them. The
 * composition root passes {@link #defaults()}.
 *
 * <p>Title, section and body are scored as one BM25F field, {@link IndexSchema#BODY}: a passage's
 * own words, then its section heading's, then its document title's, each heading and title token
 * written {@code weight} times at its position, so a title word counts {@code titleWeight} body words
 * inside one saturating score. The field's length counts every copy, as a BM25F over the three
 * fields sums their weighted lengths. The scores come from one field's postings, so Lucene's
 * block-max WAND skips blocks by their stored impacts, and the same postings serve phrases and
 * proximity. The weights are written into the index: changing them rebuilds it.
 *
 * @param analyzerId names the analysis; it is written into every commit and an index written with
 *     another analysis reports that it needs a rebuild
 * @param contentAnalyzer makes the analyzer for the title, section and body fields
 * @param bm25K1 term frequency saturation (per body occurrence); a query-time choice, changing it
 *     needs no rebuild
 * @param bm25B length normalisation; a query-time choice, changing it needs no rebuild
 * @param titleWeight how many body occurrences a title occurrence counts as: a whole number from 1
 *     to {@link #MAX_WEIGHT}
 * @param sectionWeight the same for a section heading occurrence
 */
public record IndexSettings(
        String analyzerId,
        Supplier<Analyzer> contentAnalyzer,
        float bm25K1,
        float bm25B,
        float titleWeight,
        float sectionWeight) {

    /**
     * The largest field weight: far beyond anything that ranks well, and every title token is
     * written this many times.
     */
    public static final float MAX_WEIGHT = 10;

    /** The id of the default analysis, Lucene's {@link IndexSchema#englishAnalyzer()}. */
    public static final String ENGLISH_ANALYSIS_ID = "english-porter-v1";

    /**
     * citebot's choice. k1 = 1.2 (Lucene's default) and b = 0.4 (Anserini's for passage collections:
     * passages are whole paragraphs whose length varies with the writing, not with how much they are
     * about the topic). A title or section heading occurrence counts as two body occurrences: they
     * say what a passage is about (a heading weighed 1.5 before the weights became copies of a token,
     * and 1 or 2 score the seed questions alike). Anserini's k1 = 0.9 saturated a bit early once
     * the title's occurrences share one frequency with the body's: on SciFact it scored nDCG@10
     * 0.6835 against 0.6844 (docs/benchmarks.md has what each choice scores).
     */
    public static IndexSettings defaults() {
        return new IndexSettings(ENGLISH_ANALYSIS_ID, IndexSchema::englishAnalyzer, 1.2f, 0.4f, 2.0f, 2.0f);
    }

    /** Lucene's stock BM25 parameters (k1 = 1.2, b = 0.75) with the same analysis and weights, for comparisons. */
    public static IndexSettings luceneDefaults() {
        return new IndexSettings(ENGLISH_ANALYSIS_ID, IndexSchema::englishAnalyzer, 1.2f, 0.75f, 2.0f, 2.0f);
    }

    /** These settings with BM25's default field weights (title ×2, section ×1.5). */
    public IndexSettings(String analyzerId, Supplier<Analyzer> contentAnalyzer, float bm25K1, float bm25B) {
        this(analyzerId, contentAnalyzer, bm25K1, bm25B, 2.0f, 2.0f);
    }

    public IndexSettings {
        if (analyzerId.isBlank()) {
            throw new IllegalArgumentException("analyzerId must not be blank");
        }
        if (!(bm25K1 >= 0) || !(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bad BM25 parameters k1=" + bm25K1 + " b=" + bm25B);
        }
        checkWeight("titleWeight", titleWeight);
        checkWeight("sectionWeight", sectionWeight);
    }

    private static void checkWeight(String name, float weight) {
        if (!(weight >= 1 && weight <= MAX_WEIGHT) || weight != Math.round(weight)) {
            throw new IllegalArgumentException(
                    name + " must be a whole number from 1 to " + (int) MAX_WEIGHT + ", was " + weight);
        }
    }

    /** These settings with other field weights (each a whole number); the index must be rebuilt for them. */
    public IndexSettings withFieldWeights(float title, float section) {
        return new IndexSettings(analyzerId, contentAnalyzer, bm25K1, bm25B, title, section);
    }

    /** How many times each title token is written into a passage's body field. */
    public int titleCopies() {
        return Math.round(titleWeight);
    }

    /** How many times each section heading token is written into a passage's body field. */
    public int sectionCopies() {
        return Math.round(sectionWeight);
    }

    /**
     * The field weights as the commit records them ({@code title=2.0,section=2.0}): an index written
     * with other weights must be rebuilt, since the weights are the copies its body field holds.
     */
    public String fieldWeightsId() {
        return String.format(Locale.ROOT, "title=%.1f,section=%.1f", titleWeight, sectionWeight);
    }

    /**
     * The similarity to set on both the writer and every searcher: BM25 with these parameters, whose
     * lengths count every copy of a title or heading token, as the weighted lengths of a BM25F do
     * (Lucene leaves tokens at the same position out of the length by default).
     */
    public Similarity similarity() {
        return new BM25Similarity(bm25K1, bm25B, false);
    }
}
