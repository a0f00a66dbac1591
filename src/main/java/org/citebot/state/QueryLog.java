package org.citebot.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What groups ask: each search's normalised query, guild, time, result count and whether its answer
 * was public, never who asked. Feeds autocomplete of a server's questions, the digest's "Most
 * asked" and "Unanswered", and cache warm-up after a reindex.
 *
 * <p>A question reaches a server's autocomplete or "Most asked" only once {@value #SHARED_AFTER}
 * different members asked it there publicly, so one member's question is never shown to others.
 * Distinct askers are counted by a keyed hash (HMAC-SHA-256) of the member id under a salt that
 * lives only in this object's memory and is replaced every UTC day and on every start; the hashes
 * made under a salt are deleted when it is replaced, and those of a question as soon as it is
 * shared. The database therefore never holds anything that identifies a member once the salt is
 * gone, and a member asking on several days counts once a day at most, never as three.
 */
public final class QueryLog {

    /** Distinct members who must ask a question publicly in a server before others see it there. */
    public static final int SHARED_AFTER = 3;

    private final StateStore store;
    private final SecureRandom random = new SecureRandom();
    /** The day's salt, in memory only; null until the first public search of this process. */
    private byte[] salt;

    private LocalDate saltDay;

    public QueryLog(StateStore store) {
        this.store = store;
    }

    /** A query and how often it was asked in a period. */
    public record FrequentQuery(String query, int count) {}

    /**
     * Records a search whose answer only its asker saw: a private answer, a direct message, the
     * console or the CLI ({@code guildId} empty outside a server). It never reaches shared
     * suggestions, the digest or its moderators' report; only cache warm-up re-runs it.
     */
    public void record(String normalizedQuery, Optional<String> guildId, Instant askedAt, long resultCount) {
        store.transaction(c -> insert(c, normalizedQuery, guildId.orElse(null), askedAt, resultCount, false));
    }

    /**
     * Records a search answered publicly in {@code guildId}, and counts {@code askerId} (hashed,
     * never stored) among the question's distinct public askers there.
     *
     * @return true when this search made the question shared: the {@value #SHARED_AFTER}th
     *     different member to ask it publicly in this server
     */
    public boolean recordPublic(
            String normalizedQuery, String guildId, String askerId, Instant askedAt, long resultCount) {
        return store.transaction(c -> {
            insert(c, normalizedQuery, guildId, askedAt, resultCount, true);
            String asker = askerKey(c, askerId, askedAt);
            question(
                    c,
                    "INSERT OR IGNORE INTO question_askers(guild_id, query, asker) VALUES (?, ?, ?)",
                    guildId,
                    normalizedQuery,
                    asker);
            int askers = count(
                    c,
                    "SELECT COUNT(*) FROM question_askers WHERE guild_id = ? AND query = ?",
                    guildId,
                    normalizedQuery);
            if (askers < SHARED_AFTER) {
                return false;
            }
            boolean already = count(
                            c,
                            "SELECT COUNT(*) FROM shared_questions WHERE guild_id = ? AND query = ?",
                            guildId,
                            normalizedQuery)
                    > 0;
            question(
                    c,
                    "INSERT INTO shared_questions(guild_id, query, shared_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT(guild_id, query) DO UPDATE SET shared_at = excluded.shared_at",
                    guildId,
                    normalizedQuery,
                    askedAt.toEpochMilli());
            // Counted: the hashes of this question have done their work.
            question(c, "DELETE FROM question_askers WHERE guild_id = ? AND query = ?", guildId, normalizedQuery);
            return !already;
        });
    }

    /**
     * A server's shared questions that found passages, most asked (publicly) since {@code since}
     * first, ties by most recent: what its autocomplete offers and its digest calls "Most asked".
     */
    public List<FrequentQuery> sharedQuestions(String guildId, Instant since, int limit) {
        return frequent(
                "SELECT l.query, COUNT(*) AS n, MAX(l.asked_at) AS last FROM query_log l "
                        + "JOIN shared_questions s ON s.guild_id = l.guild_id AND s.query = l.query "
                        + "WHERE l.guild_id = ? AND l.public = 1 AND l.asked_at >= ? AND l.result_count > 0 "
                        + "GROUP BY l.query ORDER BY n DESC, last DESC, l.query LIMIT ?",
                guildId,
                since,
                limit);
    }

