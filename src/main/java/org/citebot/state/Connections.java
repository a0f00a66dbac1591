package org.citebot.state;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link StateStore} reaches its database: {@link SqliteConnections} (one connection, one
 * writer) or {@link PostgresConnections} (a small pool, serializable transactions). Every method
 * lets {@link SQLException} through; the store turns it into a {@link StateStoreException}.
 */
interface Connections extends AutoCloseable {

    SqlDialect dialect();

    /** Runs {@code work} on a connection in auto-commit mode: each statement stands alone. */
    <T> T read(StateStore.SqlFunction<T> work) throws SQLException;

    /** Runs {@code work} in one transaction that is isolated from every other as if run alone. */
    <T> T transaction(StateStore.SqlFunction<T> work) throws SQLException;

    /**
     * Runs {@code work} on one connection in auto-commit mode while no other process migrates the
     * same database; {@code work} begins its own transactions with {@link #inTransaction}.
     */
    <T> T migrating(StateStore.SqlFunction<T> work) throws SQLException;

    /** Where the database is, for messages: never a password. */
    String describe();

    @Override
    void close();

    /** Runs {@code work} on {@code connection} in a transaction: all of it is stored, or none of it. */
    static <T> T inTransaction(Connection connection, StateStore.SqlFunction<T> work) throws SQLException {
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
    }
}
