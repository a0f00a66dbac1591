package org.citebot.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL server shared by several citebot processes, through a small pool of connections.
 *
 * <p>Writes run as SERIALIZABLE transactions, the isolation SQLite gives by having one writer: a
 * transaction that reads and then writes (counting a question's askers, replacing the documents a
 * digest saw) behaves as if no other process ran at the same time. PostgreSQL enforces that by
 * aborting one of two conflicting transactions with a serialization failure, and such a transaction
 * is run again from the start, a few times, after a short random pause. Reads run in auto-commit.
 */
final class PostgresConnections implements Connections {

    /** Connections kept at most: one per thread that touches state at once, which is a handful. */
    static final int POOL_SIZE = 8;

    /** How often a transaction that lost a serialization conflict is run again before giving up. */
    static final int ATTEMPTS = 12;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** serialization_failure and deadlock_detected: the transaction did nothing and may simply run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    /** The advisory lock every process takes while it migrates ("citebot" in ASCII). */
    private static final long MIGRATION_LOCK = 0x63697465626f74L;

    private final String url;
    private final Optional<String> user;
    private final HikariDataSource pool;

    private PostgresConnections(String url, Optional<String> user, HikariDataSource pool) {
        this.url = url;
        this.user = user;
        this.pool = pool;
    }

    /**
     * Connects to {@code url} as {@code user} with {@code password} (from the environment, never
     * logged), failing at once with the server's or the network's reason when it cannot.
     */
    static PostgresConnections open(String url, Optional<String> user, Optional<String> password) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "citebot");
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("reWriteBatchedInserts", "true");
        String where = url + user.map(u -> " as " + u).orElse("");
        // One plain connection first: its failure says why in one line, where the pool would log a
        // stack trace and wait out its timeout.
        Properties credentials = new Properties();
        credentials.putAll(properties);
        user.ifPresent(u -> credentials.setProperty("user", u));
        password.ifPresent(p -> credentials.setProperty("password", p));
        try (Connection probe = DriverManager.getConnection(url, credentials)) {
            probe.isValid((int) CONNECT_TIMEOUT.toSeconds());
        } catch (SQLException e) {
            throw new StateStoreException(
                    "Cannot connect to the state database at " + where + ": " + e.getMessage()
                            + (password.isEmpty() ? " (no password set: it is read from PGPASSWORD)" : ""),
                    e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("citebot-state");
        config.setJdbcUrl(url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        try {
            return new PostgresConnections(url, user, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new StateStoreException(
                    "Cannot connect to the state database at " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public <T> T read(StateStore.SqlFunction<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        }
    }

    @Override
    public <T> T transaction(StateStore.SqlFunction<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                // The pool puts the connection's default isolation back when it is returned.
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                return Connections.inTransaction(connection, work);
            } catch (SQLException e) {
                if (e.getSQLState() == null || !RETRYABLE.contains(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    /**
     * Holds a session-level advisory lock for the whole migration: a second process starting at the
     * same moment waits for it and then finds the versions applied. Taken before any transaction
     * begins, so the migrations' own transactions see what the first process committed.
     */
    @Override
    public <T> T migrating(StateStore.SqlFunction<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            advisoryLock(connection, "SELECT pg_advisory_lock(?)");
            try {
                return work.apply(connection);
            } finally {
                advisoryLock(connection, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    @Override
    public String describe() {
        return url + user.map(u -> " as " + u).orElse("");
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, MIGRATION_LOCK);
            s.execute();
        }
    }

    /** A random pause growing with the attempt (up to about 0.2 s), so the two losers do not collide again. */
    private static void pause(int attempt, SQLException cause) throws SQLException {
        long bound = Math.min(200, 2L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SQLException interrupted = new SQLException("interrupted before retrying a conflicting transaction", e);
            interrupted.addSuppressed(cause);
            throw interrupted;
        }
    }
}
