package org.citebot.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every guild's digest per local day, which makes posting exactly-once: a run is
 * claimed (state {@code sending}, with its nonce) before anything is sent and marked with the
 * message id after, and the primary key allows one run per guild and day. Also remembers which
 * corpus documents each guild's last digest saw, so the next one can tell what is new.
 */
public final class DigestRuns {

    /** Where a day's digest stands. */
    public enum State {
        /** Claimed and being sent (or a send failed transiently, or the process died mid-send). */
        SENDING,
        POSTED,
        /** Nothing to say that day, and empty days are not posted. */
        EMPTY,
        /** A moderator skipped it. */
        SKIPPED,
        /** The bot was down at the time and came back after the grace period. */
        MISSED,
        /** The channel was gone or the bot lacked permission. */
        FAILED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One guild's digest for one local day.
     *
     * @param nonce what the send carries so Discord drops a repeat; empty for runs that send nothing
     * @param passageId the passage of the day, so it is not repeated within 30 days
     */
    public record DigestRun(
            String guildId,
            LocalDate localDate,
            State state,
            Optional<String> nonce,
            Optional<String> channelId,
            Optional<String> messageId,
            Optional<String> passageId,
            Instant scheduledAt,
            Optional<String> error) {}

    private final StateStore store;

    public DigestRuns(StateStore store) {
        this.store = store;
    }

    public Optional<DigestRun> find(String guildId, LocalDate date) {
        return store.read(c -> find(c, guildId, date));
    }

    /** Every run still in {@code sending}: interrupted or transiently failed sends to finish. */
    public List<DigestRun> sending() {
        return store.read(c -> {
            List<DigestRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM digest_runs WHERE state = 'sending' ORDER BY guild_id, local_date")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(read(rs));
                    }
                }
            }
            return runs;
        });
    }

    /**
     * Records {@code run} unless the guild already has a run that day in a state not listed in
     * {@code replaceable}. Returns true when this run now holds the day.
     */
    public boolean claim(DigestRun run, Set<State> replaceable) {
        return store.transaction(c -> {
            Optional<DigestRun> existing = find(c, run.guildId(), run.localDate());
            if (existing.isPresent() && !replaceable.contains(existing.get().state())) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR REPLACE INTO digest_runs(guild_id, local_date, state, nonce, channel_id, message_id,
                                                       passage_id, scheduled_at, recorded_at, finished_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, run.guildId());
                s.setString(2, run.localDate().toString());
                s.setString(3, run.state().column());
                s.setString(4, run.nonce().orElse(null));
                s.setString(5, run.channelId().orElse(null));
                s.setString(6, run.messageId().orElse(null));
                s.setString(7, run.passageId().orElse(null));
                s.setLong(8, run.scheduledAt().toEpochMilli());
                s.setLong(9, store.clock().millis());
                if (run.state() == State.SENDING) {
                    s.setNull(10, Types.INTEGER);
                } else {
                    s.setLong(10, store.clock().millis());
                }
                s.setString(11, run.error().orElse(null));
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Marks a claimed run as posted with the message Discord created. */
    public void markPosted(String guildId, LocalDate date, String messageId) {
        update(guildId, date, State.POSTED, Optional.of(messageId), Optional.empty());
    }

    /** Moves a run to {@code state} (failed, or still sending after a transient error), noting why. */
    public void mark(String guildId, LocalDate date, State state, Optional<String> error) {
        update(guildId, date, state, Optional.empty(), error);
    }

    /** Passages of the day posted (or being posted) by the guild from {@code since} on, except on {@code except}. */
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

    /** The documents (id to content hash) the guild's last posted digest saw; empty before the first. */
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

    /** Replaces what the guild's digests have seen with {@code documents} (id to content hash). */
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
                                           finished_at = ? WHERE guild_id = ? AND local_date = ?""")) {
                s.setString(1, state.column());
                s.setString(2, messageId.orElse(null));
                s.setString(3, error.orElse(null));
                if (state == State.SENDING) {
                    s.setNull(4, Types.INTEGER);
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
                c.prepareStatement("SELECT * FROM digest_runs WHERE guild_id = ? AND local_date = ?")) {
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
