package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.ReindexRuns.Result;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.state.SqlCorpusGenerations;
import org.citebot.state.SqlReindexLock;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes, each with an index of its own over one corpus folder and one state database: a
 * reindex runs in one of them at a time, and the other brings its own index up to the generation
 * the first published. Each "process" is a service with its own index and state store.
 */
class ClusterReindexTest {

    private static final ReindexRequest MODERATOR =
            new ReindexRequest("555555555555555555", "a moderator", Optional.of("333333333333333333"), false, false);

    private static final Duration WATCH_DEBOUNCE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private TestCorpusFolder corpus;
    private Stack stackA;
    private Stack stackB;
    private StateStore storeA;
    private StateStore storeB;
    /** What each process announced to the servers of its shards. */
    private final List<Announcement> announcedA = new CopyOnWriteArrayList<>();

    private final List<Announcement> announcedB = new CopyOnWriteArrayList<>();
    private final List<ReindexSummary> finishedB = new CopyOnWriteArrayList<>();
    private ReindexService a;
    private ReindexService b;

    @BeforeEach
    void setUp() throws Exception {
        corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 9, 3);
        stackA = Stack.open(dir.resolve("index-a"));
        stackB = Stack.open(dir.resolve("index-b"));
        storeA = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        storeB = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        a = service(stackA, storeA, "a", announcedA, summary -> {});
        b = service(stackB, storeB, "b", announcedB, finishedB::add);
        a.reindex(MODERATOR, IndexProgress.NONE);
        b.followCluster();
    }

    private ReindexService service(
            Stack stack,
            StateStore store,
            String name,
            List<Announcement> announced,
            java.util.function.Consumer<ReindexSummary> onFinished) {
        return new ReindexService(
                stack.indexer(),
                stack.index(),
                corpus.dir(),
                new SqlReindexRuns(store, name),
                announced::add,
                onFinished,
                ReindexService.DEFAULT_RUN_TIMEOUT,
                new ReindexService.Cluster(
                        new SqlReindexLock(store), new SqlCorpusGenerations(store), name, Duration.ofSeconds(30)),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        stackA.close();
        stackB.close();
        storeA.close();
        storeB.close();
    }

    @Test
    void reindexInOneProcess_theOtherFollowsOnce_fromTheSameCorpus() throws Exception {
        assertThat(stackB.search("token7").totalHits())
                .as("b followed the first reindex")
                .isPositive();
        corpus.write(10, 12, 3).remove(3);
        int announcedBeforeA = announcedA.size();
        int announcedBeforeB = announcedB.size();

        a.reindex(MODERATOR, IndexProgress.NONE);
        assertThat(stackB.search("token11").totalHits()).as("before b follows").isZero();

        assertThat(b.followCluster()).isTrue();
        assertThat(b.followCluster()).as("nothing new to follow").isFalse();
        assertThat(stackB.search("token11").totalHits()).isPositive();
        assertThat(stackB.search("token3").totalHits()).as("removed file").isZero();
        assertThat(finishedB.get(finishedB.size() - 1).added()).hasSize(3);
        assertThat(announcedA).as("the run announced by a to its servers").hasSize(announcedBeforeA + 1);
        assertThat(announcedB)
                .as("and by b, which followed it, to its servers, once")
                .hasSize(announcedBeforeB + 1)
                .last()
                .satisfies(announcement -> assertThat(
                                announcement.servers().text().orElseThrow().text())
                        .startsWith("Reindex requested by another citebot process")
                        .contains("3 added, 0 changed, 1 removed"));
        assertThat(new SqlReindexRuns(storeA).recent(10))
                .as("following is no reindex run of its own")
                .allSatisfy(run -> assertThat(run.requestedBy()).isEqualTo("555555555555555555"));
    }

    @Test
    void corpusChange_seenByBothProcessesWatchers_oneReindexRecordedAndEachProcessAnnouncesOnce() throws Exception {
        int announcedBeforeA = announcedA.size();
        int announcedBeforeB = announcedB.size();
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        try (CorpusWatcher watcherA =
                        new CorpusWatcher(corpus.dir(), WATCH_DEBOUNCE, executor, CorpusWatcher.reindexing(a));
                CorpusWatcher watcherB =
                        new CorpusWatcher(corpus.dir(), WATCH_DEBOUNCE, executor, CorpusWatcher.reindexing(b))) {
            watcherA.start();
            watcherB.start();
            corpus.write(20, 20, 3);

            await("both indexes hold the new file")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> stackA.search("token20").totalHits() > 0
                            && stackB.search("token20").totalHits() > 0);
            // Both watchers have seen the change; the one refused while the other ran retries after
            // another debounce, then finds nothing left to run.
            await("both watchers done")
                    .atMost(Duration.ofSeconds(20))
                    .pollDelay(WATCH_DEBOUNCE.multipliedBy(3))
                    .until(() -> a.running().isEmpty() && b.running().isEmpty());
        } finally {
            executor.shutdownNow();
        }

        assertThat(new SqlReindexRuns(storeA).recent(10))
                .filteredOn(run -> run.requestedBy().equals("watcher"))
                .as("one cluster-wide reindex for one change")
                .singleElement()
                .satisfies(run -> assertThat(run.counts().added()).isEqualTo(1));
        assertThat(announcedA.size() - announcedBeforeA + announcedB.size() - announcedBeforeB)
                .as("announced once by each process, to the servers of its own shards")
                .isEqualTo(2);
    }

    @Test
    void reindex_whileAnotherProcessHoldsTheClusterLock_isRefusedAndRecordsNothing() {
        Instant now = Instant.now();
        assertThat(new SqlReindexLock(storeA).acquire("a", now.plusSeconds(30), now))
                .isTrue();
        int runsBefore = new SqlReindexRuns(storeB).recent(100).size();

        assertThatThrownBy(() -> b.reindex(MODERATOR, IndexProgress.NONE))
                .isInstanceOfSatisfying(ReindexAlreadyRunningException.class, e -> assertThat(e.notice(now))
                        .isEqualTo("A reindex is already running in another citebot process (a); its result"
                                + " reaches every running process when it finishes."));
        assertThat(new SqlReindexRuns(storeB).recent(100)).hasSize(runsBefore);
        assertThat(b.running()).as("b's own slot is free again").isEmpty();

        new SqlReindexLock(storeA).release("a");
        assertThat(catchRun(b)).isEqualTo(Result.OK);
    }

    @Test
    void reindex_releasesTheClusterLockWhenDone_soTheOtherProcessCanRunNext() throws Exception {
        a.reindex(MODERATOR, IndexProgress.NONE);

        assertThat(new SqlReindexLock(storeB).holder(Instant.now())).isEmpty();
        assertThat(catchRun(b)).isEqualTo(Result.OK);
    }

    @Test
    void dryRun_needsNoTurnInTheCluster() throws Exception {
        Instant now = Instant.now();
        new SqlReindexLock(storeA).acquire("a", now.plusSeconds(30), now);

        ReindexSummary summary = b.reindex(
                new ReindexRequest("555555555555555555", "a moderator", Optional.empty(), true, false),
                IndexProgress.NONE);

        assertThat(summary.ok()).isTrue();
    }

    private static Result catchRun(ReindexService service) {
        try {
            return service.reindex(MODERATOR, IndexProgress.NONE).ok() ? Result.OK : Result.FAILED;
        } catch (ReindexAlreadyRunningException | ReindexFailedException e) {
            return Result.FAILED;
        }
    }
}
