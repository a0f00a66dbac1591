package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citebot.command.SampleData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts and CI use it: exit codes, output formats, messages. */
class MainTest {

    @TempDir
    Path dir;

    private Path config;
    private final CliRunner cli = new CliRunner();

    @BeforeEach
    void writeConfig() throws IOException {
        config = CliRunner.writeConfig(dir);
    }

    @Test
    void index_seeds_printsDocumentsPassagesAndSkipped() {
        int code = cli.run("--config", config.toString(), "index");

        assertThat(code).isZero();
        assertThat(cli.out())
                .contains("documents: 2 (2 added")
                .containsPattern("passages: +\\d+")
                .contains("skipped:   0");
    }

    @Test
    void index_secondRun_reportsUnchanged() {
        cli.run("--config", config.toString(), "index");
        CliRunner second = new CliRunner();

        second.run("--config", config.toString(), "index");

        assertThat(second.out()).contains("0 added, 0 changed, 2 unchanged, 0 removed");
    }

    @Test
    void searchJson_noIndexYet_buildsItAndPrintsExactlyOneJsonObject() throws IOException {
        int code = cli.run("--config", config.toString(), "search", "--json", "--limit", "2", "HIMARS", "missiles");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("query").asText()).isEqualTo("HIMARS missiles");
        assertThat(json.get("total").asLong()).isPositive();
        assertThat(json.get("totalIsLowerBound").isBoolean()).isTrue();
        assertThat(json.get("totalIsLowerBound").asBoolean()).isFalse();
        assertThat(json.get("tookMs").isNumber()).isTrue();
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        for (String field : List.of(
                "docId",
                "title",
                "author",
                "publisher",
                "published",
                "section",
                "paragraph",
                "passage",
                "snippet",
                "url",
                "link",
                "score")) {
            assertThat(first.has(field)).as("field %s", field).isTrue();
        }
        assertThat(first.get("snippet").asText()).contains("**HIMARS**");
        assertThat(first.get("link").asText()).contains("#:~:text=");
        assertThat(json.get("results")).hasSize(2);
    }

    @Test
    void search_onlyStopWords_exitsTwoWithReasonOnStderr() {
        int code = cli.run("--config", config.toString(), "search", "the", "of", "and");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).startsWith("citebot: ").doesNotContain("Exception");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void search_limitOutOfRange_exitsTwo() {
        assertThat(cli.run("--config", config.toString(), "search", "--limit", "0", "nato"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--limit");
    }

    @Test
    void search_partialSource_exitsTwoNamingTheSourcesItStarts() {
        int code = cli.run("--config", config.toString(), "search", "--source", "world", "HIMARS");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err())
                .isEqualToIgnoringNewLines(
                        "citebot: No source is named “world”. Sources starting with “world”: World Socialist Web Site.");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void search_unknownSource_exitsTwoNamingThePublishers() {
        int code = cli.run("--config", config.toString(), "search", "--source", "pravda", "HIMARS");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err())
                .contains("No source is named “pravda”.")
                .contains("The publishers are revcom.us, World Socialist Web Site.")
                .doesNotContain("No passages match");
    }

    @Test
    void searchJson_countStoppedAtAThreshold_saysTheTotalIsALowerBound() throws IOException {
        JsonNode json = new ObjectMapper()
                .readTree(SearchCliCommand.toJson("nuclear", SampleData.threePassagesOfAtLeast(1000)));

        assertThat(json.get("total").asLong()).isEqualTo(1000);
        assertThat(json.get("totalIsLowerBound").asBoolean()).isTrue();
    }

    @Test
    void search_luceneSyntax_isPlainText() throws IOException {
        int code = cli.run("--config", config.toString(), "search", "--json", "title:(x", "*", "a~", "/.*/", "NATO");

        assertThat(code).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("total").asLong()).isPositive();
    }

    @Test
    void invalidConfig_exitsTwoNamingTheKey() throws IOException {
        Files.writeString(config, "search:\n  results: 99\n");

        int code = cli.run("--config", config.toString(), "search", "nato");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("search.results");
    }

    @Test
    void index_missingCorpus_exitsTwoWithClearMessage() {
        int code = cli.run(
                "--config",
                config.toString(),
                "index",
                "--corpus",
                dir.resolve("nope").toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("corpus folder not found");
    }

    @Test
    void run_missingCorpus_exitsTwoWithOneLineAndStartsNothing() throws IOException {
        Files.writeString(
                config,
                Files.readString(config)
                        .replace(CliRunner.SEEDS.toString(), dir.resolve("nope").toString()));

        int code = cli.run("--config", config.toString(), "run");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err())
                .startsWith("citebot: corpus folder not found: " + dir.resolve("nope"))
                .hasLineCount(1);
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void runDiscordOnly_withoutToken_exitsTwoSayingHowToTryTheConsole() {
        int code = cli.run("--config", config.toString(), "run", "--discord");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).startsWith("citebot: DISCORD_TOKEN is not set").contains("docker run -it");
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void unknownOption_exitsTwo() {
        assertThat(cli.run("search", "--frobnicate", "x")).isEqualTo(2);
    }
}
