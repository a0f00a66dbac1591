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
                    )""")));
}
