package org.citebot.corpus;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each corpus file a time budget: the file's work (reading, cleaning, splitting) runs on a
 * worker thread while the caller waits at most the budget. A file over it is skipped with a reason;
 * its worker is interrupted, which the reading loops notice ({@link Cancellation}), and abandoned,
 * so a parser that ignores the interrupt cannot hold up the run. A stack overflow or running out of
 * memory on one file skips that file too. The indexer uses one budget per run; work done on a
 * worker never touches the index, so an abandoned worker cannot write to it.
 */
public final class FileBudget implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FileBudget.class);
    /** Deeply nested HTML is walked recursively; give the worker room before calling it too deep. */
    private static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;

    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final Duration timeout;
    private @Nullable ExecutorService worker;

    public FileBudget(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /** How one file's work ended within its budget. */
    public sealed interface Outcome<T> {}

    /** The work finished in time. */
    public record Done<T>(T value) implements Outcome<T> {}

    /** The work did not finish; the file is skipped with this reason. */
    public record Exceeded<T>(String reason) implements Outcome<T> {}

    /**
     * Runs {@code work} within the budget on this budget's worker thread.
     *
     * @throws RuntimeException what the work threw, other than running out of its budget
     * @throws InterruptedException when the calling thread is interrupted while it waits; the
     *     worker is then abandoned like one over its budget
     */
    public <T> Outcome<T> run(Callable<T> work) throws InterruptedException {
        Future<T> future = worker().submit(work);
        try {
            return new Done<>(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            abandon(future);
            return new Exceeded<>("took longer than the limit of " + describe(timeout) + " to read; skipped");
        } catch (InterruptedException e) {
            abandon(future);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException) {
                return new Exceeded<>("took longer than the limit of " + describe(timeout) + " to read; skipped");
            }
            if (cause instanceof StackOverflowError) {
                return new Exceeded<>("too deeply nested to read (stack overflow); skipped");
            }
            if (cause instanceof OutOfMemoryError) {
                // The work's garbage is unreachable now; the run goes on with the next file.
                return new Exceeded<>("needs more memory than citebot has to read it; skipped");
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("reading a file failed", cause);
        }
    }

    private ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread =
                        new Thread(null, runnable, "corpus-file-" + WORKERS.incrementAndGet(), WORKER_STACK_BYTES);
                thread.setDaemon(true);
                return thread;
            });
        }
        return worker;
    }

    /** Interrupts the work and leaves its thread to finish on its own; the next file gets a new one. */
    private void abandon(Future<?> future) {
        future.cancel(true);
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
        LOG.warn(
                "A corpus file ran over its time budget of {}; its worker thread was interrupted and left behind",
                describe(timeout));
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
