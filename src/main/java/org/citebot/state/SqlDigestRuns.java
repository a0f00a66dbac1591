package org.citebot.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citebot.digest.DigestRuns;

/**
 * {@link DigestRuns} in the state database ({@code digest_runs}, {@code digest_seen_documents}),
 * SQLite or PostgreSQL. The claim is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} whose
 * condition is the existing run's state: the database decides which claim holds the day, so it
 * holds across processes as well as threads. A claimed send carries a lease (its holder and until
 * when), and taking over an unfinished send is one {@code UPDATE ... WHERE} the lease ran out or is
 * the taker's own.
 */
public final class SqlDigestRuns implements DigestRuns {

    /** The holder of a process that shares its state database with no other citebot. */
    public static final String ALONE = "citebot";

    /** How long a claimed send is its sender's alone: the post's 30 s timeout and the channel check, with room. */
    public static final Duration SEND_LEASE = Duration.ofMinutes(2);

    private static final String COLUMNS =
            "guild_id, local_date, state, nonce, channel_id, message_id, passage_id, scheduled_at, recorded_at,"
                    + " finished_at, error";

    private final StateStore store;
    private final String holder;
    private final Duration lease;

    /** For a process alone on its state database: every restart may take its sends over at once. */
    public SqlDigestRuns(StateStore store) {
        this(store, ALONE, SEND_LEASE);
    }

    /**
     * @param holder this process's name among those sharing the database, the same across its
     *     restarts, so a restarted process finishes its own interrupted sends without waiting
     * @param lease how long a send this process claims or takes over stays its own
     */
    public SqlDigestRuns(StateStore store, String holder, Duration lease) {
        this.store = store;
        this.holder = holder;
        this.lease = lease;
    }

    @Override
    public Optional<DigestRun> find(String guildId, LocalDate date) {
        return store.read(c -> find(c, guildId, date));
    }

