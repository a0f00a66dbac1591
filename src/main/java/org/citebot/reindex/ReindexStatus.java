package org.citebot.reindex;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.citebot.index.IndexProgress;

/**
 * A snapshot of the reindex that is running: who started it, when, and how far it has got. Shown
 * to whoever asks for a second one, and pushed as interim replies.
 *
 * @param phase empty until the first progress arrives
 */
public record ReindexStatus(
        ReindexRequest request, Instant startedAt, Optional<IndexProgress.Phase> phase, int done, int total) {

    static ReindexStatus starting(ReindexRequest request, Instant startedAt) {
        return new ReindexStatus(request, startedAt, Optional.empty(), 0, 0);
    }

    ReindexStatus at(IndexProgress.Phase newPhase, int newDone, int newTotal) {
        return new ReindexStatus(request, startedAt, Optional.of(newPhase), newDone, newTotal);
    }

    /** Where the run is, e.g. "writing 3/12 documents". */
    public String progress() {
        if (phase.isEmpty()) {
            return "starting";
        }
        return switch (phase.get()) {
            case READING -> "reading " + done + "/" + total + " files";
            case SPLITTING -> "splitting " + done + "/" + total + " documents";
            case WRITING -> (request.dryRun() ? "comparing " : "writing ") + done + "/" + total + " documents";
        };
    }

    /**
     * The notice for someone who asks while this run is going on, e.g. "A reindex is already
     * running: writing 3/12 documents, started by a moderator 40 s ago."
     */
    public String alreadyRunning(Instant now) {
        return "A " + (request.dryRun() ? "dry-run reindex" : "reindex") + " is already running: " + progress()
                + ", started by " + request.requester() + " " + ago(Duration.between(startedAt, now)) + ".";
    }

    private static String ago(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
