package org.citebot.reindex;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The log of every reindex run: who asked, whether it was a dry run, how it ended and what it
 * changed. {@link ReindexService} writes a run when it starts, so one that a crash cut short is
 * still there and is marked failed on the next start. The state database implements it.
 */
public interface ReindexRuns {

    /** How a run ended; {@code RUNNING} until it does. */
    enum Result {
        RUNNING,
        OK,
        FAILED;

        /** The result's name as stored. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The result stored as {@code value}. */
        public static Result ofColumn(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** What a finished run changed, or would have changed for a dry run. */
    record Counts(int added, int changed, int removed, int unchanged, int skipped, int passages) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    /**
     * One recorded run.
     *
     * @param generation the index generation serving after the run, when it finished
     */
    record Run(
            long id,
            Instant startedAt,
            Optional<Instant> finishedAt,
            String requestedBy,
            Optional<String> guildId,
            boolean dryRun,
            boolean fullRebuild,
            Result result,
            Counts counts,
            Optional<Long> generation,
            Optional<String> error) {}

    /** Records that a run started; returns its id for {@link #finish}. */
    long start(String requestedBy, Optional<String> guildId, boolean dryRun, boolean fullRebuild, Instant startedAt);

    /** Records how run {@code id} ended; {@code result} is {@code OK} or {@code FAILED}. */
    void finish(
            long id,
            Result result,
            Counts counts,
            Optional<Long> generation,
            Optional<String> error,
            Instant finishedAt);

    /**
     * Marks runs still recorded as running as failed when the process that ran them is gone: this
     * process's own earlier runs (call it while holding the index's write lock, so its previous
     * life is over) and, on a state database shared by several processes, runs whose process no
     * longer holds the cluster-wide {@link ReindexLock}. A run another process is carrying out stays.
     *
     * @return how many runs were marked
     */
    int failInterrupted(Instant now, String reason);

    /** The latest runs, newest first. */
    List<Run> recent(int limit);
}
