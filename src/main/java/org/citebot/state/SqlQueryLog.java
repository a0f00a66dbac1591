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
import org.citebot.questions.QueryLog;

/**
 * {@link QueryLog} in the state database ({@code query_log}, {@code question_askers},
 * {@code shared_questions}), SQLite or PostgreSQL.
 *
 * <p>Distinct public askers are counted by a keyed hash (HMAC-SHA-256) of the member id under a salt
 * that lives only in this object's memory and is replaced every UTC day and on every start. The
 * database therefore never holds anything that identifies a member once the salt is gone, and a
 * member asking on several days counts once a day at most, never as three. Each process has its own
 * salt, so hashes are stored with the salt's random id and a process counts only those made under
 * its own: a member whose questions reach two processes (a guild moving between shards) can count
 * once too few, never twice. Replacing the salt deletes this process's older hashes and every hash
 * from before the current day, whoever made it (hashes left by a stopped process go with their
 * day); a question's hashes are deleted as soon as it is shared.
 */
public final class SqlQueryLog implements QueryLog {

    private final StateStore store;
    private final SecureRandom random = new SecureRandom();
    /** The salt in use; null until the first public search of this process. Guarded by {@code this}. */
    private Salt salt;

    public SqlQueryLog(StateStore store) {
        this.store = store;
    }

    /** A salt of one UTC day: its key stays in memory, its random id is stored beside each hash. */
    private record Salt(String id, LocalDate day, SecretKeySpec key) {}

    /** The salt for a search, and whether it was just drawn (so the older hashes are to be deleted). */
    private record SaltInUse(Salt salt, boolean fresh, String retiredId) {}

    @Override
    public void record(String normalizedQuery, Optional<String> guildId, Instant askedAt, long resultCount) {
        store.transaction(c -> insert(c, normalizedQuery, guildId.orElse(null), askedAt, resultCount, false));
    }

    @Override
    public boolean recordPublic(
            String normalizedQuery, String guildId, String askerId, Instant askedAt, long resultCount) {
        SaltInUse inUse = saltFor(askedAt);
        String asker = hash(inUse.salt(), askerId);
        // The transaction may run twice on PostgreSQL: everything it does is in the database.
        return store.transaction(c -> {
            if (inUse.fresh()) {
                try (PreparedStatement s =
                        c.prepareStatement("DELETE FROM question_askers WHERE salt_id = ? OR salt_day < ?")) {
                    s.setString(1, inUse.retiredId());
                    s.setString(2, inUse.salt().day().toString());
                    s.executeUpdate();
                }
            }
            insert(c, normalizedQuery, guildId, askedAt, resultCount, true);
            question(
                    c,
                    "INSERT INTO question_askers(guild_id, query, asker, salt_id, salt_day) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT(guild_id, query, asker) DO NOTHING",
                    guildId,
                    normalizedQuery,
                    asker,
                    inUse.salt().id(),
                    inUse.salt().day().toString());
            int askers;
            try (PreparedStatement s = bound(
                            c,
                            "SELECT COUNT(*) FROM question_askers WHERE guild_id = ? AND query = ? AND salt_id = ?",
                            guildId,
                            normalizedQuery,
                            inUse.salt().id());
                    ResultSet rs = s.executeQuery()) {
                askers = rs.next() ? rs.getInt(1) : 0;
            }
            if (askers < SHARED_AFTER) {
                return false;
            }
            boolean newlyShared = question(
                            c,
                            "INSERT INTO shared_questions(guild_id, query, shared_at) VALUES (?, ?, ?)"
                                    + " ON CONFLICT(guild_id, query) DO NOTHING",
                            guildId,
                            normalizedQuery,
                            askedAt.toEpochMilli())
                    == 1;
            if (!newlyShared) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE shared_questions SET shared_at = ? WHERE guild_id = ? AND query = ?")) {
                    s.setLong(1, askedAt.toEpochMilli());
                    s.setString(2, guildId);
                    s.setString(3, normalizedQuery);
                    s.executeUpdate();
                }
            }
            // Counted: the hashes of this question have done their work.
            question(c, "DELETE FROM question_askers WHERE guild_id = ? AND query = ?", guildId, normalizedQuery);
            return newlyShared;
        });
    }

    @Override
    public List<FrequentQuery> sharedQuestions(String guildId, Instant since, int limit) {
        return frequent(
                "SELECT l.query, COUNT(*) AS n, MAX(l.asked_at) AS last FROM query_log l "
                        + "JOIN shared_questions s ON s.guild_id = l.guild_id AND s.query = l.query "
                        + "WHERE l.guild_id = ? AND l.public = ? AND l.asked_at >= ? AND l.result_count > 0 "
                        + "GROUP BY l.query ORDER BY n DESC, last DESC, l.query LIMIT ?",
                guildId,
                since,
                limit);
    }

    @Override
    public List<FrequentQuery> unanswered(String guildId, Instant since, int limit) {
        return frequent(
                "SELECT query, COUNT(*) AS n, MAX(asked_at) AS last FROM query_log "
                        + "WHERE guild_id = ? AND public = ? AND asked_at >= ? AND result_count = 0 "
                        + "GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?",
                guildId,
                since,
                limit);
    }

    @Override
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

    @Override
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
            s.setBoolean(5, isPublic);
            return s.executeUpdate();
        }
    }

    /**
     * The salt of {@code askedAt}'s UTC day: the one in use, or a new one (with a new id) on a new
     * day or at the first public search since start.
     */
    private synchronized SaltInUse saltFor(Instant askedAt) {
        LocalDate day = askedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        if (salt != null && day.equals(salt.day())) {
            return new SaltInUse(salt, false, salt.id());
        }
        String retired = salt == null ? "" : salt.id();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] id = new byte[8];
        random.nextBytes(id);
        salt = new Salt(HexFormat.of().formatHex(id), day, new SecretKeySpec(key, "HmacSHA256"));
        return new SaltInUse(salt, true, retired);
    }

    private static String hash(Salt salt, String askerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt.key());
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
                s.setBoolean(2, true);
                s.setLong(3, since.toEpochMilli());
                s.setInt(4, limit);
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
