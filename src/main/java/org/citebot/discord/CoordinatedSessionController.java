package org.citebot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.citebot.cluster.IdentifyBuckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's identify queue for a bot whose shards run in several processes: each shard logs in through
 * bucket {@code shard % max_concurrency}, and the slot comes from the shared {@link
 * IdentifyBuckets} 6 s apart, so no two processes identify in one bucket within Discord's 5 s, and a process
 * never burns the bot's daily identifies by retrying in a burst. One worker per bucket, as JDA's
 * own {@code ConcurrentSessionController}, which serves a process alone.
 */
final class CoordinatedSessionController extends SessionControllerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatedSessionController.class);
    private static final Duration SPACING = Duration.ofSeconds(SessionController.IDENTIFY_DELAY);
    /**
     * Discord counts its 5 s between identifies as they arrive, while a slot is when the connection
     * starts: the websocket, TLS and the gateway's HELLO come before the identify and take longer
     * for one connection than another (over the wire, two processes' identifies reserved 5 s apart
     * arrived 4.82 s apart). A second more between slots absorbs that difference.
     */
    private static final Duration SLOT_SPACING = SPACING.plusSeconds(1);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final IdentifyBuckets buckets;
    private final ConcurrentHashMap<Integer, ExecutorService> workers = new ConcurrentHashMap<>();
    private volatile int concurrency = 1;

    CoordinatedSessionController(IdentifyBuckets buckets) {
        this.buckets = buckets;
    }

    /** Discord's max_concurrency from {@code GET gateway/bot}, set by the shard manager before any login. */
    @Override
    public void setConcurrency(int level) {
        concurrency = Math.max(1, level);
    }

    @Override
    public void appendSession(SessionConnectNode node) {
        int bucket = node.getShardInfo().getShardId() % concurrency;
        workers.computeIfAbsent(
                        bucket,
                        b -> Executors.newSingleThreadExecutor(runnable -> {
                            Thread thread =
                                    new Thread(runnable, "citebot-identify-" + b + "-" + THREADS.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        }))
                .execute(() -> connect(node, bucket));
    }

    @Override
    public void removeSession(SessionConnectNode node) {
        // A node removed before its turn is run and finds its JDA shut down; nothing to undo.
    }

    private void connect(SessionConnectNode node, int bucket) {
        try {
            Instant slot = buckets.reserve(bucket, SLOT_SPACING);
            long wait = Duration.between(Instant.now(), slot).toMillis();
            if (wait > 0) {
                LOG.debug("Shard {} identifies in {} ms (bucket {})", node.getShardInfo(), wait, bucket);
                TimeUnit.MILLISECONDS.sleep(wait);
            }
            node.run(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The state database or the gateway failed: try this shard again after the spacing.
            LOG.warn("Shard {} could not log in ({}); trying again", node.getShardInfo(), e.getMessage());
            CompletableFuture.delayedExecutor(SPACING.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> appendSession(node));
        }
    }
}
