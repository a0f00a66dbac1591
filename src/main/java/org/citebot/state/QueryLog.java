package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What groups ask: each search's normalised query, guild, time and result count, never who asked.
 * Feeds frequent-query autocomplete, cache warm-up after a reindex, and the daily digest.
 */
public final class QueryLog {

    private final StateStore store;

    public QueryLog(StateStore store) {
        this.store = store;
    }

    /** A query and how often it was asked in a period. */
    public record FrequentQuery(String query, int count) {}

    /** Records one search. {@code guildId} is empty for the console and the CLI. */
    public void record(String normalizedQuery, Optional<String> guildId, Instant askedAt, long resultCount) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO query_log(query, guild_id, asked_at, result_count) VALUES (?, ?, ?, ?)")) {
                s.setString(1, normalizedQuery);
                s.setString(2, guildId.orElse(null));
                s.setLong(3, askedAt.toEpochMilli());
                s.setLong(4, resultCount);
                return s.executeUpdate();
            }
        });
    }

    /**
     * The most asked queries since {@code since}, most frequent first (ties by most recent).
     *
     * @param guildId this guild's queries; empty: those asked outside any guild (console, CLI)
     * @param answered true: only queries that found something; false: only those that found nothing
     */
    public List<FrequentQuery> frequent(Optional<String> guildId, Instant since, int limit, boolean answered) {
        String sql = "SELECT query, COUNT(*) AS n, MAX(asked_at) AS last FROM query_log WHERE asked_at >= ? "
                + (answered ? "AND result_count > 0 " : "AND result_count = 0 ")
                + "AND guild_id IS ? "
                + "GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?";
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setLong(i++, since.toEpochMilli());
                s.setString(i++, guildId.orElse(null));
                s.setInt(i, limit);
                List<FrequentQuery> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new FrequentQuery(rs.getString(1), rs.getInt(2)));
                    }
                }
                return rows;
            }
        });
    }

    /** The most asked answered queries since {@code since} across every guild and the console. */
    public List<FrequentQuery> frequentEverywhere(Instant since, int limit) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT query, COUNT(*) AS n, MAX(asked_at) AS last "
                    + "FROM query_log WHERE asked_at >= ? AND result_count > 0 "
                    + "GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?")) {
                s.setLong(1, since.toEpochMilli());
                s.setInt(2, limit);
                List<FrequentQuery> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new FrequentQuery(rs.getString(1), rs.getInt(2)));
                    }
                }
                return rows;
            }
        });
    }

    /** Deletes entries older than {@code retention}; returns how many were removed. */
    public int purgeOlderThan(Instant now, Duration retention) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM query_log WHERE asked_at < ?")) {
                s.setLong(1, now.minus(retention).toEpochMilli());
                return s.executeUpdate();
            }
        });
    }
}
