package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private TestCorpusFolder corpus;
    private Stack stack;
    private StateStore store;
    private ReindexRuns runs;
    private ReindexService service;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private CorpusWatcher watcher;

    @BeforeEach
    void setUp() throws Exception {
        corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 14, 2);
        stack = Stack.open(dir.resolve("index"));
        store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        runs = new SqlReindexRuns(store);
        service = new ReindexService(
                stack.indexer(), stack.index(), corpus.dir(), runs, ModeratorLog.NONE, Clock.systemUTC());
        service.reindex(ReindexRequest.cli(false), IndexProgress.NONE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
        executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        stack.close();
        store.close();
    }

    private long watcherRuns() {
        return runs.recent(100).stream()
                .filter(run -> run.requestedBy().equals("watcher"))
                .count();
    }

    @Test
    void burstOfChangesInSubfolders_triggersExactlyOneDebouncedReindex() throws Exception {
        watcher = new CorpusWatcher(corpus.dir(), DEBOUNCE, executor, CorpusWatcher.reindexing(service));
        watcher.start();

        corpus.revise(3);
        corpus.revise(3);
        corpus.write(15, 15, 2);
        corpus.remove(14);
        Files.writeString(corpus.dir().resolve(".hidden.swp"), "editor state");

        await().atMost(Duration.ofSeconds(10)).until(() -> watcherRuns() == 1);
        await().during(Duration.ofMillis(3 * DEBOUNCE.toMillis()))
                .atMost(Duration.ofSeconds(5))
                .until(() -> watcherRuns() == 1);
        ReindexRuns.Run run = runs.recent(1).get(0);
        assertThat(run.result()).isEqualTo(ReindexRuns.Result.OK);
        assertThat(run.counts().added()).isEqualTo(1);
        assertThat(run.counts().changed()).isEqualTo(1);
        assertThat(run.counts().removed()).isEqualTo(1);
        assertThat(stack.search("revised3").totalHits()).isPositive();
        assertThat(stack.search("token14").totalHits()).isZero();
    }

    @Test
    void newSubfolder_isWatchedToo() throws Exception {
        watcher = new CorpusWatcher(corpus.dir(), DEBOUNCE, executor, CorpusWatcher.reindexing(service));
        watcher.start();

        corpus.write(42, 42, 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stack.search("token42").totalHits() > 0);
        long afterFirst = watcherRuns();

        corpus.revise(42);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stack.search("revised42").totalHits() > 0);
        assertThat(watcherRuns()).isEqualTo(afterFirst + 1);
    }

    @Test
    void failingHandler_isLoggedAndTheWatcherKeepsWatching() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        watcher = new CorpusWatcher(corpus.dir(), DEBOUNCE, executor, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first reindex blew up");
            }
        });
        watcher.start();

        corpus.revise(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        corpus.revise(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
    }

    @Test
    void changeWhileAReindexRuns_isReindexedAgainAfterIt() throws Exception {
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        watcher = new CorpusWatcher(corpus.dir(), DEBOUNCE, executor, () -> {
            if (busy.incrementAndGet() == 1) {
                throw new ReindexAlreadyRunningException(
                        ReindexStatus.starting(ReindexRequest.cli(false), java.time.Instant.now()));
            }
            ran.incrementAndGet();
        });
        watcher.start();

        corpus.revise(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 1);
        assertThat(busy.get()).isEqualTo(2);
    }
}
