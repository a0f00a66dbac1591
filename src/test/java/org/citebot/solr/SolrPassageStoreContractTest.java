package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.index.TestCorpus;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusRunsContract;
import org.citebot.passages.CorpusUpdates;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.PassageStore;
import org.citebot.passages.PassageStoreContract;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passage store contract on a real SolrCloud in the JVM (2 nodes, embedded ZooKeeper, 127.0.0.1
 * only), each test behind an alias of its own over collections of 2 shards x 2 replicas; the cluster
 * starts once for the class. Beside the contract: a rebuild goes into a new collection and swaps the
 * alias, and the generation Solr reports moves on with every change.
 */
class SolrPassageStoreContractTest extends PassageStoreContract {

    private static final Logger log = LoggerFactory.getLogger(SolrPassageStoreContractTest.class);
    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;

    @TempDir
    static Path folder;

    private static SolrCloudCluster cluster;
    private static int aliases;

    /** Polls the generation of every store the tests open; each store stops its poll when closed. */
    private static ScheduledExecutorService polls;

    private final List<SolrConnection> opened = new ArrayList<>();
    private final List<SolrPassages> stores = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        polls = Executors.newSingleThreadScheduledExecutor();
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        log.info("SolrCloud of 2 nodes started in {} ms", cluster.startup().toMillis());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (polls != null) {
            polls.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected PassageStore emptyStore() {
        return open("store" + ++aliases);
    }

    private SolrPassages open(String alias) {
        SolrConnection connection = SolrConnection.open(cluster.settings(alias, SHARDS, REPLICAS));
        opened.add(connection);
        SolrPassages store = SolrPassages.open(
                connection, SolrConfigset.bundled(), IndexSettings.defaults(), CLOCK, Optional.empty(), polls);
        stores.add(store);
        new SolrCollections(connection).aliasTarget(alias).ifPresent(c -> cluster.waitForActive(c, SHARDS, REPLICAS));
        return store;
    }

    /** The corpus runs contract on SolrCloud, on this class's cluster, each test behind an alias of its own. */
    @Nested
    class CorpusRuns extends CorpusRunsContract {
        @Override
        protected CorpusUpdates emptyCorpusStore() {
            return open("runs" + ++aliases);
        }

        @Test
        void index_rebuildStoppedBeforeItsCommit_leavesTheOldCollectionServing() throws Exception {
            String alias = "stopped" + ++aliases;
            SolrPassages store = open(alias);
            SolrCollections collections = new SolrCollections(opened.get(opened.size() - 1));
            article("alpha.txt", "alpha");
            article("bravo.txt", "bravo");
            CorpusIndexer indexer = indexer(store);
            run(indexer, false);
            IndexMetadata before = store.metadata();
            CommitGuard guard = new CommitGuard();
            IndexProgress stopAfterTheFirstFile = (phase, done, total) -> {
                if (phase == IndexProgress.Phase.READING && done == 1) {
                    guard.abandon();
                }
            };

            assertThatThrownBy(() -> indexer.index(corpus(), true, stopAfterTheFirstFile, guard))
                    .isInstanceOf(CancellationException.class);

            assertThat(collections.aliasTarget(alias)).contains(alias + "_g1");
            assertThat(collections.collections()).noneMatch(name -> name.startsWith(alias + "_g2"));
            assertThat(store.metadata()).isEqualTo(before);
            assertThat(store.documents()).hasSize(2);
        }
    }

    @AfterEach
    void close() {
        stores.forEach(SolrPassages::close);
        opened.forEach(SolrConnection::close);
    }

    @Test
    void rebuild_writesANewCollection_swapsTheAlias_andTheGenerationSolrReportsMovesOn() {
        String alias = "swap" + ++aliases;
        SolrPassages store = open(alias);
        SolrCollections collections = new SolrCollections(opened.get(opened.size() - 1));
        store.update(List.of(TestCorpus.summit()), IndexProgress.NONE);
        SolrGeneration updated = store.generation();

        store.rebuild(List.of(TestCorpus.summit(), TestCorpus.grain()), IndexProgress.NONE);
        SolrGeneration rebuilt = store.generation();
        store.rebuild(List.of(TestCorpus.grain()), IndexProgress.NONE);

        assertThat(updated).isEqualTo(new SolrGeneration(alias + "_g1", 1, Optional.of(CLOCK.instant())));
        assertThat(rebuilt).isEqualTo(new SolrGeneration(alias + "_g2", 2, Optional.of(CLOCK.instant())));
        assertThat(store.generation().key()).isEqualTo(alias + "_g3/3");
        assertThat(collections.aliasTarget(alias)).contains(alias + "_g3");
        // The collection replaced last stays for searches still on it; the one before is gone.
        assertThat(collections.collections()).contains(alias + "_g2").doesNotContain(alias + "_g1");
        assertThat(store.documents()).containsExactly(summary(TestCorpus.grain()));
    }

    @Test
    void servingGeneration_anotherWritersCommit_reachesTheCachedGenerationWithinThePoll() {
        String alias = "watched" + ++aliases;
        SolrPassages reader = open(alias);
        SolrPassages writer = open(alias);
        assertThat(cluster.settings(alias, SHARDS, REPLICAS).generationPoll()).isEqualTo(Duration.ofSeconds(1));

        writer.update(List.of(TestCorpus.summit()), IndexProgress.NONE);

        // The writer's own commit shows at once; the other process's follows within a poll.
        assertThat(writer.servingGeneration()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(reader::servingGeneration, generation -> generation == 1);

        writer.rebuild(List.of(TestCorpus.grain()), IndexProgress.NONE);

        assertThat(writer.servingGeneration()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(reader::servingGeneration, generation -> generation == 2);
    }
}
