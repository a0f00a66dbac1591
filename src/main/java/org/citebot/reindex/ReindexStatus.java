package org.citebot.reindex;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.citebot.passages.IndexProgress;

/**
 * A snapshot of the reindex that is running: who started it, when, and how far it has got. Shown
 * to whoever asks for a second one, and pushed as interim replies.
 *
 * @param phase empty until the first progress arrives; never {@code EMBEDDING}, which happens
 *     within reading and is counted apart
 * @param embedded passages of the file being embedded that are done
 * @param toEmbed passages of the file being embedded; 0 when no file is being embedded
 */
public record ReindexStatus(
        ReindexRequest request,
        Instant startedAt,
        Optional<IndexProgress.Phase> phase,
        int done,
        int total,
        int embedded,
        int toEmbed) {

    static ReindexStatus starting(ReindexRequest request, Instant startedAt) {
        return new ReindexStatus(request, startedAt, Optional.empty(), 0, 0, 0, 0);
    }

    ReindexStatus at(IndexProgress.Phase newPhase, int newDone, int newTotal) {
        if (newPhase == IndexProgress.Phase.EMBEDDING) {
            return new ReindexStatus(request, startedAt, phase, done, total, newDone, newTotal);
        }
        return new ReindexStatus(request, startedAt, Optional.of(newPhase), newDone, newTotal, 0, 0);
    }

    /** Where the run is, e.g. "reading 3/12 files" or "reading 3/12 files, embedding 40/120 passages of one". */
    public String progress() {
        String where = phase.map(this::describe).orElse("starting");
        return toEmbed > 0 && embedded < toEmbed
                ? where + ", embedding " + embedded + "/" + toEmbed + " passages of one"
                : where;
    }

    private String describe(IndexProgress.Phase current) {
        return switch (current) {
            case READING -> "reading " + done + "/" + total + " files";
            case EMBEDDING -> "embedding passages";
            case WRITING -> (request.dryRun() ? "comparing " : "writing ") + done + "/" + total + " documents";
            case COMMITTING -> request.dryRun() ? "comparing with the index" : "saving the new index";
        };
    }

    /**
     * The notice for someone who asks while this run is going on, e.g. "A reindex is already
     * running: reading 3/12 files, started by a moderator 40 s ago."
     */
    public String alreadyRunning(Instant now) {
        return "A " + (request.dryRun() ? "dry-run reindex" : "reindex") + " is already running: " + progress()
                + ", started by " + request.requester() + " " + ago(Duration.between(startedAt, now)) + ".";
    }

    /** "40 s ago", "3 min ago". */
    static String ago(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
