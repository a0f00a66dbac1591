package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.citebot.state.ReindexLog.Counts;
import org.citebot.state.ReindexLog.Result;
import org.citebot.state.ReindexLog.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexLogTest {

    private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");
    private static final String GUILD = "333333333333333333";

    @TempDir
    Path dir;

    private StateStore open() {
        return StateStore.open(dir.resolve("citebot.db"), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void startThenFinish_recordsEveryFieldAndSurvivesReopening() {
        try (StateStore store = open()) {
            ReindexLog log = new ReindexLog(store);
            long id = log.start("111111111111111111", Optional.of(GUILD), false, false, T0);
            log.finish(
                    id, Result.OK, new Counts(1, 2, 3, 4, 5, 60), Optional.of(7L), Optional.empty(), T0.plusSeconds(3));
        }
        try (StateStore store = open()) {
            Run run = new ReindexLog(store).recent(10).get(0);

            assertThat(run.requestedBy()).isEqualTo("111111111111111111");
            assertThat(run.guildId()).contains(GUILD);
            assertThat(run.startedAt()).isEqualTo(T0);
            assertThat(run.finishedAt()).contains(T0.plusSeconds(3));
            assertThat(run.dryRun()).isFalse();
            assertThat(run.result()).isEqualTo(Result.OK);
            assertThat(run.counts()).isEqualTo(new Counts(1, 2, 3, 4, 5, 60));
            assertThat(run.generation()).contains(7L);
            assertThat(run.error()).isEmpty();
        }
    }

    @Test
    void failedDryRun_keepsTheReasonAndNoGeneration() {
        try (StateStore store = open()) {
            ReindexLog log = new ReindexLog(store);
            long id = log.start("watcher", Optional.empty(), true, false, T0);
            log.finish(id, Result.FAILED, Counts.NONE, Optional.empty(), Optional.of("corpus folder missing"), T0);

            Run run = log.recent(1).get(0);
            assertThat(run.dryRun()).isTrue();
            assertThat(run.guildId()).isEmpty();
            assertThat(run.result()).isEqualTo(Result.FAILED);
            assertThat(run.error()).contains("corpus folder missing");
            assertThat(run.generation()).isEmpty();
        }
    }

    @Test
    void failInterrupted_marksOnlyRunsStillRunning() {
        try (StateStore store = open()) {
            ReindexLog log = new ReindexLog(store);
            long done = log.start("cli", Optional.empty(), false, false, T0);
            log.finish(done, Result.OK, Counts.NONE, Optional.of(1L), Optional.empty(), T0.plusSeconds(1));
            log.start("console", Optional.empty(), false, true, T0.plusSeconds(2));

            int marked = log.failInterrupted(T0.plusSeconds(60), "citebot stopped during the reindex");

            assertThat(marked).isEqualTo(1);
            assertThat(log.recent(10))
                    .extracting(Run::requestedBy, Run::result, Run::error)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "console", Result.FAILED, Optional.of("citebot stopped during the reindex")),
                            org.assertj.core.groups.Tuple.tuple("cli", Result.OK, Optional.empty()));
        }
    }

    @Test
    void migration3_isAppliedOnTopOfADatabaseAtVersion2() {
        Path file = dir.resolve("citebot.db");
        StateStore.open(file, Clock.systemUTC(), Migrations.ALL.subList(0, 2)).close();

        try (StateStore store = StateStore.open(file, Clock.systemUTC())) {
            assertThat(store.schemaVersion()).isGreaterThanOrEqualTo(3);
            assertThat(new ReindexLog(store).recent(5)).isEmpty();
        }
    }
}
