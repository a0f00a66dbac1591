package org.citebot.index;

import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * How the passage index analyzes text and scores it, kept out of the index code so a relevance
 * evaluation (e.g. reproducing Anserini's BM25 baseline) can swap them. The composition root passes
 * {@link #defaults()}.
 *
 * @param analyzerId names the analysis; it is written into every commit and an index written with
 *     another analysis reports that it needs a rebuild
 * @param contentAnalyzer makes the analyzer for the title, section and body fields
 * @param bm25K1 term frequency saturation; a query-time choice, changing it needs no rebuild
 * @param bm25B length normalisation; a query-time choice, changing it needs no rebuild
 */
public record IndexSettings(String analyzerId, Supplier<Analyzer> contentAnalyzer, float bm25K1, float bm25B) {

    /**
     * citebot's choice, the same as Anserini's tuned BM25 for passage collections: k1 = 0.9, because
     * in a short passage a repeated word says little more than the first occurrence; b = 0.4,
     * because passages are whole paragraphs whose length varies with the writing, not with how
     * much they are about the topic, so long paragraphs should be penalised only mildly.
     */
    public static IndexSettings defaults() {
        return new IndexSettings("english-porter-v1", IndexSchema::englishAnalyzer, 0.9f, 0.4f);
    }

    /** Lucene's stock BM25 parameters (k1 = 1.2, b = 0.75) with the same analysis, for comparisons. */
    public static IndexSettings luceneDefaults() {
        return new IndexSettings("english-porter-v1", IndexSchema::englishAnalyzer, 1.2f, 0.75f);
    }

    public IndexSettings {
        if (analyzerId.isBlank()) {
            throw new IllegalArgumentException("analyzerId must not be blank");
        }
        if (!(bm25K1 >= 0) || !(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bad BM25 parameters k1=" + bm25K1 + " b=" + bm25B);
        }
    }

    /** The similarity to set on both the writer and every searcher. */
    public Similarity similarity() {
        return new BM25Similarity(bm25K1, bm25B);
    }
}
