package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.citebot.command.Command;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.reindex.Announcement;
import org.citebot.reindex.TestCorpusFolder;
import org.citebot.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root wires /reindex, the run log, the moderator log hook and the corpus watcher. */
class CitebotReindexWiringTest {

    @TempDir
    Path dir;

    @Test
    void start_withWatchOn_registersReindexAndAnnouncesWatcherRuns() throws IOException {
        TestCorpusFolder corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 4, 2);
        Path file = dir.resolve("citebot.yaml");
        Files.writeString(
                file,
                "corpus:\n  dir: " + corpus.dir() + "\n  watch: true\n  watchDebounce: 300ms\n" + "index:\n  dir: "
                        + dir.resolve("index") + "\nstate:\n  db: " + dir.resolve("citebot.db") + "\n");
        CitebotConfig config = new ConfigLoader(Map.of()).load(Optional.of(file), true);
        List<Announcement> announced = new CopyOnWriteArrayList<>();

        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            citebot.announceModeratorActionsTo(announced::add);
            Optional<Command> reindex = citebot.registry().command("reindex");
            assertThat(reindex)
                    .hasValueSatisfying(command ->
                            assertThat(command.spec().moderatorOnly()).isTrue());

            corpus.revise(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
            assertThat(announced.get(0).operators().text().orElseThrow().text())
                    .startsWith("Reindex requested by the corpus watcher:")
                    .contains("Changed 1: article_002");
            assertThat(announced.get(0).servers().text().orElseThrow().text())
                    .startsWith("Reindex requested by the corpus watcher:")
                    .contains("0 added, 1 changed, 0 removed")
                    .doesNotContain("article_002");
            assertThat(citebot.engine()
                            .search()
                            .search(SearchRequest.of("revised2", 3))
                            .totalHits())
                    .isPositive();
        }
    }
}
