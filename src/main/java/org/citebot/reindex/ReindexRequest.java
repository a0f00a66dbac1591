package org.citebot.reindex;

import java.util.Optional;

/**
 * Who asks for a reindex, where, and what kind.
 *
 * @param requestedBy recorded in the run log: a moderator's Discord user id, or {@code console},
 *     {@code cli}, {@code watcher}
 * @param requester how others are told who started it, e.g. "a moderator" or "the corpus watcher"
 * @param guildId the server it was asked in, if any
 * @param dryRun only report what would change; write nothing
 * @param fullRebuild re-analyse every document, even unchanged ones
 */
public record ReindexRequest(
        String requestedBy, String requester, Optional<String> guildId, boolean dryRun, boolean fullRebuild) {

    /** {@code citebot index} on the command line. */
    public static ReindexRequest cli(boolean fullRebuild) {
        return new ReindexRequest("cli", "the command line", Optional.empty(), false, fullRebuild);
    }

    /** The corpus watcher, after files changed. */
    public static ReindexRequest watcher() {
        return new ReindexRequest("watcher", "the corpus watcher", Optional.empty(), false, false);
    }
}
