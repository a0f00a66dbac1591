package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citebot.reindex.ReindexRuns;
import org.citebot.reindex.ReindexRuns.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How processes sharing one state database stay in step, on SQLite and on PostgreSQL: identify
 * slots spaced per bucket, the cluster-wide reindex lock, the corpus generation, and which
 * interrupted reindex runs a starting process may fail. Each "process" is a store of its own on the
 * same database.
 */
@ParameterizedClass
@EnumSource(StateBackend.class)
class ProcessCoordinationTest extends OnEachStateBackend {

    private static final Duration SPACING = Duration.ofSeconds(5);

    @Test
    void identifySlots_inOneBucket_areSpacedAcrossProcesses_otherBucketsAreFree() {
        try (StateStore first = open();
                StateStore second = open()) {
            assertThat(new SqlIdentifyBuckets(first).reserve(0, SPACING)).isEqualTo(T0);
            assertThat(new SqlIdentifyBuckets(second).reserve(0, SPACING)).isEqualTo(T0.plus(SPACING));
            assertThat(new SqlIdentifyBuckets(first).reserve(0, SPACING)).isEqualTo(T0.plus(SPACING.multipliedBy(2)));
            assertThat(new SqlIdentifyBuckets(second).reserve(1, SPACING)).isEqualTo(T0);
        }
    }

    @Test
    void identifySlots_reservedAtOnceBySixProcesses_areAllDistinctAndSpaced() throws Exception {
        List<StateStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Instant>> slots = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StateStore store = open();
                stores.add(store);
                Callable<Instant> reserve = () -> new SqlIdentifyBuckets(store).reserve(3, SPACING);
                slots.add(pool.submit(reserve));
            }
            List<Instant> taken = new ArrayList<>();
            for (Future<Instant> slot : slots) {
                taken.add(slot.get());
            }
            assertThat(taken)
                    .containsExactlyInAnyOrder(
                            T0,
                            T0.plus(SPACING),
                            T0.plus(SPACING.multipliedBy(2)),
                            T0.plus(SPACING.multipliedBy(3)),
                            T0.plus(SPACING.multipliedBy(4)),
                            T0.plus(SPACING.multipliedBy(5)));
        } finally {
            pool.shutdownNow();
            stores.forEach(StateStore::close);
        }
    }

    @Test
    void announcementClaims_oneProcessPerServerAndAction_andTheReindexLockUntouched() {
        try (StateStore first = open();
                StateStore second = open()) {
            SqlAnnouncementClaims a = new SqlAnnouncementClaims(first, "a");
            SqlAnnouncementClaims b = new SqlAnnouncementClaims(second, "b");

            assertThat(a.claim("corpus generation 3", "111")).isTrue();
            assertThat(b.claim("corpus generation 3", "111")).as("taken by a").isFalse();
            assertThat(a.claim("corpus generation 3", "111"))
                    .as("once, even for a")
                    .isFalse();
            assertThat(b.claim("corpus generation 3", "222"))
                    .as("another server")
                    .isTrue();
            assertThat(b.claim("corpus generation 4", "111"))
                    .as("another action")
                    .isTrue();

            assertThat(new SqlReindexLock(first).acquire("a", T0.plusSeconds(30), T0))
                    .isTrue();
            assertThat(new SqlReindexLock(second).holder(T0)).contains("a");
        }
    }

    @Test
    void reindexLock_oneHolderAtATime_untilItsLeaseRunsOut() {
        try (StateStore a = open();
                StateStore b = open()) {
            SqlReindexLock lockA = new SqlReindexLock(a);
            SqlReindexLock lockB = new SqlReindexLock(b);
            Instant lease = T0.plusSeconds(30);

            assertThat(lockA.acquire("a", lease, T0)).isTrue();
            assertThat(lockB.acquire("b", lease, T0))
                    .as("while a's lease lasts")
                    .isFalse();
            assertThat(lockB.holder(T0)).contains("a");
            assertThat(lockA.acquire("a", lease.plusSeconds(10), T0))
                    .as("a restarted under its own name takes its lock back")
                    .isTrue();
            assertThat(lockA.renew("a", lease.plusSeconds(20))).isTrue();

            Instant later = lease.plusSeconds(21);
            assertThat(lockB.holder(later)).as("a's lease ran out").isEmpty();
            assertThat(lockB.acquire("b", later.plusSeconds(30), later)).isTrue();
            assertThat(lockA.renew("a", later.plusSeconds(30))).as("a lost it").isFalse();
            lockA.release("a");
            assertThat(lockB.holder(later)).as("a cannot release b's lock").contains("b");
            lockB.release("b");
            assertThat(lockA.acquire("a", later.plusSeconds(30), later)).isTrue();
        }
    }

    @Test
    void corpusGeneration_publishedByOneProcess_isSeenByTheOther() {
        try (StateStore a = open();
                StateStore b = open()) {
            assertThat(new SqlCorpusGenerations(b).current()).isZero();
            assertThat(new SqlCorpusGenerations(a).publish()).isEqualTo(1);
            assertThat(new SqlCorpusGenerations(a).publish()).isEqualTo(2);
            assertThat(new SqlCorpusGenerations(b).current()).isEqualTo(2);
        }
    }

    @Test
    void failInterrupted_onASharedDatabase_leavesTheRunAnotherProcessIsCarryingOut() {
        try (StateStore a = open();
                StateStore b = open()) {
            ReindexRuns runsA = new SqlReindexRuns(a, "a");
            ReindexRuns runsB = new SqlReindexRuns(b, "b");
            ReindexRuns runsC = new SqlReindexRuns(b, "c");
            assertThat(new SqlReindexLock(a).acquire("a", T0.plusSeconds(30), T0))
                    .isTrue();
            long running = runsA.start("111111111111111111", Optional.empty(), false, false, T0);
            long ownEarlierLife = runsB.start("111111111111111111", Optional.empty(), false, false, T0);
            long abandoned = runsC.start("111111111111111111", Optional.empty(), false, false, T0);

            // b starts again: its own earlier run and c's (c holds no lock) are over; a's goes on.
            int failed = runsB.failInterrupted(T0.plusSeconds(1), "interrupted");

            assertThat(failed).isEqualTo(2);
            assertThat(resultOf(runsB, running)).isEqualTo(Result.RUNNING);
            assertThat(resultOf(runsB, ownEarlierLife)).isEqualTo(Result.FAILED);
            assertThat(resultOf(runsB, abandoned)).isEqualTo(Result.FAILED);
        }
    }

    private static Result resultOf(ReindexRuns runs, long id) {
        return runs.recent(10).stream()
                .filter(run -> run.id() == id)
                .findFirst()
                .orElseThrow()
                .result();
    }
}
