package org.citebot.reindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.CorpusPreview;
import org.citebot.passages.CorpusRuns;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.PassageStore;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reindexes of the corpus folder one at a time, for moderators' {@code /reindex}, the console,
 * {@code citebot index} and the corpus watcher. A second request while one runs is refused with the
 * running one's progress. Every run is recorded in the {@link ReindexRuns} (written when it starts,
 * so a crash leaves a trace) and announced in the {@link ModeratorLog}.
 *
 * <p>Searches are never affected: the index builds the new content beside the serving commit and
 * swaps it in with one commit; a failed run is rolled back and the previous commit keeps serving.
 *
 * <p>A watchdog bounds every run: the work runs on its own thread, and a run still going after the
 * run timeout is declared failed, recorded and announced, and the one-at-a-time slot is released.
 * Its {@link CommitGuard} is abandoned first, so the stuck run can never commit afterwards; it rolls
 * back at its next file. A run that already started its commit is waited for instead. Errors such as
 * running out of memory fail the run the same way instead of leaving it recorded as running.
 */
public final class ReindexService {

    private static final Logger LOG = LoggerFactory.getLogger(ReindexService.class);
    private static final int MAX_ERROR_CHARS = 300;
    private static final AtomicInteger RUN_THREADS = new AtomicInteger();
    /** When another process's run started, in its refusal. */
    private static final DateTimeFormatter STARTED_AT =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** How long a run may take before the watchdog fails it, unless configured otherwise. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    private final CorpusRuns indexer;
    private final PassageStore index;
    private final Path corpusDir;
    private final ReindexRuns runs;
    private final ModeratorLog moderatorLog;
    private final Consumer<ReindexSummary> onFinished;
    private final Duration runTimeout;
    private final Clock clock;
    private final Cluster cluster;
    /** The running reindex, or null; also the single-flight guard. */
    private final AtomicReference<@Nullable Run> running = new AtomicReference<>();
    /** The cluster's corpus generation this process's index reflects. */
    private final AtomicLong applied = new AtomicLong();

    /**
     * How this process takes part in a cluster of citebot processes sharing one state database,
     * each with an index of its own: one reindex at a time across all of them ({@code lock}, a lease
     * renewed while a run lasts), and the corpus generation a run that changed the index publishes
     * and the others follow.
     *
     * @param holder this process's name among the others, the same across its restarts
     * @param lease how long the lock outlives a holder that stopped renewing it (a killed process)
     */
    public record Cluster(ReindexLock lock, CorpusGenerations generations, String holder, Duration lease) {

        /** A process alone on its state database. */
        public static final Cluster ALONE =
                new Cluster(ReindexLock.LOCAL, CorpusGenerations.NONE, "citebot", Duration.ofSeconds(30));

