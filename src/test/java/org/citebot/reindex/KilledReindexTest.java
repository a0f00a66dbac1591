package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.citebot.index.IndexMetadata;
import org.citebot.index.IndexProgress;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.state.ReindexLog;
import org.citebot.state.StateStore;
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

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PausedReindexMain.class.getName(),
                        indexDir.toString(),
                        corpus.dir().toString(),
                        dir.resolve("citebot.db").toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // The process was killed; its output ends here.
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> output.stream().anyMatch(line -> line.startsWith(PausedReindexMain.MARKER))
                            || !child.isAlive());
            assertThat(output).as("child output").anyMatch(line -> line.startsWith(PausedReindexMain.MARKER + "35/70"));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(output).noneMatch(line -> line.equals("FINISHED"));

        try (Stack restarted = Stack.open(indexDir);
                StateStore store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC())) {
            assertThat(restarted.index().metadata()).isEqualTo(good);
            assertThat(restarted.index().documents()).hasSize(60);
            assertThat(restarted.answers("meridian token7")).isEqualTo(goodAnswers);
            assertThat(restarted.search("revised0").totalHits()).isZero();
            assertThat(restarted.search("token65").totalHits()).isZero();

            ReindexLog runs = new ReindexLog(store);
            assertThat(runs.recent(1).get(0).result()).isEqualTo(ReindexLog.Result.RUNNING);
            ReindexService service = new ReindexService(
                    restarted.indexer(), restarted.index(), corpus.dir(), runs, ModeratorLog.NONE, Clock.systemUTC());
            service.failInterruptedRuns();
            ReindexLog.Run killed = runs.recent(1).get(0);
            assertThat(killed.result()).isEqualTo(ReindexLog.Result.FAILED);
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
