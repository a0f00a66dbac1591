package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citebot.cli.Main;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as separate processes sharing one data folder with each other and with a running
 * console or bot, as a user runs them: many searches at once, a search or {@code citebot index}
 * while citebot runs, a corpus folder that is not there. Searches read the index read-only and
 * answer; {@code index} refuses with exit 2, naming the running process and the way to reindex
 * through it; nothing prints a stack trace. Each child is a real JVM (about a second of CPU each).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CommandLineBesideRunningCitebotTest {

    private static final Duration EXIT = Duration.ofSeconds(120);
    /** Locks and processes are what this tests; lexical mode spares ten children loading the model. */
    private static final Map<String, String> LEXICAL = Map.of("CITEBOT_SEARCH_MODE", "lexical");

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(.*");

    @TempDir
    Path data;

    private Path corpus;
    private Path config;

    @BeforeEach
    void copySeedsAndWriteConfig() throws IOException {
        corpus = Files.createDirectories(data.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(CitebotOnFakeDiscord.seeds())) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        config = Files.writeString(
                data.resolve("citebot.yaml"),
                "corpus:\n  dir: " + corpus + "\nindex:\n  dir: " + data.resolve("index") + "\nstate:\n  db: "
                        + data.resolve("citebot.db") + "\nops:\n  listen: \"off\"\n");
    }

    @Test
    void tenSearchesAtOnce_onANewDataFolder_allAnswer() throws Exception {
        List<ChildJvm> searches = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 10; i++) {
                searches.add(cli("search", "--json", "--", "nato"));
            }
            for (ChildJvm search : searches) {
                assertThat(search.awaitExit(EXIT)).as(joined(search)).isZero();
                assertThat(json(search).get("total").asInt()).as(joined(search)).isPositive();
                assertNoStackTrace(search);
            }
        } finally {
            searches.forEach(ChildJvm::close);
        }
        System.out.printf(
                "10 parallel searches on a new data folder: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void consoleRunning_searchAnswers_indexAndASecondConsoleRefuse_changedCorpusSaidToBeStale() throws Exception {
        try (ChildJvm console =
                ChildJvm.start(ChildJvm.QUICK_START, Main.class, LEXICAL, "--config", config.toString(), "run")) {
            console.awaitLineStartingWith("citebot console:", EXIT);

            try (ChildJvm search = cli("search", "--json", "--", "HIMARS");
                    ChildJvm index = cli("index");
                    ChildJvm secondConsole = cli("run")) {
                assertThat(search.awaitExit(EXIT)).as(joined(search)).isZero();
                assertThat(json(search).get("total").asInt()).isPositive();
                assertThat(search.output()).noneMatch(line -> line.contains("note:"));

                assertThat(index.awaitExit(EXIT)).as(joined(index)).isEqualTo(2);
                assertThat(joined(index))
                        .contains("citebot is running and holds the index")
                        .contains("citebot run (console), pid " + console.pid())
                        .contains("/reindex in Discord or at its console");

                assertThat(secondConsole.awaitExit(EXIT))
                        .as(joined(secondConsole))
                        .isEqualTo(2);
                assertThat(joined(secondConsole)).contains("is in use by citebot run (console), pid " + console.pid());
                for (ChildJvm child : List.of(search, index, secondConsole)) {
                    assertNoStackTrace(child);
                }
            }

            Files.writeString(corpus.resolve("drones.txt"), "Drone strikes\n\nA new article about drone strikes.\n");
            try (ChildJvm stale = cli("search", "--", "drone")) {
                assertThat(stale.awaitExit(EXIT)).as(joined(stale)).isZero();
                assertThat(joined(stale))
                        .contains("note: the corpus changed since the index was built (1 added)")
                        .contains("may be stale until citebot run (console), pid " + console.pid());
                assertNoStackTrace(stale);
            }
            console.send("quit");
            assertThat(console.awaitExit(EXIT)).isZero();
        }

        try (ChildJvm index = cli("index")) {
            assertThat(index.awaitExit(EXIT)).as(joined(index)).isZero();
            assertThat(joined(index)).contains("1 added");
        }
    }

    @Test
    void botRunning_indexRefusesNamingTheBot_searchAnswers() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            Map<String, String> environment = new HashMap<>(CitebotOnFakeDiscord.environment(
                    discord,
                    data,
                    Map.of(
                            "CITEBOT_OPS_LISTEN",
                            "off",
                            "CITEBOT_CORPUS_DIR",
                            corpus.toString(),
                            "CITEBOT_SEARCH_MODE",
                            "lexical")));
            Map<String, String> bot = new HashMap<>(environment);
            bot.put("DISCORD_TOKEN", discord.token());
            try (ChildJvm citebot = ChildJvm.start(ChildJvm.QUICK_START, Main.class, bot, "run")) {
                citebot.awaitLine(line -> line.contains("Connected to Discord"), "the gateway connected", EXIT);

                try (ChildJvm index = ChildJvm.start(ChildJvm.QUICK_START, Main.class, environment, "index");
                        ChildJvm search = ChildJvm.start(
                                ChildJvm.QUICK_START, Main.class, environment, "search", "--", "Kherson")) {
                    assertThat(index.awaitExit(EXIT)).as(joined(index)).isEqualTo(2);
                    assertThat(joined(index))
                            .contains("citebot run (Discord bot), pid " + citebot.pid())
                            .contains("/reindex");
                    assertThat(search.awaitExit(EXIT)).as(joined(search)).isZero();
                    assertThat(joined(search)).contains("Kherson");
                    assertNoStackTrace(index);
                    assertNoStackTrace(search);
                }
                citebot.terminate(EXIT);
            }
        }
    }

    @Test
    void missingCorpusFolder_runAndIndex_sayItInOneLineAndExitTwo() throws Exception {
        Path missing = data.resolve("no-such-folder");
        Files.writeString(config, Files.readString(config).replace("dir: " + corpus, "dir: " + missing));
        try (ChildJvm run = cli("run");
                ChildJvm index = cli("index")) {
            for (ChildJvm child : List.of(run, index)) {
                assertThat(child.awaitExit(EXIT)).as(joined(child)).isEqualTo(2);
                assertThat(child.output())
                        .filteredOn(line -> line.startsWith("citebot: "))
                        .singleElement()
                        .asString()
                        .startsWith("citebot: corpus folder not found: " + missing);
                assertNoStackTrace(child);
            }
        }
        assertThat(data.resolve("index")).doesNotExist();
    }

    /** One command-line run against this test's configuration, started at once. */
    private ChildJvm cli(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return ChildJvm.start(ChildJvm.QUICK_START, Main.class, LEXICAL, all.toArray(String[]::new));
    }

    private static JsonNode json(ChildJvm child) throws IOException {
        String line = child.output().stream()
                .filter(candidate -> candidate.startsWith("{\"query\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line in " + joined(child)));
        return new ObjectMapper().readTree(line);
    }

    private static void assertNoStackTrace(ChildJvm child) {
        assertThat(child.output())
                .as("what the user saw")
                .noneMatch(line -> STACK_FRAME.matcher(line).matches() || line.contains("Exception"));
    }

    private static String joined(ChildJvm child) {
        return String.join(System.lineSeparator(), child.output());
    }
}
