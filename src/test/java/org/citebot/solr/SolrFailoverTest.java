package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.citebot.index.IndexSettings;
import org.citebot.index.TestCorpus;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.search.CachingPassageSearch;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchPipeline;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.SearchSettings;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What members notice of SolrCloud's own failures and swaps while they search, on a real cluster in
 * the JVM (2 nodes, 2 shards x 2 replicas, embedded ZooKeeper, 127.0.0.1 only): a node stopped in the
 * middle of a burst of searches costs no failed search, since the other node holds a replica of every
 * shard; and a rebuild whose alias swap lands in the middle of searches costs no failed search, and
 * no answer from before the swap once it is done, through the answer cache as the bot uses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrFailoverTest {

    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;
    private static final List<String> QUESTIONS =
            List.of("grain corridor", "nuclear escalation in Europe", "arms control treaties", "summit declaration");

    @TempDir
    static Path folder;

    private SolrCloudCluster cluster;
    private SolrConnection connection;
    private SolrPassages passages;
    private ScheduledExecutorService polls;
    private PassageSearch search;

    @BeforeAll
    void storeTheCorpus() throws Exception {
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        polls = Executors.newSingleThreadScheduledExecutor();
        connection = SolrConnection.open(cluster.settings("failover", SHARDS, REPLICAS));
        passages = SolrPassages.open(
                connection,
                SolrConfigset.bundled(),
                IndexSettings.defaults(),
                Clock.systemUTC(),
                Optional.empty(),
                polls);
        new SolrCollections(connection)
                .aliasTarget("failover")
                .ifPresent(collection -> cluster.waitForActive(collection, SHARDS, REPLICAS));
        passages.update(TestCorpus.all(), IndexProgress.NONE);
        search = new SearchPipeline(
                new SolrSearchPort(connection, passages, SearchSettings.defaults()),
                SearchSettings.defaults(),
                Optional.empty());
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        passages.close();
        connection.close();
        polls.shutdownNow();
        cluster.close();
    }

    @Test
    void nodeStoppedDuringABurstOfSearches_noSearchFails() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String question : QUESTIONS) {
            expected.add(topDocument(search.search(SearchRequest.of(question, 5))));
        }
        Burst burst = Burst.start(search, expected);
        try {
            burst.awaitSearches(40);
            cluster.stopNode(1);
            int atStop = burst.done();
            burst.awaitSearches(atStop + 100);
        } finally {
            burst.stop();
            cluster.restartNode(1);
        }

        assertThat(burst.failures())
                .as("searches that failed or changed their answer")
                .isEmpty();
        assertThat(burst.done()).isGreaterThanOrEqualTo(140);
    }

    @Test
    void aliasSwapDuringSearches_noSearchFailsAndNoneIsStaleAfterIt() throws Exception {
        PassageSearch cached = new CachingPassageSearch(
                search,
                (SearchPipeline) search,
                passages::servingGeneration,
                1_000,
                16_000_000,
                Duration.ofHours(1),
                Ticker.systemTicker());
        List<String> expected = new ArrayList<>();
        for (String question : QUESTIONS) {
            expected.add(topDocument(cached.search(SearchRequest.of(question, 5))));
        }
        assertThat(cached.search(SearchRequest.of("sunflower", 5)).hits()).isEmpty();
        List<IndexedDocument> grown = new ArrayList<>(TestCorpus.all());
        grown.add(TestCorpus.document(
                "004_sunflower_harvest",
                TestCorpus.metadata("The sunflower harvest", null, "Field Notes", null, null),
                TestCorpus.Para.of("Farmers brought in the sunflower harvest early this year.")));
        Burst burst = Burst.start(cached, expected);
        try {
            burst.awaitSearches(20);
            passages.rebuild(grown, IndexProgress.NONE);
            int atSwap = burst.done();
            burst.awaitSearches(atSwap + 40);
        } finally {
            burst.stop();
        }

        assertThat(burst.failures())
                .as("searches that failed or changed their answer")
                .isEmpty();
        assertThat(cached.search(SearchRequest.of("sunflower", 5)).hits())
                .as("the question asked before the swap, asked again at once after it")
                .extracting(hit -> hit.passage().docId())
                .containsExactly("004_sunflower_harvest");
    }

    private static String topDocument(SearchResults results) {
        assertThat(results.hits()).isNotEmpty();
        return results.hits().get(0).passage().docId();
    }

    /** Two threads asking the questions over and over, recording every failure or changed answer. */
    private static final class Burst {
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger done = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final List<Future<?>> workers = new ArrayList<>();

        static Burst start(PassageSearch search, List<String> expected) {
            Burst burst = new Burst();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                burst.workers.add(burst.threads.submit(() -> {
                    for (int i = offset; burst.running.get(); i++) {
                        int q = i % QUESTIONS.size();
                        try {
                            String top = topDocument(search.search(SearchRequest.of(QUESTIONS.get(q), 5)));
                            if (!top.equals(expected.get(q))) {
                                burst.failures.add(QUESTIONS.get(q) + ": top " + top + ", not " + expected.get(q));
                            }
                        } catch (RuntimeException | AssertionError e) {
                            burst.failures.add(QUESTIONS.get(q) + ": " + e);
                        }
                        burst.done.incrementAndGet();
                    }
                }));
            }
            return burst;
        }

        void awaitSearches(int count) {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> done.get() >= count || !failures.isEmpty());
        }

        int done() {
            return done.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
            threads.shutdown();
        }
    }
}
