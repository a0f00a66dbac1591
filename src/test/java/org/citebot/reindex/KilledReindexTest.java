package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A citebot process killed while a rebuild is writing leaves an index that opens on the next start,
 * serves the last good commit, and takes the next reindex.
 */
class KilledReindexTest {

    @TempDir
    Path dir;

    @Test
    void processKilledWhileARebuildWrites_nextStartOpensTheLastGoodCommitAndSearches() throws Exception {
        Path indexDir = dir.resolve("index");
        TestCorpusFolder corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 59, 3);
        IndexMetadata good;
        List<String> goodAnswers;
        try (Stack stack = Stack.open(indexDir)) {
            good = stack.indexer()
                    .index(corpus.dir(), false, IndexProgress.NONE)
                    .update()
                    .metadata();
            goodAnswers = stack.answers("meridian token7");
        }
        for (int n = 0; n < 60; n += 2) {
            corpus.revise(n);
        }
        corpus.write(60, 69, 3);

        List<String> output;
        try (ChildJvm child = ChildJvm.start(
                PausedReindexMain.class,
                Map.of(),
                indexDir.toString(),
                corpus.dir().toString(),
                dir.resolve("citebot.db").toString())) {
            child.awaitLineStartingWith(PausedReindexMain.MARKER + "35/70", Duration.ofSeconds(30));
            child.kill();
            output = child.output();
        }
        assertThat(output).noneMatch(line -> line.equals("FINISHED"));

        try (Stack restarted = Stack.open(indexDir);
                StateStore store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC())) {
            assertThat(restarted.index().metadata()).isEqualTo(good);
            assertThat(restarted.index().documents()).hasSize(60);
            assertThat(restarted.answers("meridian token7")).isEqualTo(goodAnswers);
            assertThat(restarted.search("revised0").totalHits()).isZero();
            assertThat(restarted.search("token65").totalHits()).isZero();

            ReindexRuns runs = new SqlReindexRuns(store);
            assertThat(runs.recent(1).get(0).result()).isEqualTo(ReindexRuns.Result.RUNNING);
            ReindexService service = new ReindexService(
                    restarted.indexer(), restarted.index(), corpus.dir(), runs, ModeratorLog.NONE, Clock.systemUTC());
            service.failInterruptedRuns();
            ReindexRuns.Run killed = runs.recent(1).get(0);
            assertThat(killed.result()).isEqualTo(ReindexRuns.Result.FAILED);
            assertThat(killed.fullRebuild()).isTrue();
            assertThat(killed.error())
                    .hasValueSatisfying(error -> assertThat(error).contains("interrupted"));
            ReindexSummary next = service.reindex(
                    new ReindexRequest("console", "the console", Optional.empty(), false, false), IndexProgress.NONE);
            assertThat(next.generationAfter()).isEqualTo(good.generation() + 1);
            assertThat(next.added()).hasSize(10);
            assertThat(next.changed()).hasSize(30);
            assertThat(restarted.search("revised0").totalHits()).isPositive();
        }
    }
}
