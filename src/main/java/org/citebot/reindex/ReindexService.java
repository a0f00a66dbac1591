package org.citebot.reindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.citebot.index.CorpusIndexReport;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.CorpusPreview;
import org.citebot.index.IndexProgress;
import org.citebot.index.PassageIndex;
import org.citebot.index.UpdatePlan;
import org.citebot.index.UpdateReport;
import org.citebot.state.ReindexLog;
import org.citebot.state.StateStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reindexes of the corpus folder one at a time, for moderators' {@code /reindex}, the console,
 * {@code citebot index} and the corpus watcher. A second request while one runs is refused with the
 * running one's progress. Every run is recorded in the {@link ReindexLog} (written when it starts,
 * so a crash leaves a trace) and announced in the {@link ModeratorLog}.
 *
 * <p>Searches are never affected: the index builds the new content beside the serving commit and
 * swaps it in with one commit; a failed run is rolled back and the previous commit keeps serving.
 */
public final class ReindexService {

    private static final Logger LOG = LoggerFactory.getLogger(ReindexService.class);
    private static final int MAX_ERROR_CHARS = 300;

    private final CorpusIndexer indexer;
    private final PassageIndex index;
    private final Path corpusDir;
    private final ReindexLog runs;
    private final ModeratorLog moderatorLog;
    private final Consumer<ReindexSummary> onFinished;
    private final Clock clock;
    /** The running reindex, or null; also the single-flight guard. Written only by the running thread. */
    private final AtomicReference<@Nullable ReindexStatus> running = new AtomicReference<>();

    public ReindexService(
            CorpusIndexer indexer,
            PassageIndex index,
            Path corpusDir,
            ReindexLog runs,
            ModeratorLog moderatorLog,
            Clock clock) {
        this(indexer, index, corpusDir, runs, moderatorLog, summary -> {}, clock);
    }

    /**
     * @param onFinished told of every finished run, dry or real, ok or failed (metrics; refreshing
     *     what depends on the index when {@link ReindexSummary#generationAfter()} moved on); it must
     *     not throw
     */
    public ReindexService(
            CorpusIndexer indexer,
            PassageIndex index,
            Path corpusDir,
            ReindexLog runs,
            ModeratorLog moderatorLog,
            Consumer<ReindexSummary> onFinished,
            Clock clock) {
        this.indexer = indexer;
        this.index = index;
        this.corpusDir = corpusDir;
        this.runs = runs;
        this.moderatorLog = moderatorLog;
        this.onFinished = onFinished;
        this.clock = clock;
    }

    /**
     * Marks runs the log still shows as running as failed: the process that ran them stopped. The
     * caller must hold the index open (its write lock proves no other process is reindexing).
     */
    public void failInterruptedRuns() {
        int marked = runs.failInterrupted(clock.instant(), "interrupted: citebot stopped during the reindex");
        if (marked > 0) {
            LOG.warn("{} reindex run(s) were cut short by a stop or crash; the index kept its last commit", marked);
        }
    }

    /** The reindex running now, if any. */
    public Optional<ReindexStatus> running() {
        return Optional.ofNullable(running.get());
    }

