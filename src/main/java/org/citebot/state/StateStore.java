package org.citebot.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * citebot's embedded SQLite database ({@code data/citebot.db} by default): guild settings and, as
 * features need them, the query log and digest records. Opening it applies any pending schema
 * migrations. One connection serves the process; access is serialised because SQLite has a single
 * writer anyway and the workload is tiny.
 */
public final class StateStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** How long a write waits for another connection's write lock before failing. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;

    private StateStore(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Opens (creating if needed) the database at {@code file} and migrates it to the latest schema. */
    public static StateStore open(Path file, Clock clock) {
        return open(file, clock, Migrations.ALL);
    }

    static StateStore open(Path file, Clock clock, List<Migration> migrations) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StateStoreException("Cannot create the folder for the state database " + file + ": " + e, e);
        }
        Connection connection;
        try {
            connection = connectionSettings().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StateStoreException("Cannot open the state database " + file + ": " + e.getMessage(), e);
        }
        StateStore store = new StateStore(connection, clock);
        try {
            store.configure();
            store.migrate(migrations, file);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Runs {@code work} with the connection, holding the store's lock. */
    public <T> T read(SqlFunction<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StateStoreException("State database read failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none of it. */
    public <T> T transaction(SqlFunction<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateStoreException("State database write failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The schema version the database is at. */
    public int schemaVersion() {
        return read(StateStore::currentVersion);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the state database failed: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** A unit of work against the connection. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Settings applied as the connection opens, before any statement. Other processes (the bot and
     * {@code citebot index}, or two bots on one database) may hold the write lock for a moment: the
     * busy timeout makes a writer wait for it instead of failing with "database is locked". Every
     * transaction begins IMMEDIATE, taking the write lock at its start: a deferred transaction that
     * first reads and then writes fails at once if another process committed in between, whatever
     * the timeout.
     */
    static SQLiteConfig connectionSettings() {
        SQLiteConfig settings = new SQLiteConfig();
        settings.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        settings.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return settings;
    }

    private void configure() {
        read(c -> {
            try (Statement s = c.createStatement()) {
                // WAL lets readers proceed while a write is in flight and survives a kill mid-write.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
            }
            return null;
        });
    }

    private void migrate(List<Migration> migrations, Path file) {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        int current = schemaVersion();
        int latest =
                migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > latest) {
            throw new StateStoreException(
                    "The state database " + file + " has schema version " + current
                            + ", newer than this citebot understands (" + latest + "). Use a newer citebot.",
                    null);
        }
        // Versions are checked one by one rather than against the highest: branches add migrations in
        // parallel (3 reindex runs, 4 digest), so a database may hold 4 before 3 arrives in a merge.
        java.util.Set<Integer> applied = read(StateStore::appliedVersions);
        for (Migration migration : migrations) {
            if (applied.contains(migration.version())) {
                continue;
            }
            boolean migrated = transaction(c -> {
                // Asked again inside the write transaction: another process opening the same new
                // file may have applied it since the versions were read.
                if (appliedVersions(c).contains(migration.version())) {
                    return false;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : migration.statements()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setString(3, clock.instant().toString());
                    insert.executeUpdate();
                }
                return true;
            });
            if (migrated) {
                LOG.info("State database migrated to version {} ({})", migration.version(), migration.description());
            }
        }
    }

    private static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
        java.util.Set<Integer> versions = new java.util.HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
