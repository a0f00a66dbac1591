package org.citebot.index;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs an update's document writes (embedding, then analysis and inversion inside {@code
 * IndexWriter}) on a few threads, so indexing uses every core while the caller reads and splits the
 * next file: Lucene's writer takes documents from several threads at once, each into a segment of
 * its own. Writes handed over and not yet done are bounded by a capacity, counted in units the
 * caller gives each write (an update counts passages), so memory stays bounded while the threads
 * have work queued when the caller is slow for a moment: on a shared machine a caller that is
 * descheduled would otherwise leave both threads idle. The first failure is kept and thrown to the
 * caller at its next {@link #submit} or at {@link #awaitAll}; the writes after it are not run.
 *
 * <p>With one thread, writes run on the caller's thread, in order, as they are submitted.
 */
final class ParallelWrites implements AutoCloseable {

    /** One document's write. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final @Nullable ExecutorService pool;
    private final Semaphore slots;
    private final int capacity;
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

    /**
     * Writes of one unit each, at most {@code threads + 1} pending.
     *
     * @param threads writing threads; 1 writes on the caller's thread
     */
    ParallelWrites(int threads) {
        this(threads, threads + 1);
    }

    /**
     * @param threads writing threads; 1 writes on the caller's thread
     * @param capacity units of the writes that may be pending at once
     */
    ParallelWrites(int threads, int capacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.threads = threads;
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
        if (threads == 1) {
            this.pool = null;
        } else {
            int number = POOLS.incrementAndGet();
            AtomicInteger worker = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "citebot-index-" + number + "-writer-" + worker.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Writing threads. */
    int threads() {
        return threads;
    }

    /**
     * Hands a write over, waiting while too many are pending; rethrows an earlier write's failure.
     *
     * @param stopped checked while waiting: a run stopped by its watchdog must not wait for writes
     * @throws CancellationException when {@code stopped} says so while waiting, or the thread is interrupted
     */
    void submit(Write write, BooleanSupplier stopped) throws IOException {
        submit(write, 1, stopped);
    }

    /**
     * Hands a write of {@code units} over (a write larger than the capacity counts as the whole
     * capacity, so it waits for every pending write to end), waiting while there is no room.
     *
     * @throws CancellationException when {@code stopped} says so while waiting, or the thread is interrupted
     */
    void submit(Write write, int units, BooleanSupplier stopped) throws IOException {
        rethrowFailure();
        if (pool == null) {
            write.run();
            return;
        }
        int permits = Math.max(1, Math.min(capacity, units));
        acquire(permits, stopped);
        try {
            pool.execute(() -> {
                try {
                    if (failure.get() == null) {
                        write.run();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    slots.release(permits);
                }
            });
        } catch (RuntimeException e) {
            slots.release(permits);
            throw e;
        }
    }

    /** Waits until every write handed over is done; rethrows the first failure. */
    void awaitAll(BooleanSupplier stopped) throws IOException {
        if (pool != null) {
            acquire(capacity, stopped);
            slots.release(capacity);
        }
        rethrowFailure();
    }

    private void acquire(int permits, BooleanSupplier stopped) {
        try {
            while (!slots.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                if (stopped.getAsBoolean()) {
                    throw new CancellationException("the reindex was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for documents to be written");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        // The writer thread's exception as it was, so callers see the same types as with one thread.
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        throw new IOException("writing a document failed", t);
    }

    /**
     * Lets the writes in progress end (none of the pending ones starts once a failure or a stop is
     * known to them) and stops the threads. Waits without limit for the writes running now, which
     * end at their next check when their run was stopped.
     */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
