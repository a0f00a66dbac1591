package org.citebot.state;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citebot.semantic.EmbeddingStore;

/**
 * The embedding cache as its own SQLite file beside the index ({@code data/embeddings.db}): one row
 * a model and text hash, the vector as little-endian float32. It is a cache, not state: deleting the
 * file only costs the time to embed the corpus again, so it is kept apart from the state database
 * (and from any shared one), with migrations of its own.
 */
public final class SqliteEmbeddingStore implements EmbeddingStore {

    /** Keys a query looks up at once, well under SQLite's limit on bound parameters. */
    private static final int LOOKUP_BATCH = 500;

    private static final List<Migration> MIGRATIONS = List.of(new Migration(1, "embedding cache", List.of("""
            CREATE TABLE embeddings (
              model TEXT NOT NULL,
              text_key TEXT NOT NULL,
              vector BLOB NOT NULL,
              PRIMARY KEY (model, text_key)
            ) WITHOUT ROWID""")));

    private final StateStore database;

    private SqliteEmbeddingStore(StateStore database) {
        this.database = database;
    }

    /** Opens (creating if needed) the cache at {@code file}. */
    public static SqliteEmbeddingStore open(Path file) {
        return new SqliteEmbeddingStore(StateStore.open(file, Clock.systemUTC(), MIGRATIONS));
    }

    @Override
    public Map<String, float[]> find(String modelId, Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        return database.read(c -> {
            Map<String, float[]> found = new HashMap<>();
            for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH));
                String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT text_key, vector FROM embeddings WHERE model = ? AND text_key IN (" + marks + ")")) {
                    select.setString(1, modelId);
                    for (int i = 0; i < batch.size(); i++) {
                        select.setString(i + 2, batch.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), toVector(rs.getBytes(2)));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void save(String modelId, Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT OR REPLACE INTO embeddings(model, text_key, vector) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    insert.setString(1, modelId);
                    insert.setString(2, entry.getKey());
                    insert.setBytes(3, toBytes(entry.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public long count(String modelId) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM embeddings WHERE model = ?")) {
                select.setString(1, modelId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long retainOnly(String modelId, Set<String> keep) {
        return database.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS keep_keys (text_key TEXT PRIMARY KEY) WITHOUT ROWID");
                s.execute("DELETE FROM keep_keys");
                try (PreparedStatement insert =
                        c.prepareStatement("INSERT OR IGNORE INTO keep_keys(text_key) VALUES (?)")) {
                    for (String key : keep) {
                        insert.setString(1, key);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                long deleted;
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM embeddings WHERE model <> ? "
                        + "OR text_key NOT IN (SELECT text_key FROM keep_keys)")) {
                    delete.setString(1, modelId);
                    deleted = delete.executeUpdate();
                }
                s.execute("DELETE FROM keep_keys");
                return deleted;
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }

    private static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] toVector(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