    /**
     * Questions asked publicly in a server since {@code since} that found nothing, most asked first:
     * the digest's report to that server's moderators. Already public in the channel, so one asker
     * is enough; private questions never appear.
     */
    public List<FrequentQuery> unanswered(String guildId, Instant since, int limit) {
        return frequent(
                "SELECT query, COUNT(*) AS n, MAX(asked_at) AS last FROM query_log "
                        + "WHERE guild_id = ? AND public = 1 AND asked_at >= ? AND result_count = 0 "
                        + "GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?",
                guildId,
                since,
                limit);
    }

    /**
     * The most asked answered queries since {@code since} across every guild and the console,
     * private ones included: only re-run into the cache after a reindex, never shown to anyone.
     */
    public List<FrequentQuery> frequentEverywhere(Instant since, int limit) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT query, COUNT(*) AS n, MAX(asked_at) AS last "
                    + "FROM query_log WHERE asked_at >= ? AND result_count > 0 "
                    + "GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?")) {
                s.setLong(1, since.toEpochMilli());
                s.setInt(2, limit);
                return rows(s);
            }
        });
    }

    /**
     * Deletes searches older than {@code retention}, and questions not shared again within it;
     * returns how many searches were removed.
     */
    public int purgeOlderThan(Instant now, Duration retention) {
        long cutoff = now.minus(retention).toEpochMilli();
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM shared_questions WHERE shared_at < ?")) {
                s.setLong(1, cutoff);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM query_log WHERE asked_at < ?")) {
                s.setLong(1, cutoff);
                return s.executeUpdate();
            }
        });
    }

    private static int insert(
            Connection c, String query, String guildId, Instant askedAt, long resultCount, boolean isPublic)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO query_log(query, guild_id, asked_at, result_count, public) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, query);
            s.setString(2, guildId);
            s.setLong(3, askedAt.toEpochMilli());
            s.setLong(4, resultCount);
            s.setInt(5, isPublic ? 1 : 0);
            return s.executeUpdate();
        }
    }

    /**
     * The asker's keyed hash under the salt of {@code askedAt}'s UTC day. A new day (or the first
     * public search since start) draws a new salt and deletes every hash made under an older one,
     * which could no longer be matched anyway.
     */
    private synchronized String askerKey(Connection c, String askerId, Instant askedAt) throws SQLException {
        LocalDate day = askedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        if (salt == null || !day.equals(saltDay)) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            salt = fresh;
            saltDay = day;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM question_askers")) {
                s.executeUpdate();
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(askerId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Runs a statement about one question of one guild: parameters guild, query, then {@code more}. */
    private static int question(Connection c, String sql, String guildId, String query, Object... more)
            throws SQLException {
        try (PreparedStatement s = bound(c, sql, guildId, query, more)) {
            return s.executeUpdate();
        }
    }

    private static int count(Connection c, String sql, String guildId, String query) throws SQLException {
        try (PreparedStatement s = bound(c, sql, guildId, query);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static PreparedStatement bound(Connection c, String sql, String guildId, String query, Object... more)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setString(1, guildId);
        s.setString(2, query);
        for (int i = 0; i < more.length; i++) {
            s.setObject(3 + i, more[i]);
        }
        return s;
    }

    private List<FrequentQuery> frequent(String sql, String guildId, Instant since, int limit) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, guildId);
                s.setLong(2, since.toEpochMilli());
                s.setInt(3, limit);
                return rows(s);
            }
        });
    }

    private static List<FrequentQuery> rows(PreparedStatement s) throws SQLException {
        List<FrequentQuery> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new FrequentQuery(rs.getString(1), rs.getInt(2)));
            }
        }
        return rows;
    }
}
