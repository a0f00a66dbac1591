package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Arrays;
import org.apache.lucene.search.ScoreDoc;
import org.citebot.semantic.TextEmbedder;

/**
 * The semantic leg of a hybrid search: the question embedded by the model, whose nearest passages
 * the engine finds ({@link SearchPort.Session#nearest}) under the same constraints as the words
 * (phrases as written, exclusions, filters), so a quoted phrase or a {@code -word} means the same in
 * both legs. Question vectors are cached by text: paging and repeated questions embed once.
 */
final class VectorLeg {

    /** Question vectors kept; 384 floats each, so about 2.5 MiB. */
    static final int QUERY_CACHE_SIZE = 1_000;

    private final TextEmbedder embedder;
    private final Cache<String, float[]> questions;

    VectorLeg(TextEmbedder embedder) {
        this.embedder = embedder;
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

    /** The question's vector, embedded once per text while it stays in the cache. */
    float[] vector(String question) {
        return questions.get(question, embedder::embedQuery);
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