        public Cluster {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, got " + lease);
            }
        }
    }

    /** One run's place in the single-flight slot; its status is replaced as it progresses. */
    private static final class Run {
        private final AtomicReference<ReindexStatus> status;

        Run(ReindexStatus status) {
            this.status = new AtomicReference<>(status);
        }
    }

    public ReindexService(
            CorpusRuns indexer,
            PassageStore index,
            Path corpusDir,
            ReindexRuns runs,
            ModeratorLog moderatorLog,
            Clock clock) {
        this(indexer, index, corpusDir, runs, moderatorLog, summary -> {}, DEFAULT_RUN_TIMEOUT, clock);
    }

    /**
     * @param onFinished told of every finished run, dry or real, ok or failed (metrics; refreshing
     *     what depends on the index when {@link ReindexSummary#generationAfter()} moved on); it must
     *     not throw
     * @param runTimeout how long a run may go without progress before the watchdog fails it ({@code
     *     index.reindexTimeout})
     */
    public ReindexService(
            CorpusRuns indexer,
            PassageStore index,
            Path corpusDir,
            ReindexRuns runs,
            ModeratorLog moderatorLog,
            Consumer<ReindexSummary> onFinished,
            Duration runTimeout,
            Clock clock) {
        this(indexer, index, corpusDir, runs, moderatorLog, onFinished, runTimeout, Cluster.ALONE, clock);
    }

    /** @param cluster the other processes this one reindexes in step with */
    public ReindexService(
            CorpusRuns indexer,
            PassageStore index,
            Path corpusDir,
            ReindexRuns runs,
            ModeratorLog moderatorLog,
            Consumer<ReindexSummary> onFinished,
            Duration runTimeout,
            Cluster cluster,
            Clock clock) {
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("runTimeout must be positive, got " + runTimeout);
        }
        this.indexer = indexer;
        this.index = index;
        this.corpusDir = corpusDir;
        this.runs = runs;
        this.moderatorLog = moderatorLog;
        this.onFinished = onFinished;
        this.runTimeout = runTimeout;
        this.cluster = cluster;
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
        Run run = running.get();
        return run == null ? Optional.empty() : Optional.of(run.status.get());
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
        return reindex(request, progress, false).orElseThrow();
    }

    /**
     * For the corpus watcher: like {@link #reindex}, but when, with the cluster's turn taken, this
     * process's index already holds the corpus as it is, runs nothing and records and announces
     * nothing. Every process's watcher sees a change to the shared corpus folder; the first to get
     * the turn reindexes, and the others, having followed its generation, find nothing left to do.
     *
     * @return the run's summary; empty when the index already held the corpus
     */
    public Optional<ReindexSummary> reindexIfChanged(ReindexRequest request, IndexProgress progress)
            throws ReindexAlreadyRunningException, ReindexFailedException {
        return reindex(request, progress, true);
    }

    private Optional<ReindexSummary> reindex(ReindexRequest request, IndexProgress progress, boolean onlyIfChanged)
            throws ReindexAlreadyRunningException, ReindexFailedException {
        Instant startedAt = clock.instant();
        Run run = new Run(ReindexStatus.starting(request, startedAt));
        claim(run);
        // A dry run writes nothing, so it needs no turn in the cluster.
        Optional<ScheduledExecutorService> lease = Optional.empty();
        try {
            if (!request.dryRun()) {
                lease = Optional.of(takeClusterLock(request, startedAt));
            }
            if (onlyIfChanged && holdsCorpus()) {
                LOG.info("{}: the index already holds the corpus as it is; nothing to run", request.requester());
                return Optional.empty();
            }
            Optional<Long> runId = recordStart(request, startedAt);
            LOG.info("{} started by {}", request.dryRun() ? "Dry-run reindex" : "Reindex", request.requestedBy());
            CommitGuard guard = new CommitGuard();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            IndexProgress tracking = (phase, done, total) -> {
                lastProgress.set(System.nanoTime());
                // A run the watchdog gave up on says nothing more to anyone.
                if (!guard.abandoned()) {
                    run.status.updateAndGet(status -> status.at(phase, done, total));
                    progress.onProgress(phase, done, total);
                }
            };
            long generationBefore = -1;
            ReindexSummary summary;
            @Nullable Throwable failure = null;
            try {
                generationBefore = index.metadata().generation();
                long before = generationBefore;
                summary = request.dryRun()
                        ? dryRun(
                                request,
                                startedAt,
                                before,
                                withinTimeout(
                                        guard, lastProgress::get, () -> indexer.preview(corpusDir, tracking, guard)))
                        : run(
                                request,
                                startedAt,
                                before,
                                withinTimeout(
                                        guard,
                                        lastProgress::get,
                                        () -> indexer.index(corpusDir, request.fullRebuild(), tracking, guard)));
            } catch (Throwable e) {
                // Errors too: a run that ran out of memory must be recorded as failed, not left running.
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
            Optional<Long> published = publish(summary);
            notifyFinished(summary);
            announce(summary, published);
            if (failure != null) {
                throw new ReindexFailedException(summary, failure);
            }
            return Optional.of(summary);
        } finally {
            lease.ifPresent(this::releaseClusterLock);
            running.compareAndSet(run, null);
        }
    }

    /**
     * Brings this process's index up to the corpus generation another process published, by an
     * update from the same corpus (unchanged files are skipped by their stamps): the index swaps
     * the new content in with one commit, and what depends on it is refreshed as after any run.
     * Not recorded: the process that ran the reindex did that; announced, when this index changed,
     * to the servers of this process's shards (the moderator log posts only there). Called every second
     * or so; does nothing while the generation has not moved, or while a run of this process goes on.
     *
     * @return whether the index was brought up to a new generation
     */
    public boolean followCluster() {
        long published = cluster.generations().current();
        if (published <= applied.get()) {
            return false;
        }
        ReindexRequest request = new ReindexRequest(
                "cluster", "another citebot process (generation " + published + ")", Optional.empty(), false, false);
        Instant startedAt = clock.instant();
        Run run = new Run(ReindexStatus.starting(request, startedAt));
        if (!running.compareAndSet(null, run)) {
            return false;
        }
        try {
            long before = index.metadata().generation();
            CommitGuard guard = new CommitGuard();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            IndexProgress tracking = (phase, done, total) -> {
                lastProgress.set(System.nanoTime());
                run.status.updateAndGet(status -> status.at(phase, done, total));
            };
            ReindexSummary summary = run(
                    request,
                    startedAt,
                    before,
                    withinTimeout(guard, lastProgress::get, () -> indexer.index(corpusDir, false, tracking, guard)));
            applied.set(published);
            LOG.info(
                    "Index brought up to the cluster's corpus generation {}: {} added, {} changed, {} removed",
                    published,
                    summary.added().size(),
                    summary.changed().size(),
                    summary.removed().size());
            notifyFinished(summary);
            if (summary.generationAfter() != summary.generationBefore()) {
                // The process that ran the reindex told the servers of its own shards; this one
                // tells those of its shards, so each server hears of the change once.
                announce(summary, Optional.of(published));
            }
            return true;
        } catch (Exception e) {
            // The previous commit keeps serving; the next poll tries again.
            LOG.warn("Could not bring the index up to the cluster's corpus generation {}: {}", published, describe(e));
            return false;
        } finally {
            running.compareAndSet(run, null);
        }
    }

    /**
     * Takes the cluster-wide reindex lock and keeps renewing it until released; refuses the run
     * while another process holds it.
     */
    private ScheduledExecutorService takeClusterLock(ReindexRequest request, Instant now)
            throws ReindexAlreadyRunningException {
        boolean taken;
        try {
            taken = cluster.lock().acquire(cluster.holder(), now.plus(cluster.lease()), now);
        } catch (RuntimeException e) {
            // Without the state database no turn can be had; refusing keeps two runs from overlapping.
            throw new ReindexAlreadyRunningException(
                    ReindexStatus.starting(request, now),
                    "the cluster-wide reindex lock cannot be taken (" + e.getMessage() + "); try again shortly");
        }
        if (!taken) {
            String other = cluster.lock().holder(now).orElse("another citebot process");
            throw new ReindexAlreadyRunningException(
                    ReindexStatus.starting(request, now),
                    "a reindex is already running in another citebot process (" + other
                            + runningSince(now).map(since -> ", " + since).orElse("")
                            + "); its result reaches every running process when it finishes");
        }
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reindex-lease-" + RUN_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, cluster.lease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (!cluster.lock()
                                .renew(cluster.holder(), clock.instant().plus(cluster.lease()))) {
                            LOG.warn("The cluster-wide reindex lock was lost while this process reindexed");
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Could not renew the cluster-wide reindex lock: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return renewer;
    }

    /** Whether an update from the corpus would change nothing; a corpus that cannot be read must be run to say so. */
    private boolean holdsCorpus() {
        try {
            return !indexer.preview(corpusDir, IndexProgress.NONE, new CommitGuard())
                    .plan()
                    .changesIndex();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * When the run another process holds the lock for started, e.g. "started 12 s ago at 03:41:02
     * UTC", from the run log (this process has recorded no run of its own yet); empty when the log
     * cannot say.
     */
    private Optional<String> runningSince(Instant now) {
        try {
            return runs.recent(5).stream()
                    .filter(run -> run.result() == ReindexRuns.Result.RUNNING && !run.dryRun())
                    .findFirst()
                    .map(run -> "started " + ReindexStatus.ago(Duration.between(run.startedAt(), now)) + " at "
                            + STARTED_AT.format(run.startedAt()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void releaseClusterLock(ScheduledExecutorService renewer) {
        renewer.shutdownNow();
        try {
            cluster.lock().release(cluster.holder());
        } catch (RuntimeException e) {
            LOG.warn("Could not release the cluster-wide reindex lock; its lease runs out: {}", e.getMessage());
        }
    }

    /** A run that changed this index moves the cluster's generation on, for the others to follow. */
    private Optional<Long> publish(ReindexSummary summary) {
        if (!summary.ok() || summary.request().dryRun() || summary.generationAfter() == summary.generationBefore()) {
            return Optional.empty();
        }
        try {
            long published = cluster.generations().publish();
            applied.set(published);
            return published > 0 ? Optional.of(published) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the new corpus generation to the other processes: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The work of one run, on a thread of its own. */
    @FunctionalInterface
    private interface RunWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} on a new thread and waits at most the run timeout. When the time is up the
     * run is abandoned through its guard: it stops at its next file, rolls back and never commits.
     * A run already committing is waited for, since its commit decides the outcome.
     *
     * @throws RunTimedOutException when the run was abandoned
     */
    private <T> T withinTimeout(CommitGuard guard, LongSupplier lastProgressNanos, RunWork<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread thread = new Thread(task, "reindex-run-" + RUN_THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        try {
            try {
                while (true) {
                    // A run is stuck when it stops reporting progress, not when it is long: embedding a
                    // large corpus for the first time legitimately takes hours, file by file.
                    long quiet = System.nanoTime() - lastProgressNanos.getAsLong();
                    long left = runTimeout.toNanos() - quiet;
                    if (left <= 0) {
                        break;
                    }
                    try {
                        return task.get(left, TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        // Progress may have come meanwhile: measure again.
                    }
                }
                if (guard.abandon()) {
                    throw new RunTimedOutException(runTimeout);
                }
                LOG.warn("Reindex ran over its time budget of {} while committing; waiting for the commit", runTimeout);
                return task.get();
            } catch (InterruptedException e) {
                guard.abandon();
                Thread.currentThread().interrupt();
                throw e;
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The watchdog stopped a run that reported no progress for the run timeout. */
    static final class RunTimedOutException extends Exception {
        private static final long serialVersionUID = 1L;

        RunTimedOutException(Duration timeout) {
            super("it made no progress for " + words(timeout) + " (index.reindexTimeout) and was stopped");
        }

        private static String words(Duration timeout) {
            long seconds = timeout.toSeconds();
            if (seconds < 120) {
                return seconds + " s";
            }
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        }
    }

    private void claim(Run run) throws ReindexAlreadyRunningException {
        while (!running.compareAndSet(null, run)) {
            Run other = running.get();
            if (other != null) {
                throw new ReindexAlreadyRunningException(other.status.get());
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
        } catch (RuntimeException e) {
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
                    summary.ok() ? ReindexRuns.Result.OK : ReindexRuns.Result.FAILED,
                    summary.counts(),
                    summary.ok() ? Optional.of(summary.generationAfter()) : Optional.empty(),
                    summary.error(),
                    summary.finishedAt());
        } catch (RuntimeException e) {
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

    /** @param generation the corpus generation the run published or followed, which other processes announce too */
    private void announce(ReindexSummary summary, Optional<Long> generation) {
        // A dry run changes nothing for anyone; its report is for the moderator who asked.
        if (summary.request().dryRun()) {
            return;
        }
        try {
            Announcement announcement = ReindexReplies.announcement(summary);
            moderatorLog.announce(generation
                    .map(published -> announcement.sharedAs("corpus generation " + published))
                    .orElse(announcement));
        } catch (RuntimeException e) {
            LOG.warn("Could not announce a reindex run in the moderator log: {}", e.toString());
        }
    }

    /** One line a moderator can act on; paths are fine here, moderators own the corpus folder. */
    static String describe(Throwable failure) {
        String text;
        if (failure instanceof NoSuchFileException missing) {
            text = "the corpus folder " + missing.getFile() + " does not exist";
        } else if (failure instanceof RunTimedOutException) {
            text = String.valueOf(failure.getMessage());
        } else if (failure instanceof OutOfMemoryError) {
            text = "citebot ran out of memory (" + failure.getMessage() + ")";
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
