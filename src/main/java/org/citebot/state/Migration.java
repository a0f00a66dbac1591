package org.citebot.state;

import java.util.List;

/**
 * One step of a state database's schema: a version number and the SQL statements that take the
 * schema there from the previous version, written once for each {@link SqlDialect} so that a
 * SQLite file and a PostgreSQL database at the same version hold the same tables, columns and
 * indexes. Applied once, in order, inside a transaction.
 *
 * @param postgresql empty for a database that is only ever SQLite (such as a cache kept beside the
 *     index); opening one of those on PostgreSQL is refused
 */
public record Migration(int version, String description, List<String> sqlite, List<String> postgresql) {

    public Migration {
        sqlite = List.copyOf(sqlite);
        postgresql = List.copyOf(postgresql);
        if (sqlite.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }

    /** A migration of a database that is only ever a SQLite file. */
    public Migration(int version, String description, List<String> sqlite) {
        this(version, description, sqlite, List.of());
    }

    /** The statements for {@code dialect}. */
    List<String> statements(SqlDialect dialect) {
        if (dialect == SqlDialect.SQLITE) {
            return sqlite;
        }
        if (postgresql.isEmpty()) {
            throw new StateStoreException(
                    "Schema migration " + version + " (" + description + ") exists only for SQLite", null);
        }
        return postgresql;
    }
}
