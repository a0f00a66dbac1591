package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.util.Optional;
import org.citebot.reindex.ReindexRuns;
import org.citebot.reindex.ReindexRuns.Counts;
import org.citebot.reindex.ReindexRuns.Result;
import org.citebot.reindex.ReindexRuns.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The reindex run log ({@link ReindexRuns}) on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class ReindexRunsTest extends OnEachStateBackend {

    private static final String GUILD = "333333333333333333";

    @Test
    void startThenFinish_recordsEveryFieldAndSurvivesReopening() {
        try (StateStore store = open()) {
            ReindexRuns log = new SqlReindexRuns(store);
            long id = log.start("111111111111111111", Optional.of(GUILD), false, false, T0);
            log.finish(
                    id, Result.OK, new Counts(1, 2, 3, 4, 5, 60), Optional.of(7L), Optional.empty(), T0.plusSeconds(3));
        }
        try (StateStore store = open()) {
            Run run = new SqlReindexRuns(store).recent(10).get(0);

            assertThat(run.requestedBy()).isEqualTo("111111111111111111");
            assertThat(run.guildId()).contains(GUILD);
            assertThat(run.startedAt()).isEqualTo(T0);
            assertThat(run.finishedAt()).contains(T0.plusSeconds(3));
            assertThat(run.dryRun()).isFalse();
            assertThat(run.fullRebuild()).isFalse();
            assertThat(run.result()).isEqualTo(Result.OK);
            assertThat(run.counts()).isEqualTo(new Counts(1, 2, 3, 4, 5, 60));
            assertThat(run.generation()).contains(7L);
            assertThat(run.error()).isEmpty();
        }
    }

    @Test
    void failedDryRun_keepsTheReasonAndNoGeneration() {
        try (StateStore store = open()) {
            ReindexRuns log = new SqlReindexRuns(store);
            long id = log.start("watcher", Optional.empty(), true, true, T0);
            log.finish(id, Result.FAILED, Counts.NONE, Optional.empty(), Optional.of("corpus folder missing"), T0);

            Run run = log.recent(1).get(0);
            assertThat(run.dryRun()).isTrue();
            assertThat(run.fullRebuild()).isTrue();
            assertThat(run.guildId()).isEmpty();
            assertThat(run.result()).isEqualTo(Result.FAILED);
            assertThat(run.error()).contains("corpus folder missing");
            assertThat(run.generation()).isEmpty();
        }
    }

    @Test
    void start_twoRuns_getDistinctIncreasingIds() {
        try (StateStore store = open()) {
            ReindexRuns log = new SqlReindexRuns(store);
            long first = log.start("cli", Optional.empty(), false, false, T0);
            long second = log.start("cli", Optional.empty(), false, false, T0);

            assertThat(second).isGreaterThan(first);
            assertThat(log.recent(10)).extracting(Run::id).containsExactly(second, first);
        }
    }

    @Test
    void failInterrupted_marksOnlyRunsStillRunning() {
        try (StateStore store = open()) {
            ReindexRuns log = new SqlReindexRuns(store);
            long done = log.start("cli", Optional.empty(), false, false, T0);
            log.finish(done, Result.OK, Counts.NONE, Optional.of(1L), Optional.empty(), T0.plusSeconds(1));
            log.start("console", Optional.empty(), false, true, T0.plusSeconds(2));

            int marked = log.failInterrupted(T0.plusSeconds(60), "citebot stopped during the reindex");

            assertThat(marked).isEqualTo(1);
            assertThat(log.recent(10))
                    .extracting(Run::requestedBy, Run::result, Run::error)
                    .containsExactly(
                            tuple("console", Result.FAILED, Optional.of("citebot stopped during the reindex")),
                            tuple("cli", Result.OK, Optional.empty()));
        }
    }

    @Test
    void migration3_isAppliedOnTopOfADatabaseAtVersion2() {
        database.open(Clock.systemUTC(), Migrations.ALL.subList(0, 2)).close();

        try (StateStore store = open()) {
            assertThat(store.schemaVersion()).isGreaterThanOrEqualTo(3);
            assertThat(new SqlReindexRuns(store).recent(5)).isEmpty();
        }
    }
}
