package org.citebot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs interaction work on a bounded pool, never on JDA's threads, and makes sure Discord hears back
 * within its 3 seconds: work that finishes inside the quick window is answered directly; otherwise
 * the interaction is deferred when the window closes and answered when the work is done. The window
 * counts from when Discord created the interaction, when known, so an event that arrived late (a
 * burst queued on the gateway) is deferred sooner. A full pool is answered at once with "busy", a
 * pool shut down for a stop with "shutting down".
 */
final class AckRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AckRunner.class);

    private static final int PENDING = 0;
    private static final int ANSWERED = 1;
    private static final int DEFERRED = 2;

    /** What to send to Discord at each point of one interaction's race. */
    interface Steps<T> {

        /** The work finished within the quick window: the first and only answer. */
        void answer(T result);

        /** The quick window closed first: acknowledge now, answer later. */
        void defer();

        /** The work finished after {@link #defer()} was sent. */
        void answerLate(T result);

        /** The pool is full: answer at once. */
        void busy();

        /** citebot is shutting down and takes no new work: answer at once. */
        void stopping();
    }

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Duration quickWindow;
    private final BiConsumer<String, Duration> acknowledged;

    /**
     * @param quickWindow how long to wait for the work before deferring; well under Discord's 3 s so
     *     the deferral itself arrives in time
     */
    AckRunner(ExecutorService workers, ScheduledExecutorService timer, Duration quickWindow) {
        this(workers, timer, quickWindow, (how, elapsed) -> {});
    }

    /**
     * @param acknowledged told how each interaction was first acknowledged ("answered", "deferred"
     *     or "busy") and how long after it arrived, for the time-to-acknowledge metric
     */
    AckRunner(
            ExecutorService workers,
            ScheduledExecutorService timer,
            Duration quickWindow,
            BiConsumer<String, Duration> acknowledged) {
        this.workers = workers;
        this.timer = timer;
        this.quickWindow = quickWindow;
        this.acknowledged = acknowledged;
    }

    /** Runs {@code work} (which must not throw) and calls exactly one path of {@code steps}. */
    <T> void run(Supplier<T> work, Steps<T> steps) {
        run(work, steps, Optional.empty());
    }

    /**
     * As {@link #run(Supplier, Steps)} for an interaction Discord created at {@code createdAt}: the
     * time it took to arrive comes off the quick window. A creation time ahead of this machine's
     * clock (skew) leaves the window whole; it never grows.
     */
    <T> void run(Supplier<T> work, Steps<T> steps, Optional<Instant> createdAt) {
        long received = System.nanoTime();
        // Log lines on the worker and timer threads carry the interaction's ids too.
        Map<String, String> context = MDC.getCopyOfContextMap();
        Steps<T> measured = new Steps<>() {
            @Override
            public void answer(T result) {
                acknowledged.accept("answered", Duration.ofNanos(System.nanoTime() - received));
                steps.answer(result);
            }

            @Override
            public void defer() {
                acknowledged.accept("deferred", Duration.ofNanos(System.nanoTime() - received));
                steps.defer();
            }

            @Override
            public void answerLate(T result) {
                steps.answerLate(result);
            }

            @Override
            public void busy() {
                acknowledged.accept("busy", Duration.ofNanos(System.nanoTime() - received));
                steps.busy();
            }

            @Override
            public void stopping() {
                acknowledged.accept("stopping", Duration.ofNanos(System.nanoTime() - received));
                steps.stopping();
            }
        };
        runMeasured(withContext(context, work), measured, context, window(createdAt));
    }

    private Duration window(Optional<Instant> createdAt) {
        if (createdAt.isEmpty()) {
            return quickWindow;
        }
        Duration inTransit = Duration.between(createdAt.get(), Instant.now());
        if (inTransit.isNegative()) {
            return quickWindow;
        }
        Duration left = quickWindow.minus(inTransit);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static <T> Supplier<T> withContext(Map<String, String> context, Supplier<T> work) {
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            setContext(context);
            try {
                return work.get();
            } finally {
                setContext(before);
            }
        };
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    private <T> void runMeasured(Supplier<T> work, Steps<T> steps, Map<String, String> context, Duration window) {
        AtomicInteger state = new AtomicInteger(PENDING);
        // The lock orders defer() before answerLate() when the timer and the work finish together.
        Object lock = new Object();
        ScheduledFuture<?>[] deferral = new ScheduledFuture<?>[1];
        Runnable task = () -> {
            T result = work.get();
            synchronized (lock) {
                if (state.compareAndSet(PENDING, ANSWERED)) {
                    if (deferral[0] != null) {
                        deferral[0].cancel(false);
                    }
                    steps.answer(result);
                } else {
                    steps.answerLate(result);
                }
            }
        };
        synchronized (lock) {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                // An event JDA was already handing over when the listener was removed at shutdown.
                if (workers.isShutdown()) {
                    LOG.info("Shutting down; telling the member to ask again");
                    steps.stopping();
                } else {
                    LOG.warn("Interaction pool is full; answering busy");
                    steps.busy();
                }
                return;
            }
            try {
                deferral[0] = timer.schedule(
                        () -> {
                            synchronized (lock) {
                                if (state.compareAndSet(PENDING, DEFERRED)) {
                                    setContext(context);
                                    try {
                                        steps.defer();
                                    } finally {
                                        MDC.clear();
                                    }
                                }
                            }
                        },
                        window.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.warn("Interaction timer is shut down; the answer cannot be deferred");
            }
        }
    }

    /**
     * Runs {@code work} (which must not throw) and hands {@code respond} its result, or {@code
     * fallback}'s when the work takes longer than {@code budget} or the pool is full; exactly once.
     */
    <T> void within(Supplier<T> work, Duration budget, Supplier<T> fallback, Consumer<T> respond) {
        AtomicInteger state = new AtomicInteger(PENDING);
        try {
            workers.execute(() -> {
                T result = work.get();
                if (state.compareAndSet(PENDING, ANSWERED)) {
                    respond.accept(result);
                }
            });
        } catch (RejectedExecutionException e) {
            state.set(ANSWERED);
            respond.accept(fallback.get());
            return;
        }
        try {
            timer.schedule(
                    () -> {
                        if (state.compareAndSet(PENDING, DEFERRED)) {
                            LOG.debug(
                                    "Work took longer than its {} ms budget; answering with the fallback",
                                    budget.toMillis());
                            respond.accept(fallback.get());
                        }
                    },
                    budget.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("Interaction timer is shut down; no time budget for this answer");
        }
    }

    /**
     * A pool for interaction work: {@code threads} daemon threads and a queue of {@code queue}
     * waiting tasks; beyond that {@link #run} answers "busy" instead of piling up work Discord would
     * time out anyway.
     */
    static ExecutorService boundedPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "citebot-interaction-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                factory,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
