package org.citebot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.app.Citebot;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The local console over the real app: the same commands and content as Discord, as text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTest {

    private Citebot citebot;
    private Console console;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_STATE_DB",
                        dir.resolve("citebot.db").toString(),
                        "CITEBOT_RATE_LIMIT_SEARCHES",
                        "1000"))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        citebot = Citebot.start(config, Clock.systemUTC());
        console = new Console(citebot.registry(), citebot.errors(), new TextRenderer(false));
    }

    @AfterAll
    void stop() throws IOException {
        citebot.close();
    }

    @Test
    void readmeQuickStart_everySearchExampleFindsPassages() throws IOException {
        List<String> examples = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("> /search ")) {
                examples.add(line.substring(2));
            }
        }

        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (String example : examples) {
            assertThat(console.execute(example)).as(example).containsPattern("Passages? 1|1 passage for");
        }
    }

    @Test
    void readmeQuickStart_phraseAndExclusionExamples_doWhatTheReadmeSays() {
        assertThat(passagesShown("/search query:\"nuclear weapons\" results:10"))
                .as("only where the words stand together")
                .isPositive()
                .isLessThan(passagesShown("/search query:nuclear weapons results:10"));
        String excluded = console.execute("/search query:missiles -HIMARS results:10");
        assertThat(excluded.substring(excluded.indexOf('\n')))
                .as("the passages, below the header that repeats the query")
                .doesNotContainIgnoringCase("HIMARS");
        assertThat(passagesShown("/search query:HIMARS results:10"))
                .as("HIMARS is in one passage")
                .isEqualTo(1);
        assertThat(passagesShown("/search query:missiles -HIMARS results:10"))
                .as("all passages about missiles but the HIMARS one")
                .isEqualTo(passagesShown("/search query:missiles results:10") - 1);
    }

    /** How many passages a search finds in total, from its reply's header. */
    private int passagesShown(String line) {
        String shown = console.execute(line);
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("(?:of (\\d+)|(\\d+) passages? for)")
                .matcher(shown);
        if (!header.find()) {
            return 0;
        }
        return Integer.parseInt(header.group(1) != null ? header.group(1) : header.group(2));
    }

    @Test
    void search_bareQuery_showsPassagesWithBoldMatchesFooterAndButtons() {
        String shown = console.execute("/search HIMARS missiles");

        assertThat(shown)
                .contains("Passages 1–3 of")
                .contains("**HIMARS**")
                .contains("¶")
                .contains("[Next ▶: type next]")
                .contains("#:~:text=");
    }

    @Test
    void search_namedOptions_respectResultsCount() {
        String shown = console.execute("/search query:nuclear war results:1");

        assertThat(shown).contains("[1] ").doesNotContain("[2] ");
    }

    @Test
    void next_afterSearch_showsSecondPage() {
        console.execute("/search query:NATO results:2");

        String shown = console.execute("next");

        assertThat(shown).contains("Passages 3–4 of").contains("[3] ", "[4] ").doesNotContain("[1] ");
    }

    @Test
    void help_listsEveryCommandWithExample() {
        String shown = console.execute("/help");

        assertThat(shown).contains("/search").contains("/help").contains("Example: /search");
    }

    @Test
    void unknownCommand_andBadOption_getClearMessages() {
        assertThat(console.execute("/frobnicate")).contains("Unknown command /frobnicate");
        assertThat(console.execute("/search query:x results:99")).contains("results: must be between 1 and 10");
        assertThat(console.execute("hello")).contains("Commands start with a slash");
    }

    @Test
    void hostileQuery_controlCharactersNeverReachTheTerminal() {
        String shown = console.execute("/search \u001b[31mNATO\u0007 @everyone **x**");

        assertThat(shown).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void run_readsUntilQuit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        console.run(
                new BufferedReader(new StringReader("/help\nquit\n/search never\n")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false);

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .contains("no DISCORD_TOKEN is set")
                .contains("/search")
                .doesNotContain("never");
    }
}
