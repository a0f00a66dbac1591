package org.citebot.solr;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation of the Solr passages kept in memory, so answer cache keys carry it without a round
 * trip to Solr per search: read at start, polled every {@code search.solr.generationPoll} (another
 * process's commit or alias swap arrives within one interval) and set at once after this process's own
 * commits. A poll that fails keeps the last generation and is noted once at INFO, until a poll
 * succeeds again (the outage itself is warned of by the connection's {@code StoreOutages}). {@link SolrPassages} keeps one.
 */
final class SolrGenerationWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrGenerationWatch.class);

    private final LongSupplier reader;
    private final String what;
    private final ScheduledFuture<?> poll;
    /** Guarded by this: the generation, and how many own commits set it (a poll begun before one must not undo it). */
    private long generation;

    private long ownCommits;
    private boolean failing;

    /** The generation before any was read: no answer is cached under it, since none can be found. */
    static final long UNKNOWN = -1;

    /**
     * Reads the generation once now and then every {@code interval} on {@code scheduler}. When the
     * first read fails (Solr down as the bot starts) the generation is {@link #UNKNOWN} until a poll
     * reads it: searches fail meanwhile, so nothing is cached under it.
     *
     * @param reader reads the committed generation from Solr; throws when Solr cannot answer
     * @param what names the alias watched, for the log
     */
    SolrGenerationWatch(LongSupplier reader, String what, ScheduledExecutorService scheduler, Duration interval) {
        this.reader = reader;
        this.what = what;
        this.generation = UNKNOWN;
        poll();
        long millis = Math.max(1, interval.toMillis());
        this.poll = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The generation last read or committed. */
    synchronized long current() {
        return generation;
    }

    /** Sets the generation this process just committed, without waiting for the next poll. */
    synchronized void committed(long committed) {
        ownCommits++;
        generation = committed;
    }

    /** Reads the generation from Solr now; what the scheduler runs. A failure keeps the last one. */
    void poll() {
        long before;
        synchronized (this) {
            before = ownCommits;
        }
        long read;
        try {
            read = reader.getAsLong();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        synchronized (this) {
            if (ownCommits == before) {
                generation = read;
            }
            if (failing) {
                failing = false;
                LOG.info("Solr answers again for {}: generation {}", what, generation);
            }
        }
    }

    private void failed(RuntimeException e) {
        long kept;
        synchronized (this) {
            if (failing) {
                return;
            }
            failing = true;
            kept = generation;
        }
        // INFO, not WARN: the connection's StoreOutages already warns once of the outage itself.
        LOG.info(
                "Could not read the Solr generation of {}; answers stay keyed by generation {} until Solr answers: {}",
                what,
                kept,
                e.getMessage());
    }

    /** Stops polling. */
    @Override
    public void close() {
        poll.cancel(false);
    }
}