    @Override
    public List<DigestRun> sending() {
        return store.read(c -> {
            List<DigestRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM digest_runs WHERE state = 'sending' ORDER BY guild_id, local_date")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(read(rs));
                    }
                }
            }
            return runs;
        });
    }

    @Override
    public boolean claim(DigestRun run, Set<State> replaceable) {
        // Inserted, or the existing run replaced when its state allows: one statement, so two
        // processes claiming the same day cannot both see it free. Zero rows changed means taken.
        String onConflict = replaceable.isEmpty()
                ? "DO NOTHING"
                : "DO UPDATE SET state = excluded.state, nonce = excluded.nonce, channel_id = excluded.channel_id,"
                        + " message_id = excluded.message_id, passage_id = excluded.passage_id,"
                        + " scheduled_at = excluded.scheduled_at, recorded_at = excluded.recorded_at,"
                        + " finished_at = excluded.finished_at, error = excluded.error,"
                        + " lease_holder = excluded.lease_holder, lease_until = excluded.lease_until"
                        + " WHERE digest_runs.state IN ("
                        + String.join(", ", Collections.nCopies(replaceable.size(), "?"))
                        + ")";
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO digest_runs(" + COLUMNS
                    + ", lease_holder, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT(guild_id, local_date) " + onConflict)) {
                long now = store.clock().millis();
                s.setString(1, run.guildId());
                s.setString(2, run.localDate().toString());
                s.setString(3, run.state().column());
                s.setString(4, run.nonce().orElse(null));
                s.setString(5, run.channelId().orElse(null));
                s.setString(6, run.messageId().orElse(null));
                s.setString(7, run.passageId().orElse(null));
                s.setLong(8, run.scheduledAt().toEpochMilli());
                s.setLong(9, now);
                if (run.state() == State.SENDING) {
                    s.setNull(10, Types.BIGINT);
                } else {
                    s.setLong(10, now);
                }
                s.setString(11, run.error().orElse(null));
                s.setString(12, holder);
                if (run.state() == State.SENDING) {
                    s.setLong(13, now + lease.toMillis());
                } else {
                    s.setNull(13, Types.BIGINT);
                }
                int parameter = 14;
                for (State state : replaceable) {
                    s.setString(parameter++, state.column());
                }
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean takeOver(String guildId, LocalDate date) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE digest_runs SET lease_holder = ?, lease_until = ? WHERE guild_id = ? AND local_date = ?"
                            + " AND state = 'sending' AND (lease_until IS NULL OR lease_until <= ? OR lease_holder = ?)")) {
                long now = store.clock().millis();
                s.setString(1, holder);
                s.setLong(2, now + lease.toMillis());
                s.setString(3, guildId);
                s.setString(4, date.toString());
                s.setLong(5, now);
                s.setString(6, holder);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void markPosted(String guildId, LocalDate date, String messageId) {
        update(guildId, date, State.POSTED, Optional.of(messageId), Optional.empty());
    }

    @Override
    public void mark(String guildId, LocalDate date, State state, Optional<String> error) {
        update(guildId, date, state, Optional.empty(), error);
    }

    @Override
    public Set<String> passagesSince(String guildId, LocalDate since, LocalDate except) {
        return store.read(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT passage_id FROM digest_runs WHERE guild_id = ? AND local_date >= ? AND local_date <> ?
                      AND passage_id IS NOT NULL AND state IN ('sending', 'posted')""")) {
                s.setString(1, guildId);
                s.setString(2, since.toString());
                s.setString(3, except.toString());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public Map<String, String> seenDocuments(String guildId) {
        return store.read(c -> {
            Map<String, String> seen = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT doc_id, content_hash FROM digest_seen_documents WHERE guild_id = ? ORDER BY doc_id")) {
                s.setString(1, guildId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        seen.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return seen;
        });
    }

    @Override
    public void replaceSeenDocuments(String guildId, Map<String, String> documents) {
        store.transaction(c -> {
            try (PreparedStatement delete =
                    c.prepareStatement("DELETE FROM digest_seen_documents WHERE guild_id = ?")) {
                delete.setString(1, guildId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO digest_seen_documents(guild_id, doc_id, content_hash) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> document : documents.entrySet()) {
                    insert.setString(1, guildId);
                    insert.setString(2, document.getKey());
                    insert.setString(3, document.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void update(
            String guildId, LocalDate date, State state, Optional<String> messageId, Optional<String> error) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE digest_runs SET state = ?, message_id = COALESCE(?, message_id), error = ?,
                                           finished_at = ?, lease_until = NULL
                    WHERE guild_id = ? AND local_date = ?""")) {
                s.setString(1, state.column());
                s.setString(2, messageId.orElse(null));
                s.setString(3, error.orElse(null));
                if (state == State.SENDING) {
                    s.setNull(4, Types.BIGINT);
                } else {
                    s.setLong(4, store.clock().millis());
                }
                s.setString(5, guildId);
                s.setString(6, date.toString());
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no digest run for guild " + guildId + " on " + date);
                }
            }
            return null;
        });
    }

    private static Optional<DigestRun> find(Connection c, String guildId, LocalDate date) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM digest_runs WHERE guild_id = ? AND local_date = ?")) {
            s.setString(1, guildId);
            s.setString(2, date.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static DigestRun read(ResultSet rs) throws SQLException {
        return new DigestRun(
                rs.getString("guild_id"),
                LocalDate.parse(rs.getString("local_date")),
                State.of(rs.getString("state")),
                Optional.ofNullable(rs.getString("nonce")),
                Optional.ofNullable(rs.getString("channel_id")),
                Optional.ofNullable(rs.getString("message_id")),
                Optional.ofNullable(rs.getString("passage_id")),
                Instant.ofEpochMilli(rs.getLong("scheduled_at")),
                Optional.ofNullable(rs.getString("error")));
    }
}
