package org.citebot.passages;

import java.time.Instant;

/**
 * Facts about a built index, kept with the passages (the Lucene commit's user data, or Solr's metadata document) so they travel with them.
 *
 * @param schemaVersion the schema version the index was written with; an older one is rebuilt
 * @param corpusFingerprint hash over the ids and content hashes of all indexed documents
 * @param generation increases with every commit; caches key on it so a swap never serves stale hits
 * @param vectorModel the model every passage's vector was made with; empty when the index holds none
 */
public record IndexMetadata(
        int schemaVersion,
        String corpusFingerprint,
        int documents,
        int passages,
        Instant builtAt,
        long generation,
        String vectorModel) {

    /** Whether passages carry vectors, so the semantic leg can search them. */
    public boolean hasVectors() {
        return !vectorModel.isEmpty();
    }
}
