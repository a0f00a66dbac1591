package org.citebot.index;

import java.util.Locale;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;

/**
 * How the passage index analyzes text, weighs its fields and scores them, kept out of the index code
 * so a relevance evaluation (e.g. reproducing Anserini's BM25 baseline) can swap them. The
 * composition root passes {@link #defaults()}.
 *
 * <p>Title, section and body are scored as one BM25F field, {@link IndexSchema#WEIGHTED}: every
 * occurrence is written with a term frequency of {@code weight × FREQUENCY_SCALE}, so a title word
 * counts {@code titleWeight} body words inside one saturating score, and BM25's k1 is scaled by the
 * same factor. The scores are those of a BM25F over the three fields (up to the rounding of the
 * encoded lengths), and since they come from one field's postings, Lucene's block-max WAND can skip
 * blocks by their stored impacts. The weights are written into the index: changing them rebuilds it.
 *
 * @param analyzerId names the analysis; it is written into every commit and an index written with
 *     another analysis reports that it needs a rebuild
 * @param contentAnalyzer makes the analyzer for the title, section and body fields
 * @param bm25K1 term frequency saturation (per body occurrence); a query-time choice, changing it
 *     needs no rebuild
 * @param bm25B length normalisation; a query-time choice, changing it needs no rebuild
 * @param titleWeight how many body occurrences a title occurrence counts as: a multiple of {@code
 *     1 / FREQUENCY_SCALE} from 0.5 to {@link #MAX_WEIGHT}
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
     * The term frequency a body occurrence is written with in the weighted field: field weights are
     * multiples of its inverse (halves), since frequencies are whole numbers.
     */
    public static final int FREQUENCY_SCALE = 2;

    /** The largest field weight; far beyond anything that ranks well, and keeps frequencies small. */
    public static final float MAX_WEIGHT = 50;

    /** The id of the default analysis, Lucene's {@link IndexSchema#englishAnalyzer()}. */
    public static final String ENGLISH_ANALYSIS_ID = "english-porter-v1";

    /**
     * citebot's choice. k1 = 1.2 (Lucene's default) and b = 0.4 (Anserini's for passage collections:
     * passages are whole paragraphs whose length varies with the writing, not with how much they are
     * about the topic). A title occurrence counts as two body occurrences and a section heading one
     * and a half: they say what a passage is about. Anserini's k1 = 0.9 saturated a bit early once
     * the title's occurrences share one frequency with the body's: on SciFact it scored nDCG@10
     * 0.6835 against 0.6844 (docs/benchmarks.md has what each choice scores).
     */
    public static IndexSettings defaults() {
        return new IndexSettings(ENGLISH_ANALYSIS_ID, IndexSchema::englishAnalyzer, 1.2f, 0.4f, 2.0f, 1.5f);
    }

    /** Lucene's stock BM25 parameters (k1 = 1.2, b = 0.75) with the same analysis and weights, for comparisons. */
    public static IndexSettings luceneDefaults() {
        return new IndexSettings(ENGLISH_ANALYSIS_ID, IndexSchema::englishAnalyzer, 1.2f, 0.75f, 2.0f, 1.5f);
    }

    /** These settings with BM25's default field weights (title ×2, section ×1.5). */
    public IndexSettings(String analyzerId, Supplier<Analyzer> contentAnalyzer, float bm25K1, float bm25B) {
        this(analyzerId, contentAnalyzer, bm25K1, bm25B, 2.0f, 1.5f);
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
        float scaled = weight * FREQUENCY_SCALE;
        if (!(weight >= 1f / FREQUENCY_SCALE && weight <= MAX_WEIGHT) || scaled != Math.round(scaled)) {
            throw new IllegalArgumentException(
                    name + " must be a multiple of 0.5 from 0.5 to " + (int) MAX_WEIGHT + ", was " + weight);
        }
    }

    /** These settings with other field weights (each a multiple of 0.5); the index must be rebuilt for them. */
    public IndexSettings withFieldWeights(float title, float section) {
        return new IndexSettings(analyzerId, contentAnalyzer, bm25K1, bm25B, title, section);
    }

    /** The term frequency one title occurrence is written with in the weighted field. */
    public int titleFrequency() {
        return Math.round(titleWeight * FREQUENCY_SCALE);
    }

    /** The term frequency one section heading occurrence is written with in the weighted field. */
    public int sectionFrequency() {
        return Math.round(sectionWeight * FREQUENCY_SCALE);
    }

    /** The term frequency one body occurrence is written with in the weighted field. */
    public int bodyFrequency() {
        return FREQUENCY_SCALE;
    }

    /**
     * The field weights as the commit records them ({@code title=2.0,section=1.5}): an index written
     * with other weights must be rebuilt, since the weights live in its term frequencies.
     */
    public String fieldWeightsId() {
        return String.format(Locale.ROOT, "title=%.1f,section=%.1f", titleWeight, sectionWeight);
    }

    /**
     * The similarity to set on both the writer and every searcher: BM25 with these parameters, its
     * k1 scaled by {@link #FREQUENCY_SCALE} in the weighted field, whose frequencies are scaled so.
     */
    public Similarity similarity() {
        BM25Similarity fields = new BM25Similarity(bm25K1, bm25B);
        BM25Similarity weighted = new BM25Similarity(bm25K1 * FREQUENCY_SCALE, bm25B);
        return new PerFieldSimilarityWrapper() {
            @Override
            public Similarity get(String name) {
                return IndexSchema.WEIGHTED.equals(name) ? weighted : fields;
            }
        };
    }
}
