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
            new Migration(
                    2,
                    "query log",
                    List.of(
                            """
                    CREATE TABLE query_log (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        query        TEXT NOT NULL,
                        guild_id     TEXT,
                        asked_at     INTEGER NOT NULL,
                        result_count INTEGER NOT NULL
                    )""",
                            "CREATE INDEX query_log_asked_at ON query_log(asked_at)",
                            "CREATE INDEX query_log_guild_query ON query_log(guild_id, query)")),
            new Migration(
                    3,
                    "reindex runs",
                    List.of("""
                    CREATE TABLE reindex_runs (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        started_at   INTEGER NOT NULL,
                        finished_at  INTEGER,
                        requested_by TEXT NOT NULL,
                        guild_id     TEXT,
                        dry_run      INTEGER NOT NULL,
                        full_rebuild INTEGER NOT NULL,
                        result       TEXT NOT NULL CHECK (result IN ('running', 'ok', 'failed')),
                        added        INTEGER NOT NULL DEFAULT 0,
                        changed      INTEGER NOT NULL DEFAULT 0,
                        removed      INTEGER NOT NULL DEFAULT 0,
                        unchanged    INTEGER NOT NULL DEFAULT 0,
                        skipped      INTEGER NOT NULL DEFAULT 0,
                        passages     INTEGER NOT NULL DEFAULT 0,
                        generation   INTEGER,
                        error        TEXT
                    )""", "CREATE INDEX reindex_runs_started_at ON reindex_runs(started_at)")),
            new Migration(
                    4, "daily digest", List.of("""
                    CREATE TABLE digest_settings (
                        guild_id             TEXT PRIMARY KEY,
                        channel_id           TEXT NOT NULL,
                        post_time            TEXT NOT NULL,
                        zone                 TEXT NOT NULL,
                        sections             TEXT NOT NULL,
                        enabled              INTEGER NOT NULL,
                        paused_note          TEXT,
                        consecutive_failures INTEGER NOT NULL DEFAULT 0,
                        updated_at           TEXT NOT NULL
                    )""", """
                    CREATE TABLE digest_runs (
                        guild_id     TEXT NOT NULL,
                        local_date   TEXT NOT NULL,
                        state        TEXT NOT NULL
                                     CHECK (state IN ('sending', 'posted', 'empty', 'skipped', 'missed', 'failed')),
                        nonce        TEXT,
                        channel_id   TEXT,
                        message_id   TEXT,
                        passage_id   TEXT,
                        scheduled_at INTEGER NOT NULL,
                        recorded_at  INTEGER NOT NULL,
                        finished_at  INTEGER,
                        error        TEXT,
                        PRIMARY KEY (guild_id, local_date)
                    )""", "CREATE INDEX digest_runs_state ON digest_runs(state)", """
                    CREATE TABLE digest_seen_documents (
                        guild_id     TEXT NOT NULL,
                        doc_id       TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        PRIMARY KEY (guild_id, doc_id)
                    )""")),
            new Migration(
                    5,
                    "per-guild moderator log channel",
                    List.of("ALTER TABLE guild_settings ADD COLUMN log_channel_id TEXT")),
            new Migration(
                    6,
                    "public questions counted by distinct askers",
                    List.of(
                            // Searches logged before this version may have been private: they stay private.
                            "ALTER TABLE query_log ADD COLUMN public INTEGER NOT NULL DEFAULT 0",
                            "CREATE INDEX query_log_guild_public ON query_log(guild_id, public, asked_at)",
                            """
                    CREATE TABLE question_askers (
                        guild_id TEXT NOT NULL,
                        query    TEXT NOT NULL,
                        asker    TEXT NOT NULL,
                        PRIMARY KEY (guild_id, query, asker)
                    )""",
                            """
                    CREATE TABLE shared_questions (
                        guild_id  TEXT NOT NULL,
                        query     TEXT NOT NULL,
                        shared_at INTEGER NOT NULL,
                        PRIMARY KEY (guild_id, query)
                    )""")));
}
