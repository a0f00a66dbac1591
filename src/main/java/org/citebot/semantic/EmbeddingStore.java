package org.citebot.semantic;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Vectors already computed, by model and by a hash of the embedded text, kept on disk across
 * reindexes and index rebuilds so that a passage is embedded once in its life. The indexer reads it
 * before embedding and writes what it embedded; implementations live with the other storage.
 */
public interface EmbeddingStore extends AutoCloseable {

    /** The stored vectors of {@code keys} (those that have one) under {@code modelId}. */
    Map<String, float[]> find(String modelId, Collection<String> keys);

    /** Stores {@code vectors} under {@code modelId}, replacing any with the same key. */
    void save(String modelId, Map<String, float[]> vectors);

    /** How many vectors are stored under {@code modelId}. */
    long count(String modelId);

    /**
     * Deletes every vector of {@code modelId} whose key is not in {@code keep}, and every vector of
     * other models; returns how many were deleted.
     */
    long retainOnly(String modelId, Set<String> keep);

    @Override
    void close();

    /** A store that remembers nothing: every passage is embedded each time it is indexed. */
    EmbeddingStore NONE = new EmbeddingStore() {
        @Override
        public Map<String, float[]> find(String modelId, Collection<String> keys) {
            return Map.of();
        }

        @Override
        public void save(String modelId, Map<String, float[]> vectors) {}

        @Override
        public long count(String modelId) {
            return 0;
        }

        @Override
        public long retainOnly(String modelId, Set<String> keep) {
            return 0;
        }

        @Override
        public void close() {}
    };
}
