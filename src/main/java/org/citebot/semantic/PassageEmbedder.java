package org.citebot.semantic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vectors for passages, computed only when the {@link EmbeddingStore} has none for the same text
 * under the same model: an unchanged corpus re-indexed, or the whole index rebuilt for a new schema,
 * embeds nothing. The indexer calls it for every document it writes.
 */
public final class PassageEmbedder {

    private final TextEmbedder embedder;
    private final EmbeddingStore store;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong modelNanos = new AtomicLong();

    public PassageEmbedder(TextEmbedder embedder, EmbeddingStore store) {
        this.embedder = embedder;
        this.store = store;
    }

    /** The model behind the vectors. */
    public TextEmbedder model() {
        return embedder;
    }

    /**
     * The text a passage is embedded as: its document's title, then the passage. The title gives a
     * passage the context a reader has (what article it is from); it is also how the SciFact vectors
     * that {@code citebot eval} may read were made, so those can stand in for citebot's own.
     */
    public static String passageText(String title, String passage) {
        return title.isBlank() ? passage : title + " " + passage;
    }

    /** The store key of {@code text}: hex SHA-256 of its UTF-8 bytes, cut to 128 bits. */
    public static String key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The vector of every text, in order: from the store where it has one, else embedded now and
     * saved. {@code texts} are what {@link #passageText} made.
     */
    public List<float[]> vectors(List<String> texts) {
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(texts.size());
        for (String text : texts) {
            String key = key(text);
            keys.add(key);
            byKey.putIfAbsent(key, text);
        }
        Map<String, float[]> found = new HashMap<>(store.find(embedder.modelId(), byKey.keySet()));
        List<String> missingKeys = new ArrayList<>();
        List<String> missingTexts = new ArrayList<>();
        for (Map.Entry<String, String> entry : byKey.entrySet()) {
            if (!found.containsKey(entry.getKey())) {
                missingKeys.add(entry.getKey());
                missingTexts.add(entry.getValue());
            }
        }
        if (!missingTexts.isEmpty()) {
            long started = System.nanoTime();
            List<float[]> fresh = embedder.embedPassages(missingTexts);
            modelNanos.addAndGet(System.nanoTime() - started);
            Map<String, float[]> computed = new LinkedHashMap<>();
            for (int i = 0; i < missingKeys.size(); i++) {
                computed.put(missingKeys.get(i), fresh.get(i));
            }
            store.save(embedder.modelId(), computed);
            found.putAll(computed);
        }
        embedded.addAndGet(missingTexts.size());
        reused.addAndGet(texts.size() - missingTexts.size());
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String key : keys) {
            vectors.add(found.get(key));
        }
        return vectors;
    }

    /** Passages embedded by the model since this object was made. */
    public long embeddedCount() {
        return embedded.get();
    }

    /** Time the model spent embedding since this object was made, in nanoseconds. */
    public long modelNanos() {
        return modelNanos.get();
    }

    /** Passages whose vector came from the store since this object was made. */
    public long reusedCount() {
        return reused.get();
    }
}
