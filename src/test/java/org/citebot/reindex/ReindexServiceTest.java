package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.FSDirectory;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexProgress.Phase;
import org.citebot.reindex.ReindexRuns.Result;
import org.citebot.reindex.ReindexRuns.Run;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.reply.Reply;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexServiceTest {

    private static final ReindexRequest MODERATOR =
            new ReindexRequest("555555555555555555", "a moderator", Optional.of("333333333333333333"), false, false);
    private static final ReindexRequest DRY_RUN =
            new ReindexRequest("555555555555555555", "a moderator", Optional.of("333333333333333333"), true, false);

    @TempDir
    Path dir;

    private TestCorpusFolder corpus;
    private Stack stack;
    private StateStore store;
    private ReindexRuns runs;
    private final List<Announcement> announced = new CopyOnWriteArrayList<>();
    private ReindexService service;

    @BeforeEach
    void setUp() throws IOException {
        corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 19, 3);
        stack = Stack.open(dir.resolve("index"));
        store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        runs = new SqlReindexRuns(store);
        service = new ReindexService(
                stack.indexer(), stack.index(), corpus.dir(), runs, announced::add, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        stack.close();
        store.close();
    }

    @Test
    void reindex_whileFourThreadsSearch_noSearchFailsOrComesBackEmpty() throws Exception {
        service.reindex(MODERATOR, IndexProgress.NONE);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong searches = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        ExecutorService searchers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(searchers.submit(() -> {
                while (!stop.get()) {
                    try {
                        if (stack.search("meridian survey").hits().isEmpty()) {
                            empty.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    searches.incrementAndGet();
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> searches.get() >= 20);
            long before = searches.get();
            corpus.write(20, 29, 3).revise(3).revise(4).remove(10).remove(11);
            ReindexSummary changed = service.reindex(MODERATOR, IndexProgress.NONE);
            // A full rebuild deletes every document inside the update: searches must not notice.
            ReindexSummary rebuilt = service.reindex(
                    new ReindexRequest("console", "the console", Optional.empty(), false, true), IndexProgress.NONE);
            corpus.revise(5).remove(12);
            service.reindex(MODERATOR, IndexProgress.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> searches.get() >= before + 20);

            assertThat(changed.added()).hasSize(10);
            assertThat(changed.changed()).containsExactlyInAnyOrder(TestCorpusFolder.name(3), TestCorpusFolder.name(4));
            assertThat(changed.removed()).containsExactly(TestCorpusFolder.name(10), TestCorpusFolder.name(11));
            assertThat(rebuilt.rebuilt()).isTrue();
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }
            searchers.shutdown();
        }
        assertThat(failed.get()).as("failed searches of %d", searches.get()).isZero();
        assertThat(empty.get()).as("empty searches of %d", searches.get()).isZero();
        assertThat(stack.search("token10").totalHits()).as("removed file").isZero();
        assertThat(stack.search("token12").totalHits()).as("removed file").isZero();
        assertThat(stack.search("revised5").totalHits()).isPositive();
        assertThat(stack.search("token25").totalHits()).isPositive();
    }

    @Test
    void reindex_corpusFolderDeleted_failsIsRecordedAndTheOldIndexAnswersTheSame() throws Exception {
        service.reindex(MODERATOR, IndexProgress.NONE);
        List<String> before = stack.answers("meridian token7");
        long generation = stack.index().metadata().generation();
        corpus.deleteAll();

        assertThatThrownBy(() -> service.reindex(MODERATOR, IndexProgress.NONE))
                .isInstanceOf(ReindexFailedException.class)
                .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);

        assertThat(stack.answers("meridian token7")).isNotEmpty().isEqualTo(before);
        assertThat(stack.index().metadata().generation()).isEqualTo(generation);
        Run run = runs.recent(1).get(0);
        assertThat(run.result()).isEqualTo(Result.FAILED);
        assertThat(run.error()).hasValueSatisfying(error -> assertThat(error).contains("does not exist"));
        assertThat(announced).last().satisfies(announcement -> {
            assertThat(text(announcement.servers()))
                    .as("every server's log channel: the outcome, not the error")
                    .contains("failed")
                    .contains("details are in the operator log")
                    .contains("keeps answering")
                    .doesNotContain("does not exist")
                    .doesNotContain(corpus.dir().toString());
            assertThat(text(announcement.operators()))
                    .contains("Reindex failed")
                    .contains("does not exist")
                    .contains("keeps answering");
        });
    }

    @Test
    void reindex_writerFailsHalfWay_rollsBackIsRecordedAndTheOldIndexAnswersTheSame() throws Exception {
        service.reindex(MODERATOR, IndexProgress.NONE);
        List<String> before = stack.answers("meridian token3");
        long generation = stack.index().metadata().generation();
        IndexCommit commit = lastCommit();
        corpus.revise(3).write(20, 25, 3).remove(0);
        IndexProgress failingWriter = (phase, done, total) -> {
            if (phase == Phase.READING && done == total / 2) {
                throw new IllegalStateException("injected: disk full half way through writing");
            }
        };

        assertThatThrownBy(() -> service.reindex(MODERATOR, failingWriter))
                .isInstanceOf(ReindexFailedException.class)
                .hasMessageContaining("disk full half way");

        assertThat(stack.answers("meridian token3")).isNotEmpty().isEqualTo(before);
        assertThat(stack.search("revised3").totalHits()).isZero();
        assertThat(stack.search("token0").totalHits()).isPositive();
        assertThat(stack.index().metadata().generation()).isEqualTo(generation);
        assertThat(lastCommit().getGeneration()).isEqualTo(commit.getGeneration());
        Run run = runs.recent(1).get(0);
        assertThat(run.result()).isEqualTo(Result.FAILED);
        assertThat(run.error()).hasValueSatisfying(error -> assertThat(error).contains("disk full half way"));

        ReindexSummary retry = service.reindex(MODERATOR, IndexProgress.NONE);
        assertThat(retry.generationAfter()).isEqualTo(generation + 1);
        assertThat(stack.search("revised3").totalHits()).isPositive();
    }

    @Test
    void reindex_whileAnotherRuns_isRefusedWithTheRunningOnesProgress() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexProgress pauseWhileWriting = (phase, done, total) -> {
            if (phase == Phase.READING && done == 3) {
                paused.countDown();
                awaitQuietly(release);
            }
        };
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<ReindexSummary> running = first.submit(() -> service.reindex(MODERATOR, pauseWhileWriting));
            assertThat(paused.await(20, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> service.reindex(ReindexRequest.watcher(), IndexProgress.NONE))
                    .isInstanceOfSatisfying(
                            ReindexAlreadyRunningException.class,
                            e -> assertThat(e.status()
                                            .alreadyRunning(
                                                    e.status().startedAt().plusSeconds(40)))
                                    .isEqualTo(
                                            "A reindex is already running: reading 3/20 files, started by a moderator 40 s ago."));
            assertThat(service.running()).isPresent();

            release.countDown();
            assertThat(running.get(20, TimeUnit.SECONDS).added()).hasSize(20);
        } finally {
            release.countDown();
            first.shutdown();
        }
        assertThat(service.running()).isEmpty();
        assertThat(service.reindex(ReindexRequest.watcher(), IndexProgress.NONE).unchanged())
                .hasSize(20);
        assertThat(runs.recent(10)).extracting(Run::requestedBy).containsExactly("watcher", "555555555555555555");
    }

    @Test
    void dryRun_showsWhatWouldChangeAndWritesNothing() throws Exception {
        service.reindex(MODERATOR, IndexProgress.NONE);
        long generation = stack.index().metadata().generation();
        IndexCommit commit = lastCommit();
        corpus.write(20, 21, 3).revise(2).remove(5);

        ReindexSummary dry = service.reindex(DRY_RUN, IndexProgress.NONE);

        assertThat(dry.added()).containsExactly(TestCorpusFolder.name(20), TestCorpusFolder.name(21));
        assertThat(dry.changed()).containsExactly(TestCorpusFolder.name(2));
        assertThat(dry.removed()).containsExactly(TestCorpusFolder.name(5));
        assertThat(dry.unchanged()).hasSize(18);
        assertThat(dry.generationAfter()).isEqualTo(generation);
        assertThat(stack.index().metadata().generation()).isEqualTo(generation);
        assertThat(lastCommit().getGeneration()).isEqualTo(commit.getGeneration());
        assertThat(lastCommit().getSegmentsFileName()).isEqualTo(commit.getSegmentsFileName());
        assertThat(stack.search("token20").totalHits()).isZero();
        assertThat(stack.search("token5").totalHits()).isPositive();
        assertThat(ReindexReplies.text(dry))
                .contains("nothing was written")
                .contains("add 2: article_020, article_021")
                .contains("change 1: article_002")
                .contains("remove 1: article_005");
        assertThat(announced).as("only the real run before it is announced").hasSize(1);
        Run run = runs.recent(1).get(0);
        assertThat(run.dryRun()).isTrue();
        assertThat(run.result()).isEqualTo(Result.OK);
        assertThat(run.counts()).isEqualTo(new ReindexRuns.Counts(2, 1, 1, 18, 0, dry.passages()));

        ReindexSummary real = service.reindex(MODERATOR, IndexProgress.NONE);
        assertThat(List.of(real.added(), real.changed(), real.removed()))
                .isEqualTo(List.of(dry.added(), dry.changed(), dry.removed()));
        assertThat(stack.search("token5").totalHits()).as("removed file").isZero();
    }

    @Test
    void reindex_unchangedCorpus_reportsEverythingUnchangedAndKeepsTheCommit() throws Exception {
        ReindexSummary first = service.reindex(MODERATOR, IndexProgress.NONE);
        IndexCommit commit = lastCommit();

        ReindexSummary again = service.reindex(MODERATOR, IndexProgress.NONE);

        assertThat(first.added()).hasSize(20);
        assertThat(again.unchanged()).hasSize(20);
        assertThat(again.added()).isEmpty();
        assertThat(again.changed()).isEmpty();
        assertThat(again.generationAfter()).isEqualTo(again.generationBefore()).isEqualTo(first.generationAfter());
        assertThat(lastCommit().getGeneration()).isEqualTo(commit.getGeneration());
        assertThat(ReindexReplies.text(again))
                .contains("Unchanged: 20 (not re-analysed)")
                .contains("nothing changed");
    }

    @Test
    void reindex_reportsProgressOfEveryPhaseInOrder() throws Exception {
        corpus.write(20, 20, 3);
        java.nio.file.Files.writeString(corpus.dir().resolve("notes.docx"), "not a supported format");
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> statuses = new CopyOnWriteArrayList<>();

        ReindexSummary summary = service.reindex(MODERATOR, (phase, done, total) -> {
            events.add(phase + " " + done + "/" + total);
            statuses.add(service.running().orElseThrow().progress());
        });

        assertThat(events)
                .startsWith("READING 0/22", "READING 1/22")
                .endsWith("READING 21/22", "READING 22/22", "COMMITTING 0/1", "COMMITTING 1/1")
                .hasSize(22 + 1 + 2);
        assertThat(statuses).contains("reading 5/22 files", "saving the new index");
        assertThat(summary.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo("notes.docx");
            assertThat(skipped.reason()).contains("unsupported");
        });
        assertThat(ReindexReplies.text(summary)).contains("Skipped 1: notes.docx (unsupported file type '.docx')");
    }

    @Test
    void reindex_announcesEveryRunAndAFailingAnnouncementDoesNotFailIt() throws Exception {
        ReindexSummary summary = service.reindex(MODERATOR, IndexProgress.NONE);
        assertThat(announced).singleElement().satisfies(announcement -> {
            assertThat(announcement.servers().ephemeral()).isFalse();
            assertThat(announcement.operators().ephemeral()).isFalse();
            assertThat(text(announcement.servers()))
                    .startsWith("Reindex requested by a moderator:")
                    .doesNotContain("333333333333333333")
                    .contains("20 documents")
                    .contains("20 added, 0 changed, 0 removed, 0 unchanged")
                    .as("names no file of the shared corpus")
                    .doesNotContain("article_");
            assertThat(text(announcement.operators()))
                    .startsWith("Reindex requested by a moderator:")
                    .doesNotContain("333333333333333333")
                    .contains("Added 20: article_000, article_001, article_002, article_003, article_004 and 15 more");
        });

        ReindexService failingLog = new ReindexService(
                stack.indexer(),
                stack.index(),
                corpus.dir(),
                runs,
                reply -> {
                    throw new IllegalStateException("Discord is down");
                },
                Clock.systemUTC());
        corpus.revise(1);
        assertThat(failingLog.reindex(MODERATOR, IndexProgress.NONE).changed())
                .containsExactly(TestCorpusFolder.name(1));
        assertThat(summary.ok()).isTrue();
    }

    @Test
    void reindex_runStuckPastItsTimeout_isFailedRecordedReleasedAndNeverCommits() throws Exception {
        ReindexSummary first = service.reindex(MODERATOR, IndexProgress.NONE);
        long generation = first.generationAfter();
        List<String> beforeTimeout = stack.answers("meridian token3");
        corpus.revise(3).remove(0);
        ReindexService watched = new ReindexService(
                stack.indexer(),
                stack.index(),
                corpus.dir(),
                runs,
                announced::add,
                summary -> {},
                Duration.ofSeconds(1),
                Clock.systemUTC());
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        IndexProgress hangsOnTheThirdFile = (phase, done, total) -> {
            events.add(phase + " " + done);
            if (phase == Phase.READING && done == 3) {
                stuck.countDown();
                // Like a reader that never returns: the watchdog must not wait for it.
                awaitQuietly(release);
            }
        };

        try {
            assertThatThrownBy(() -> watched.reindex(MODERATOR, hangsOnTheThirdFile))
                    .isInstanceOf(ReindexFailedException.class)
                    .hasMessageContaining("made no progress for 1 s (index.reindexTimeout) and was stopped");

            assertThat(stuck.getCount()).isZero();
            assertThat(watched.running()).as("the one-at-a-time slot").isEmpty();
            Run run = runs.recent(1).get(0);
            assertThat(run.result()).isEqualTo(Result.FAILED);
            assertThat(run.error())
                    .hasValueSatisfying(error -> assertThat(error).contains("made no progress"));
            assertThat(announced)
                    .last()
                    .extracting(announcement -> text(announcement.operators()))
                    .asString()
                    .contains("Reindex failed");
            assertThat(stack.answers("meridian token3")).isEqualTo(beforeTimeout);
        } finally {
            release.countDown();
        }

        // The stuck run wakes up, rolls back at its next file and lets the next run have the index.
        ReindexSummary next = watched.reindex(MODERATOR, IndexProgress.NONE);
        assertThat(next.generationBefore())
                .as("nothing committed by the stopped run")
                .isEqualTo(generation);
        assertThat(next.generationAfter()).isEqualTo(generation + 1);
        assertThat(events)
                .as("nothing heard from the stopped run after it was stopped")
                .endsWith("READING 3");
        assertThat(stack.search("revised3").totalHits()).isPositive();
    }

    @Test
    void reindex_outOfMemoryOrStackOverflow_isRecordedAsFailedAndTheNextRunWorks() throws Exception {
        for (Error error :
                List.of(new OutOfMemoryError("injected: Java heap space"), new StackOverflowError("injected"))) {
            IndexProgress failing = (phase, done, total) -> {
                if (phase == Phase.READING && done == 2) {
                    throw error;
                }
            };

            assertThatThrownBy(() -> service.reindex(MODERATOR, failing))
                    .isInstanceOf(ReindexFailedException.class)
                    .hasCause(error);

            Run run = runs.recent(1).get(0);
            assertThat(run.result()).isEqualTo(Result.FAILED);
            assertThat(run.error()).isPresent();
            assertThat(service.running()).isEmpty();
        }
        assertThat(runs.recent(1).get(0).error()).isNotEmpty();
        assertThat(runs.recent(2).get(1).error()).contains("citebot ran out of memory (injected: Java heap space)");
        assertThat(service.reindex(MODERATOR, IndexProgress.NONE).added()).hasSize(20);
    }

    @Test
    void failInterruptedRuns_marksARunACrashLeftRunning() {
        runs.start("watcher", Optional.empty(), false, false, java.time.Instant.now());

        service.failInterruptedRuns();

        Run run = runs.recent(1).get(0);
        assertThat(run.result()).isEqualTo(Result.FAILED);
        assertThat(run.error()).hasValueSatisfying(error -> assertThat(error).contains("interrupted"));
    }

    static String text(Reply reply) {
        return reply.text().orElseThrow().text();
    }

    private IndexCommit lastCommit() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir.resolve("index"))) {
            List<IndexCommit> commits = DirectoryReader.listCommits(directory);
            return commits.get(commits.size() - 1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
