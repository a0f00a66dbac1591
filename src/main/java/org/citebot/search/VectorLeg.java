package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.citebot.index.IndexSchema;
import org.citebot.semantic.TextEmbedder;

/**
 * The semantic leg of a hybrid search: the question embedded by the model, and the passages whose
 * vectors are nearest to it in the index's HNSW graph, restricted by the same constraints as the
 * words (phrases as written, exclusions, filters), so a quoted phrase or a {@code -word} means the
 * same in both legs. Question vectors are cached by text: paging and repeated questions embed once.
 */
final class VectorLeg {

    /** Question vectors kept; 384 floats each, so about 2.5 MiB. */
    static final int QUERY_CACHE_SIZE = 1_000;

    private final TextEmbedder embedder;
    private final int neighbours;
    private final Cache<String, float[]> questions;

    /** @param neighbours how many nearest passages the leg returns */
    VectorLeg(TextEmbedder embedder, int neighbours) {
        this.embedder = embedder;
        this.neighbours = neighbours;
        this.questions = BoundedCaches.<String, float[]>builder(
                        QUERY_CACHE_SIZE,
                        QUERY_CACHE_SIZE * (long) (embedder.dimension() * Float.BYTES + 256),
                        (text, vector) -> 64 + BoundedCaches.string(text) + vector.length * Float.BYTES)
                .build();
    }

    /** The model, for reports. */
    TextEmbedder model() {
        return embedder;
    }

    /** Whether {@code searcher}'s index holds passage vectors of this model's dimension. */
    boolean covers(IndexSearcher searcher) {
        FieldInfo field =
                FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(IndexSchema.VECTOR);
        return field != null && field.getVectorDimension() == embedder.dimension();
    }

    /**
     * The passages nearest in meaning to {@code question} that satisfy {@code constraints} (all of
     * them when empty, which spares building a filter over the whole index), nearest first; each score is Lucene's similarity for unit vectors, {@code (1 + cosine) / 2}.
     */
    ScoreDoc[] nearest(IndexSearcher searcher, String question, Optional<Query> constraints) throws IOException {
        float[] vector = questions.get(question, embedder::embedQuery);
        TopDocs top = searcher.search(
                new KnnFloatVectorQuery(IndexSchema.VECTOR, vector, neighbours, constraints.orElse(null)), neighbours);
        return top.scoreDocs;
    }

    /** The leading passages of {@code nearest} whose cosine to the question reaches {@code floor}. */
    static ScoreDoc[] closeEnough(ScoreDoc[] nearest, double floor) {
        int close = 0;
        while (close < nearest.length && cosine(nearest[close].score) >= floor) {
            close++;
        }
        return Arrays.copyOf(nearest, close);
    }

    /** The cosine similarity behind a score of {@link #nearest}. */
    static double cosine(float score) {
        return 2.0 * score - 1.0;
    }
}
