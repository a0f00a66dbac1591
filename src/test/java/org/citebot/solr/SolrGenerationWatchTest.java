package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generation kept in memory for the Solr passages, over a reader that stands in for Solr's
 * answer (the real one is {@code SolrPassageStore.generation}, shown against a real SolrCloud in
 * {@link SolrPassageStoreContractTest}): own commits show at once, a failing poll keeps the last
 * generation and is logged once, and the first poll that succeeds again takes the new one; a watch
 * started while Solr is down knows no generation until a poll reads one.
 */
class SolrGenerationWatchTest {

    private static final Duration POLL = Duration.ofMillis(20);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong solrGeneration = new AtomicLong(3);
    private final AtomicBoolean solrDown = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();

    private long read() {
        reads.incrementAndGet();
        if (solrDown.get()) {
            throw new SolrUnavailableException("Solr is unavailable: connection refused (ZooKeeper at 127.0.0.1:9)");
        }
        return solrGeneration.get();
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void committed_ownCommit_isTheGenerationAtOnce() {
        try (SolrGenerationWatch watch =
                new SolrGenerationWatch(this::read, "citebot", scheduler, Duration.ofMinutes(1))) {
            assertThat(watch.current()).isEqualTo(3);

            watch.committed(4);

            assertThat(watch.current()).isEqualTo(4);
        }
    }

    @Test
    void poll_solrFailsForManyPolls_keepsTheLastGeneration_logsOnce_andRecoversByItself() {
        try (LogCapture logs = LogCapture.attach();
                SolrGenerationWatch watch = new SolrGenerationWatch(this::read, "citebot", scheduler, POLL)) {
            solrGeneration.set(5);
            await().atMost(Duration.ofSeconds(5)).until(watch::current, generation -> generation == 5);

            solrDown.set(true);
            int before = reads.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= before + 5);

            assertThat(watch.current()).isEqualTo(5);
            assertThat(logs.lines(Level.WARN))
                    .as("the connection warns of the outage")
                    .isEmpty();
            assertThat(logs.lines(Level.INFO))
                    .filteredOn(line -> line.contains("Could not read the Solr generation"))
                    .containsExactly("Could not read the Solr generation of citebot; answers stay keyed by"
                            + " generation 5 until Solr answers: Solr is unavailable: connection refused"
                            + " (ZooKeeper at 127.0.0.1:9)");

            solrGeneration.set(6);
            solrDown.set(false);
            await().atMost(Duration.ofSeconds(5)).until(watch::current, generation -> generation == 6);
            assertThat(logs.lines(Level.INFO)).contains("Solr answers again for citebot: generation 6");
        }
    }

    @Test
    void start_solrDown_generationUnknownUntilAPollReadsIt_noFailure() {
        solrDown.set(true);
        try (SolrGenerationWatch watch = new SolrGenerationWatch(this::read, "citebot", scheduler, POLL)) {
            assertThat(watch.current()).isEqualTo(SolrGenerationWatch.UNKNOWN);

            solrDown.set(false);

            await().atMost(Duration.ofSeconds(5)).until(watch::current, generation -> generation == 3);
        }
    }
}
