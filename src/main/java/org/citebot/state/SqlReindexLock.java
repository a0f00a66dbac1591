package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.citebot.reindex.ReindexLock;

/**
 * {@link ReindexLock} as the {@code reindex} row of {@code cluster_leases}. Taking it is one {@code
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE} whose condition is that the lease ran out or is the
 * taker's own, so of two processes taking it at once exactly one succeeds. Lease times come from
 * each process's clock; leases last tens of seconds, far longer than clocks kept by NTP differ.
 */
public final class SqlReindexLock implements ReindexLock {

    /** The lease's name in {@code cluster_leases}; {@link SqlReindexRuns} reads it too. */
    static final String NAME = "reindex";

    private final StateStore store;

    public SqlReindexLock(StateStore store) {
        this.store = store;
    }

    @Override
    public boolean acquire(String holder, Instant until, Instant now) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO cluster_leases(name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT(name)"
                            + " DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                            + " WHERE cluster_leases.expires_at <= ? OR cluster_leases.holder = excluded.holder")) {
                s.setString(1, NAME);
                s.setString(2, holder);
                s.setLong(3, until.toEpochMilli());
                s.setLong(4, now.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean renew(String holder, Instant until) {
        return store.transaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE cluster_leases SET expires_at = ? WHERE name = ? AND holder = ?")) {
                s.setLong(1, until.toEpochMilli());
                s.setString(2, NAME);
                s.setString(3, holder);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String holder) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM cluster_leases WHERE name = ? AND holder = ?")) {
                s.setString(1, NAME);
                s.setString(2, holder);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> holder(Instant now) {
        return store.read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT holder FROM cluster_leases WHERE name = ? AND expires_at > ?")) {
                s.setString(1, NAME);
                s.setLong(2, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
