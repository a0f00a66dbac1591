package org.citebot.state;

import java.util.List;

/**
 * The state database's schema history. Append new migrations at the end; never edit one that has
 * shipped, because databases in the field have already applied it.
 */
final class Migrations {

    private Migrations() {}

    static final List<Migration> ALL = List.of(
            new Migration(1, "per-guild settings", List.of("""
                    CREATE TABLE guild_settings (
                        guild_id           TEXT PRIMARY KEY,
                        private_by_default INTEGER,
                        updated_at         TEXT NOT NULL
                    )""")),
            new Migration(2, "query log", List.of("""
                    CREATE TABLE query_log (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        query        TEXT NOT NULL,
                        guild_id     TEXT,
                        asked_at     INTEGER NOT NULL,
                        result_count INTEGER NOT NULL
                    )""",
                    "CREATE INDEX query_log_asked_at ON query_log(asked_at)",
                    "CREATE INDEX query_log_guild_query ON query_log(guild_id, query)")));
}