    /**
     * Runs a reindex (or a dry run) on the calling thread and returns its summary.
     *
     * @param progress hears every file read, document split and document written; an exception it
     *     throws aborts the run, which then fails like any other
     * @throws ReindexAlreadyRunningException when another reindex is running; nothing was started
     * @throws ReindexFailedException when the run failed; it was rolled back, recorded and announced
     */
    public ReindexSummary reindex(ReindexRequest request, IndexProgress progress)
            throws ReindexAlreadyRunningException, ReindexFailedException {
        Instant startedAt = clock.instant();
        claim(ReindexStatus.starting(request, startedAt));
        try {
            Optional<Long> runId = recordStart(request, startedAt);
            LOG.info("{} started by {}", request.dryRun() ? "Dry-run reindex" : "Reindex", request.requestedBy());
            IndexProgress tracking = (phase, done, total) -> {
                running.updateAndGet(status -> status == null ? null : status.at(phase, done, total));
                progress.onProgress(phase, done, total);
            };
            long generationBefore = -1;
            ReindexSummary summary;
            @Nullable Exception failure = null;
            try {
                generationBefore = index.metadata().generation();
                summary = request.dryRun()
                        ? dryRun(request, startedAt, generationBefore, indexer.preview(corpusDir, tracking))
                        : run(
                                request,
                                startedAt,
                                generationBefore,
                                indexer.index(corpusDir, request.fullRebuild(), tracking));
            } catch (IOException | RuntimeException e) {
                failure = e;
                summary = new ReindexSummary(
                        request,
                        startedAt,
                        clock.instant(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        0,
                        0,
                        false,
                        generationBefore,
                        generationBefore,
                        Optional.of(describe(e)));
                LOG.warn(
                        "Reindex requested by {} failed; the previous index keeps serving: {}",
                        request.requestedBy(),
                        summary.error().orElseThrow(),
                        e);
            }
            recordFinish(runId, summary);
            notifyFinished(summary);
            announce(summary);
            if (failure != null) {
                throw new ReindexFailedException(summary, failure);
            }
            return summary;
        } finally {
            running.set(null);
        }
    }

    private void claim(ReindexStatus status) throws ReindexAlreadyRunningException {
        while (!running.compareAndSet(null, status)) {
            ReindexStatus other = running.get();
            if (other != null) {
                throw new ReindexAlreadyRunningException(other);
            }
            // The other run finished between the two reads: try again.
        }
    }

    private ReindexSummary run(
            ReindexRequest request, Instant startedAt, long generationBefore, CorpusIndexReport report) {
        UpdateReport update = report.update();
        return new ReindexSummary(
                request,
                startedAt,
                clock.instant(),
                update.added(),
                update.replaced(),
                update.deleted(),
                update.unchanged(),
                report.skipped(),
                report.documents(),
                report.passages(),
                update.rebuilt(),
                generationBefore,
                update.metadata().generation(),
                Optional.empty());
    }

    private ReindexSummary dryRun(
            ReindexRequest request, Instant startedAt, long generationBefore, CorpusPreview preview) {
        UpdatePlan plan = preview.plan();
        return new ReindexSummary(
                request,
                startedAt,
                clock.instant(),
                plan.added(),
                plan.replaced(),
                plan.deleted(),
                plan.unchanged(),
                preview.skipped(),
                preview.documents(),
                preview.passages(),
                plan.rebuild(),
                generationBefore,
                preview.serving().generation(),
                Optional.empty());
    }

    /** The run log is a record, not a precondition: a database failure must not stop the reindex. */
    private Optional<Long> recordStart(ReindexRequest request, Instant startedAt) {
        try {
            return Optional.of(runs.start(
                    request.requestedBy(), request.guildId(), request.dryRun(), request.fullRebuild(), startedAt));
        } catch (StateStoreException e) {
            LOG.warn("Could not record the start of a reindex run: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void recordFinish(Optional<Long> runId, ReindexSummary summary) {
        if (runId.isEmpty()) {
            return;
        }
        try {
            runs.finish(
                    runId.get(),
                    summary.ok() ? ReindexLog.Result.OK : ReindexLog.Result.FAILED,
                    summary.counts(),
                    summary.ok() ? Optional.of(summary.generationAfter()) : Optional.empty(),
                    summary.error(),
                    summary.finishedAt());
        } catch (StateStoreException e) {
            LOG.warn("Could not record the end of reindex run {}: {}", runId.get(), e.getMessage());
        }
    }

    private void notifyFinished(ReindexSummary summary) {
        try {
            onFinished.accept(summary);
        } catch (RuntimeException e) {
            LOG.warn("After the reindex, refreshing what depends on the index failed: {}", e.toString());
        }
    }

    private void announce(ReindexSummary summary) {
        // A dry run changes nothing for anyone; its report is for the moderator who asked.
        if (summary.request().dryRun()) {
            return;
        }
        try {
            moderatorLog.announce(ReindexReplies.announcement(summary));
        } catch (RuntimeException e) {
            LOG.warn("Could not announce a reindex run in the moderator log: {}", e.toString());
        }
    }

    /** One line a moderator can act on; paths are fine here, moderators own the corpus folder. */
    static String describe(Throwable failure) {
        String text;
        if (failure instanceof NoSuchFileException missing) {
            text = "the corpus folder " + missing.getFile() + " does not exist";
        } else if (failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            text = unchecked.getMessage() + " (" + unchecked.getCause() + ")";
        } else {
            String message = failure.getMessage();
            text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
