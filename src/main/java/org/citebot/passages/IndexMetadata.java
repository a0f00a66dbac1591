package org.citebot.passages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The corpus fingerprint of documents with these indexed hashes (by document id): a SHA-256 over
     * the sorted {@code id:hash} lines, the same whichever store holds them.
     */
    public static String corpusFingerprint(Map<String, String> hashes) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(hashes).entrySet()) {
            digest.update((entry.getKey() + ':' + entry.getValue() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
