package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.reindex.ReindexRuns;

/**
 * {@link ReindexRuns} in the state database's {@code reindex_runs}, SQLite or PostgreSQL. Each run
 * records the process that ran it ({@code runner}), so that on a shared database a starting process
 * fails only the runs nobody is running any more.
 */
public final class SqlReindexRuns implements ReindexRuns {

    /** The runner of a process that shares its state database with no other citebot. */
    public static final String ALONE = "citebot";

    private final StateStore store;
    private final String runner;

    /** For a process alone on its state database. */
    public SqlReindexRuns(StateStore store) {
        this(store, ALONE);
    }

    /**
     * @param runner this process's name among those sharing the database, the same across its
     *     restarts (the holder of the cluster-wide reindex lock, {@link SqlReindexLock})
     */
    public SqlReindexRuns(StateStore store, String runner) {
        this.store = store;
        this.runner = runner;
    }

    @Override
    public long start(
            String requestedBy, Optional<String> guildId, boolean dryRun, boolean fullRebuild, Instant startedAt) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO reindex_runs(started_at, requested_by, guild_id, dry_run, full_rebuild, result, runner)"
                            + " VALUES (?, ?, ?, ?, ?, 'running', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, startedAt.toEpochMilli());
                s.setString(2, requestedBy);
                s.setString(3, guildId.orElse(null));
                s.setBoolean(4, dryRun);
                s.setBoolean(5, fullRebuild);
                s.setString(6, runner);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no id returned for the new reindex run");
                    }
                    // The id is the first column, whether the driver returns the key alone or the row.
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public void finish(
            long id,
            Result result,
            Counts counts,
            Optional<Long> generation,
            Optional<String> error,
            Instant finishedAt) {
        if (result == Result.RUNNING) {
            throw new IllegalArgumentException("a finished run is ok or failed");
        }
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE reindex_runs SET finished_at = ?, result = ?, added = ?, changed = ?, removed = ?,
                           unchanged = ?, skipped = ?, passages = ?, generation = ?, error = ?
                    WHERE id = ?""")) {
                s.setLong(1, finishedAt.toEpochMilli());
                s.setString(2, result.column());
                s.setInt(3, counts.added());
                s.setInt(4, counts.changed());
                s.setInt(5, counts.removed());
                s.setInt(6, counts.unchanged());
                s.setInt(7, counts.skipped());
                s.setInt(8, counts.passages());
                if (generation.isPresent()) {
                    s.setLong(9, generation.get());
                } else {
                    s.setNull(9, Types.BIGINT);
                }
                s.setString(10, error.orElse(null));
                s.setLong(11, id);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no reindex run with id " + id);
                }
                return null;
            }
        });
    }

    /**
     * Fails the runs still recorded as running that no process runs: this runner's own (it holds its
     * index again, so its previous life is over), those of runs recorded before runners were, and
     * those whose runner holds no live reindex lock, without which no run goes on. A run another
     * process is carrying out under the lock stays running.
     */
    @Override
    public int failInterrupted(Instant now, String reason) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE reindex_runs SET result = 'failed', finished_at = ?, error = ? WHERE result = 'running'"
                            + " AND (runner IS NULL OR runner = ? OR NOT EXISTS (SELECT 1 FROM cluster_leases l"
                            + " WHERE l.name = ? AND l.holder = reindex_runs.runner AND l.expires_at > ?))")) {
                s.setLong(1, now.toEpochMilli());
                s.setString(2, reason);
                s.setString(3, runner);
                s.setString(4, SqlReindexLock.NAME);
                s.setLong(5, now.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Run> recent(int limit) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, started_at, finished_at, requested_by, guild_id, dry_run, full_rebuild, result,
                           added, changed, removed, unchanged, skipped, passages, generation, error
                    FROM reindex_runs ORDER BY started_at DESC, id DESC LIMIT ?""")) {
                s.setInt(1, limit);
                List<Run> runs = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(read(rs));
                    }
                }
                return runs;
            }
        });
    }

    private static Run read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Instant started = Instant.ofEpochMilli(rs.getLong("started_at"));
        long finishedMillis = rs.getLong("finished_at");
        Optional<Instant> finished =
                rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finishedMillis));
        String requestedBy = rs.getString("requested_by");
        Optional<String> guild = Optional.ofNullable(rs.getString("guild_id"));
        boolean dryRun = rs.getBoolean("dry_run");
        boolean full = rs.getBoolean("full_rebuild");
        Result result = Result.ofColumn(rs.getString("result"));
        Counts counts = new Counts(
                rs.getInt("added"),
                rs.getInt("changed"),
                rs.getInt("removed"),
                rs.getInt("unchanged"),
                rs.getInt("skipped"),
                rs.getInt("passages"));
        long generationValue = rs.getLong("generation");
        Optional<Long> generation = rs.wasNull() ? Optional.empty() : Optional.of(generationValue);
        Optional<String> error = Optional.ofNullable(rs.getString("error"));
        return new Run(id, started, finished, requestedBy, guild, dryRun, full, result, counts, generation, error);
    }
}
