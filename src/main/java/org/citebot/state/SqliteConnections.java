package org.citebot.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded default: one connection to a SQLite file, used by one thread at a time, because
 * SQLite has a single writer anyway and one process's workload is tiny. Other processes on the same
 * file (such as {@code citebot index} beside the bot) are kept apart by SQLite's own file locks.
 */
final class SqliteConnections implements Connections {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteConnections.class);

    /** How long a write waits for another connection's write lock before failing. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration BUSY_RETRY = Duration.ofMillis(20);

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteConnections(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating it and its folder if needed) the database file. */
    static SqliteConnections open(Path file) {
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
        SqliteConnections opened = new SqliteConnections(file, connection);
        try (Statement s = connection.createStatement()) {
            // WAL lets readers proceed while a write is in flight and survives a kill mid-write.
            switchToWal(s);
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
        } catch (SQLException e) {
            opened.close();
            throw new StateStoreException("Cannot open the state database " + file + ": " + e.getMessage(), e);
        }
        return opened;
    }

    /**
     * Switches the file to WAL, waiting up to the busy timeout for other connections: SQLite answers
     * this pragma with SQLITE_BUSY at once, without its busy handler, while another connection
     * takes the new file's locks (four processes opening a new file together failed this way in
     * about one round in forty).
     */
    static void switchToWal(Statement s) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        while (true) {
            try {
                s.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLiteException e) {
                if (e.getResultCode().code != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(BUSY_RETRY.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Settings applied as the connection opens, before any statement. Other processes (the bot and
     * {@code citebot index}) may hold the write lock for a moment: the busy timeout makes a writer
     * wait for it instead of failing with "database is locked". Every transaction begins IMMEDIATE,
     * taking the write lock at its start: a deferred transaction that first reads and then writes
     * fails at once if another process committed in between, whatever the timeout, and a claim that
     * reads before it writes must not see a row another process is about to write.
     */
    static SQLiteConfig connectionSettings() {
        SQLiteConfig settings = new SQLiteConfig();
        settings.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        settings.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return settings;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public <T> T read(StateStore.SqlFunction<T> work) throws SQLException {
        lock.lock();
        try {
            return work.apply(connection);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T transaction(StateStore.SqlFunction<T> work) throws SQLException {
        lock.lock();
        try {
            return Connections.inTransaction(connection, work);
        } finally {
            lock.unlock();
        }
    }

    /** Each migration's IMMEDIATE transaction holds the file's write lock, so the caller re-checks inside it. */
    @Override
    public <T> T migrating(StateStore.SqlFunction<T> work) throws SQLException {
        return read(work);
    }

    @Override
    public String describe() {
        return file.toString();
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
}
