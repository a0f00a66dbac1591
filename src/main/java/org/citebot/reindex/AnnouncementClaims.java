package org.citebot.reindex;

/**
 * Which process tells a server of an action that several processes announce: the process that ran
 * a reindex and every process that followed its corpus generation each announce it to the servers
 * of their shards, and while two processes run the same shard (a rolling restart, a
 * misconfiguration) only the first to claim a server's announcement posts it. The Discord edge's
 * {@link ModeratorLog} asks before each post; the state database implements it.
 */
@FunctionalInterface
public interface AnnouncementClaims {

    /** The server name under which the operators' channel, {@code moderators.logChannel}, is claimed. */
    String OPERATORS = "operators";

    /** For a process alone: it announces everything itself. */
    AnnouncementClaims EVERY = (action, server) -> true;

    /**
     * Whether this process is the one to announce {@code action} in {@code server}: true for
     * exactly one claim of each pair across the processes sharing the state database.
     */
    boolean claim(String action, String server);
}
