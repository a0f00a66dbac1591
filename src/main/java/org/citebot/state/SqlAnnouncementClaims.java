package org.citebot.state;

import java.sql.PreparedStatement;
import java.time.Duration;
import org.citebot.reindex.AnnouncementClaims;

/**
 * {@link AnnouncementClaims} as rows of {@code cluster_leases} named after the action and the
 * server: the first {@code INSERT ... ON CONFLICT DO NOTHING} of a pair wins, whichever process
 * makes it. A claim is kept a day, far longer than processes take to follow a generation (a
 * second), and the claims that ran out are deleted as new ones are made; no schema change.
 */
public final class SqlAnnouncementClaims implements AnnouncementClaims {

    /** Names of claim rows start so, apart from the leases such as {@code reindex}. */
    private static final String PREFIX = "announced: ";

    private static final Duration KEPT = Duration.ofDays(1);

    private final StateStore store;
    private final String holder;

    /** @param holder this process's name, recorded with its claims */
    public SqlAnnouncementClaims(StateStore store, String holder) {
        this.store = store;
        this.holder = holder;
    }

    @Override
    public boolean claim(String action, String server) {
        long now = store.clock().millis();
        return store.transaction(c -> {
            try (PreparedStatement prune =
                    c.prepareStatement("DELETE FROM cluster_leases WHERE name LIKE ? AND expires_at < ?")) {
                prune.setString(1, PREFIX + "%");
                prune.setLong(2, now);
                prune.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cluster_leases(name, holder, expires_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING")) {
                s.setString(1, PREFIX + action + " in " + server);
                s.setString(2, holder);
                s.setLong(3, now + KEPT.toMillis());
                return s.executeUpdate() == 1;
            }
        });
    }
}
