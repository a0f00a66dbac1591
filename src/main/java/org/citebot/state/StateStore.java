package org.citebot.state;

import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's state database: guild settings, the query log, reindex runs and the digest's records.
 * By default an embedded SQLite file ({@code data/citebot.db}) that one process owns; with a
 * {@code jdbc:postgresql://} URL a PostgreSQL database that several processes share. Opening it
 * applies any pending schema migrations, in the database's own dialect. The repositories in this
 * package implement the features' ports on top of it.
 */
public final class StateStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** What a {@code state.url} of the embedded database starts with. */
    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    /** What a {@code state.url} of a PostgreSQL server starts with. */
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    private final Connections connections;
    private final Clock clock;

    private StateStore(Connections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Opens (creating if needed) the SQLite database at {@code file} and migrates it to the latest schema. */
    public static StateStore open(Path file, Clock clock) {
        return open(file, clock, Migrations.ALL);
    }

    static StateStore open(Path file, Clock clock, List<Migration> migrations) {
        return migrated(SqliteConnections.open(file), clock, migrations);
    }

    /**
     * Opens the database {@code url} names ({@code jdbc:sqlite:PATH} or {@code
     * jdbc:postgresql://HOST[:PORT]/DATABASE}) and migrates it to the latest schema.
     *
     * @param user the PostgreSQL role; unused for SQLite
     * @param password the role's password, from the environment; never logged
     */
    public static StateStore open(String url, Optional<String> user, Optional<String> password, Clock clock) {
        return open(url, user, password, clock, Migrations.ALL);
    }

    static StateStore open(
            String url, Optional<String> user, Optional<String> password, Clock clock, List<Migration> migrations) {
        if (url.startsWith(SQLITE_PREFIX)) {
            return open(Path.of(url.substring(SQLITE_PREFIX.length())), clock, migrations);
        }
        if (url.startsWith(POSTGRESQL_PREFIX)) {
            return migrated(PostgresConnections.open(url, user, password), clock, migrations);
        }
        throw new StateStoreException("Not a state database URL (jdbc:sqlite: or jdbc:postgresql://): " + url, null);
    }

    private static StateStore migrated(Connections connections, Clock clock, List<Migration> migrations) {
        StateStore store = new StateStore(connections, clock);
        try {
            store.migrate(migrations);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Which database this is. */
    public SqlDialect dialect() {
        return connections.dialect();
    }

    /** Runs {@code work} with a connection whose statements each stand alone (auto-commit). */
    public <T> T read(SqlFunction<T> work) {
        try {
            return connections.read(work);
        } catch (SQLException e) {
            throw new StateStoreException("State database read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is stored, or none of it, and it sees no other
     * transaction's writes part-way (on PostgreSQL {@code work} may run more than once, so it must
     * not have effects outside the database that a second run would repeat).
     */
    public <T> T transaction(SqlFunction<T> work) {
        try {
            return connections.transaction(work);
        } catch (SQLException e) {
            throw new StateStoreException("State database write failed: " + e.getMessage(), e);
        }
    }

    /** The schema version the database is at. */
    public int schemaVersion() {
        return read(c ->
                appliedVersions(c).stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    Clock clock() {
        return clock;
    }

    /** Where the database is (a file, or a URL and role; never a password). */
    @Override
    public String toString() {
        return connections.describe();
    }

    @Override
    public void close() {
        connections.close();
    }

    /** A unit of work against a connection. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    private void migrate(List<Migration> migrations) {
        int latest =
                migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        SqlDialect dialect = dialect();
        try {
            connections.migrating(c -> {
                Connections.inTransaction(c, tx -> {
                    try (Statement s = tx.createStatement()) {
                        s.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
                    }
                    return null;
                });
                Set<Integer> applied = appliedVersions(c);
                int current = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
                if (current > latest) {
                    throw new StateStoreException(
                            "The state database " + connections.describe() + " has schema version " + current
                                    + ", newer than this citebot understands (" + latest
                                    + "). Use a newer citebot.",
                            null);
                }
                // Versions are checked one by one rather than against the highest: branches add
                // migrations in parallel, so a database may hold 4 before 3 arrives in a merge.
                for (Migration migration : migrations) {
                    if (!applied.contains(migration.version()) && apply(c, migration, dialect)) {
                        LOG.info(
                                "State database migrated to version {} ({})",
                                migration.version(),
                                migration.description());
                    }
                }
                return true;
            });
        } catch (SQLException e) {
            throw new StateStoreException(
                    "Cannot migrate the state database " + connections.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Applies one migration in its own transaction; false when another process applied it first. */
    private boolean apply(Connection c, Migration migration, SqlDialect dialect) throws SQLException {
        return Connections.inTransaction(c, tx -> {
            // Asked again inside the write transaction: another process opening the same new
            // database may have applied it since the versions were read.
            if (appliedVersions(tx).contains(migration.version())) {
                return false;
            }
            try (Statement s = tx.createStatement()) {
                for (String sql : migration.statements(dialect)) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement insert = tx.prepareStatement(
                    "INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, clock.instant().toString());
                insert.executeUpdate();
            }
            return true;
        });
    }

    private static Set<Integer> appliedVersions(Connection c) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }
}
