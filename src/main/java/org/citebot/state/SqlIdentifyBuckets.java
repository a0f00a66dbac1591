package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.citebot.cluster.IdentifyBuckets;

/**
 * {@link IdentifyBuckets} in the state database's {@code identify_buckets}: one row per bucket with
 * the next moment it may be used. A reservation reads and moves that moment in one serializable
 * transaction (one writer at a time on SQLite), so two processes reserving at once get slots the
 * spacing apart.
 */
public final class SqlIdentifyBuckets implements IdentifyBuckets {

    private final StateStore store;

    public SqlIdentifyBuckets(StateStore store) {
        this.store = store;
    }

    @Override
    public Instant reserve(int bucket, Duration spacing) {
        if (bucket < 0 || spacing.isNegative()) {
            throw new IllegalArgumentException("bucket " + bucket + ", spacing " + spacing);
        }
        return store.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO identify_buckets(bucket, next_at) VALUES (?, 0) ON CONFLICT(bucket) DO NOTHING")) {
                insert.setInt(1, bucket);
                insert.executeUpdate();
            }
            long next;
            try (PreparedStatement select =
                    c.prepareStatement("SELECT next_at FROM identify_buckets WHERE bucket = ?")) {
                select.setInt(1, bucket);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("identify bucket " + bucket + " missing after its insert");
                    }
                    next = rs.getLong(1);
                }
            }
            long slot = Math.max(next, store.clock().millis());
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE identify_buckets SET next_at = ? WHERE bucket = ?")) {
                update.setLong(1, slot + spacing.toMillis());
                update.setInt(2, bucket);
                update.executeUpdate();
            }
            return Instant.ofEpochMilli(slot);
        });
    }
}
