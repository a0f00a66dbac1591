package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.citebot.reindex.ReindexRuns;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citebot index} goes through the reindex service: its runs are recorded like the bot's; a
 * corpus folder that is not there is bad input, refused before anything is opened.
 */
class IndexCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private final CliRunner cli = new CliRunner();

    @BeforeEach
    void writeConfig() throws IOException {
        config = CliRunner.writeConfig(dir);
    }

    @Test
    void index_twice_recordsBothRunsAsCliWithTheirCounts() {
        assertThat(cli.run("--config", config.toString(), "index")).isZero();
        assertThat(cli.run("--config", config.toString(), "index", "--full")).isZero();

        assertThat(cli.out()).contains("documents: 2 (0 added, 2 changed, 0 unchanged, 0 removed)");
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC())) {
            List<ReindexRuns.Run> runs = new SqlReindexRuns(store).recent(5);
            assertThat(runs).extracting(ReindexRuns.Run::requestedBy).containsExactly("cli", "cli");
            assertThat(runs).extracting(ReindexRuns.Run::result).containsOnly(ReindexRuns.Result.OK);
            assertThat(runs.get(0).fullRebuild()).isTrue();
            assertThat(runs.get(1).counts().added()).isEqualTo(2);
        }
    }

    @Test
    void index_missingCorpus_refusedAsBadInputBeforeTheIndexOrTheRunLogIsOpened() {
        assertThat(cli.run(
                        "--config",
                        config.toString(),
                        "index",
                        "--corpus",
                        dir.resolve("nope").toString()))
                .isEqualTo(2);

        assertThat(cli.err())
                .isEqualTo("citebot: corpus folder not found: " + dir.resolve("nope") + System.lineSeparator());
        // A mistyped folder is not a reindex run: the moderators' run history stays clean.
        assertThat(dir.resolve("index")).doesNotExist();
        assertThat(dir.resolve("citebot.db")).doesNotExist();
    }

    @Test
    void indexAndSearch_malformedManifest_exitTwoWithTheReasonOnStandardError() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("a.txt"), "A short text about the meridian survey and its findings.\n");
        Files.writeString(corpus.resolve("sources.yaml"), "sources:\n  - file: a.txt\ntypo: true\n");

        assertThat(cli.run("--config", config.toString(), "index", "--corpus", corpus.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("sources.yaml: unknown top-level key 'typo' (allowed: sources)");

        // search builds a missing index first, from the same corpus.
        Path searchConfig = Files.writeString(
                dir.resolve("search.yaml"),
                "corpus:\n  dir: " + corpus + "\nindex:\n  dir: " + dir.resolve("fresh") + "\n");
        CliRunner search = new CliRunner();
        assertThat(search.run("--config", searchConfig.toString(), "search", "meridian"))
                .isEqualTo(2);
        assertThat(search.err()).contains("unknown top-level key 'typo'");
    }
}
