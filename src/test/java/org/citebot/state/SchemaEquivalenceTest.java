package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite and PostgreSQL end every migration at the same schema: the same tables, columns (in
 * order, with the same nullability and kind of type), primary keys and indexes. Compared through
 * JDBC's own description of each database, version by version, so a migration written for one
 * dialect and forgotten (or mistyped) in the other fails here.
 *
 * <p>Kinds of type: SQLite's INTEGER matches PostgreSQL's integer, bigint and boolean (SQLite has
 * no boolean and stores flags as 0 or 1); TEXT matches text; BLOB matches bytea.
 */
class SchemaEquivalenceTest {

    @TempDir
    Path dir;

    @Test
    void everyVersion_sameTablesColumnsKeysAndIndexes_onBothDatabases() {
        for (int version = 1; version <= Migrations.ALL.size(); version++) {
            List<Migration> upTo = Migrations.ALL.subList(0, version);
            String sqlite = describe(StateBackend.SQLITE.create(dir.resolve("v" + version)), upTo);
            String postgresql = describe(StateBackend.POSTGRESQL.create(dir), upTo);

            assertThat(postgresql).as("schema at version %d", version).isEqualTo(sqlite);
        }
    }

    @Test
    void latestVersion_describesEveryTable() {
        String schema = describe(StateBackend.SQLITE.create(dir), Migrations.ALL);

        assertThat(schema)
                .contains(
                        "table change_counters",
                        "table digest_runs",
                        "table digest_seen_documents",
                        "table digest_settings",
                        "table guild_settings",
                        "table query_log",
                        "table question_askers",
                        "table reindex_runs",
                        "table schema_migrations",
                        "table shared_questions",
                        "table added_sources",
                        "table answer_votes")
                .contains("  column public integer not null")
                .contains("  index query_log_guild_public (guild_id, public, asked_at)");
    }

    private static String describe(StateBackend.Database database, List<Migration> migrations) {
        try (StateStore store = database.open(Clock.systemUTC(), migrations)) {
            return store.read(c -> {
                DatabaseMetaData metadata = c.getMetaData();
                String schema = store.dialect() == SqlDialect.POSTGRESQL ? "public" : null;
                StringBuilder description = new StringBuilder();
                for (String table : tables(metadata, schema)) {
                    description.append("table ").append(table).append('\n');
                    List<String> key = primaryKey(metadata, schema, table);
                    try (ResultSet columns = metadata.getColumns(null, schema, table, "%")) {
                        while (columns.next()) {
                            String column = columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                            boolean notNull = "NO".equals(columns.getString("IS_NULLABLE")) || key.contains(column);
                            description
                                    .append("  column ")
                                    .append(column)
                                    .append(' ')
                                    .append(kind(columns.getString("TYPE_NAME")))
                                    .append(notNull ? " not null" : "")
                                    .append('\n');
                        }
                    }
                    description
                            .append("  primary key ")
                            .append(String.join(", ", key))
                            .append('\n');
                    for (Map.Entry<String, String> index :
                            indexes(metadata, schema, table).entrySet()) {
                        description
                                .append("  index ")
                                .append(index.getKey())
                                .append(" (")
                                .append(index.getValue())
                                .append(")\n");
                    }
                }
                return description.toString();
            });
        }
    }

    private static List<String> tables(DatabaseMetaData metadata, String schema) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet tables = metadata.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                // SQLite's own bookkeeping (the AUTOINCREMENT counters) is not part of the schema.
                if (!name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static String kind(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "integer", "int4", "int8", "int2", "bigint", "bool", "boolean" -> "integer";
            case "text" -> "text";
            case "blob", "bytea" -> "bytes";
            default -> "unexpected type " + type;
        };
    }

    /**
     * The primary key's columns in order. They count as not null on both sides: SQLite lets a
     * primary key other than an INTEGER one hold NULL (a quirk it keeps for old files), which
     * citebot never writes.
     */
    private static List<String> primaryKey(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        Map<Integer, String> columns = new TreeMap<>();
        try (ResultSet keys = metadata.getPrimaryKeys(null, schema, table)) {
            while (keys.next()) {
                columns.put(
                        keys.getInt("KEY_SEQ"), keys.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /** Indexes created by the migrations, by name; those the databases make for primary keys are left out. */
    private static Map<String, String> indexes(DatabaseMetaData metadata, String schema, String table)
            throws SQLException {
        Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
        try (ResultSet rows = metadata.getIndexInfo(null, schema, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                if (name == null || name.endsWith("_pkey") || name.startsWith("sqlite_autoindex")) {
                    continue;
                }
                indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new TreeMap<>())
                        .put(
                                (int) rows.getShort("ORDINAL_POSITION"),
                                rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        Map<String, String> described = new TreeMap<>();
        indexes.forEach((name, columns) -> described.put(name, String.join(", ", columns.values())));
        return described;
    }
}
