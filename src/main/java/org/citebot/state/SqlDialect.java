package org.citebot.state;

/**
 * The two databases a {@link StateStore} can hold citebot's state in. The repositories write SQL
 * both understand (upserts with {@code ON CONFLICT}, booleans bound as parameters); what differs is
 * the schema's DDL, kept per dialect in each {@link Migration}, and how connections and transactions
 * are managed.
 */
public enum SqlDialect {
    /** The embedded default: one file, one process writing at a time. */
    SQLITE,
    /** A server shared by several citebot processes. */
    POSTGRESQL
}
