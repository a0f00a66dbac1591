package org.citebot.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.citebot.semantic.TextEmbedder;

/**
 * Stands in for the semantic model when {@code citebot bench --synthetic-vectors} measures the
 * memory and time to ready of a hybrid index too large to embed here (1M passages would take about
 * 14 hours): each text gets a deterministic pseudo-random unit vector of the model's dimension,
 * seeded by the text. The HNSW graph's memory and loading do not depend on what the vectors mean,
 * but every ranking and latency measured with them does, so the report labels them synthetic.
 */
public final class SyntheticUnitVectors implements TextEmbedder {

    /** The dimension of the model the bot uses (bge-small-en-v1.5), so the graph is as large. */
    public static final int DIMENSION = 384;

    /** The model id the embedding cache and the report carry, never confused with a real model's. */
    public static final String MODEL_ID = "synthetic-unit-vectors-384";

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embedQuery(String question) {
        return vector("query: " + question);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        texts.forEach(text -> vectors.add(vector(text)));
        return vectors;
    }

    /** A unit vector drawn from a generator seeded by the text's bytes: the same text, the same vector. */
    static float[] vector(String text) {
        long seed = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            seed = 31 * seed + b;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[DIMENSION];
        double norm = 0;
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    @Override
    public void close() {
        // Nothing to release: no model is loaded.
    }
}
