package org.citebot.app;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.citebot.backend.SearchBackend;
import org.citebot.passages.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up build of a search backend whose store did not answer as citebot started (SolrCloud
 * down): rather than exit, and be restarted in a loop by the orchestrator, the bot starts, members
 * get the "Search is unavailable" notice and {@code /readyz} says why, while this tries {@link
 * SearchBackend#ensureBuilt()} again every {@link #RETRY} until it succeeds, then tells the bot once
 * (which refreshes what it keeps of the corpus). The outage itself is logged by the store, once.
 */
final class DeferredBuild {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredBuild.class);

    /** How long between tries: one failing request each, so Solr's return is noticed within it. */
    static final Duration RETRY = Duration.ofSeconds(5);

    private final SearchBackend backend;
    private final Runnable built;
    private volatile boolean done;
    /** The last failure other than an outage, logged once; only the scheduler's thread touches it. */
    private @Nullable String lastProblem;

    private @Nullable ScheduledFuture<?> schedule;

    /** @param built what to do once the build succeeded, on the executor's thread */
    DeferredBuild(SearchBackend backend, Runnable built) {
        this.backend = backend;
        this.built = built;
    }

    /** Tries again every {@link #RETRY} on {@code executor} until a try succeeds. */
    synchronized void start(ScheduledExecutorService executor) {
        schedule = executor.scheduleWithFixedDelay(
                this::attempt, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the build has succeeded. */
    boolean done() {
        return done;
    }

    /** One try; a failure is logged (the outage at DEBUG, as the store warned of it) and tried again. */
    void attempt() {
        if (done) {
            return;
        }
        try {
            backend.ensureBuilt();
        } catch (StoreUnavailableException e) {
            LOG.debug(
                    "The passages are still out of reach; trying again in {} s: {}", RETRY.toSeconds(), e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            // The corpus folder missing, say: someone must act, and the next try sees the fix. Said
            // once per problem, not every few seconds.
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.error("Building the passages failed; trying again every {} s", RETRY.toSeconds(), e);
            }
            return;
        }
        done = true;
        synchronized (this) {
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
        LOG.info("The passages are available again; citebot answers searches");
        built.run();
    }
}
