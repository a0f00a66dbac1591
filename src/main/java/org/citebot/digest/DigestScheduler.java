package org.citebot.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the digest on the process's one {@link ScheduledExecutorService}: after every run it asks
 * for the next wake-up, computed from the injected {@link Clock} and each guild's zone (so daylight
 * saving changes neither skip nor double a day), and schedules one task for then. A failing run is
 * logged and the schedule goes on.
 */
public final class DigestScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    /** Never sleep less than this, so a clock that stands still cannot spin the thread. */
    static final Duration MIN_DELAY = Duration.ofSeconds(1);

    /** The work the scheduler drives; {@link DigestService} in production. */
    public interface DueWork {
        /** Does whatever is due now. */
        void runDue();

        /** When {@link #runDue()} should next be called, given the time now. */
        Instant nextWakeUp(Instant now);
    }

    private final DueWork work;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private ScheduledFuture<?> pending;
    private boolean closed;

    public DigestScheduler(DueWork work, ScheduledExecutorService executor, Clock clock) {
        this.work = work;
        this.executor = executor;
        this.clock = clock;
    }

    /** Runs due work at once (catch-up and interrupted sends), then keeps to the schedule. */
    public synchronized void start() {
        closed = false;
        scheduleIn(Duration.ZERO);
    }

    /** Runs at once, e.g. after settings changed, then recomputes the schedule. */
    public synchronized void wakeUp() {
        if (!closed) {
            scheduleIn(Duration.ZERO);
        }
    }

    /** One run: the executor calls this; it never throws and always schedules the next one. */
    void tick() {
        try {
            work.runDue();
        } catch (RuntimeException e) {
            LOG.error("Digest run failed; the schedule continues", e);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            Duration delay;
            try {
                Instant now = clock.instant();
                delay = Duration.between(now, work.nextWakeUp(now));
            } catch (RuntimeException e) {
                LOG.error("Could not compute the next digest time; trying again in {}", DigestService.RETRY_DELAY, e);
                delay = DigestService.RETRY_DELAY;
            }
            scheduleIn(delay.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : delay);
        }
    }

    /** The delay until the next scheduled run, for logs and tests. */
    public synchronized Duration nextDelay() {
        return pending == null ? Duration.ZERO : Duration.ofMillis(pending.getDelay(TimeUnit.MILLISECONDS));
    }

    private void scheduleIn(Duration delay) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("Next digest check in {}", delay);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
