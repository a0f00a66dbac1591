package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.citebot.config.ConfigLoader;
import org.citebot.fetch.FetchSettings;
import org.citebot.fetch.LoopbackHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citebot sources add} against a page on 127.0.0.1: loopback is allowed only through the
 * {@code sources.fetch.*} keys, and the default configuration refuses it.
 */
class SourcesCliTest {

    private static final String ARTICLE = "<html lang=\"en\"><head><title>Harbour lights return</title>"
            + "<meta name=\"author\" content=\"Mira \u001b[31mOkafor\"></head><body><article><p>"
            + "The lamps along the old quay were lit again on Saturday evening. ".repeat(8)
            + "</p></article></body></html>";

    @TempDir
    Path dir;

    private LoopbackHttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer().html("/story", ARTICLE);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Path loopbackConfig() throws IOException {
        return Files.writeString(
                dir.resolve("citebot.yaml"),
                "sources:\n  fetch:\n    allowLoopback: true\n    allowedPorts: [" + server.port() + "]\n");
    }

    private int run(Map<String, String> environment, String input, String... args) {
        return Main.execute(
                args,
                environment,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/story";
    }

    @Test
    void add_answeredNo_printsThePreviewAndAddsNothing() throws IOException {
        int code = run(Map.of(), "n\n", "--config", loopbackConfig().toString(), "sources", "add", url());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Title:     Harbour lights return")
                .contains("Language:  en")
                .contains("The lamps along the old quay")
                .contains("Add this article to the corpus? [y/N]")
                .endsWith("Not added." + System.lineSeparator());
    }

    @Test
    void add_textFromThePage_hasTerminalEscapesDefused() throws IOException {
        run(Map.of(), "n\n", "--config", loopbackConfig().toString(), "sources", "add", url());

        assertThat(out.toString()).contains("Author:    Mira \uFFFD[31mOkafor").doesNotContain("\u001b");
    }

    /** Where the index and the state database go, and a corpus of the seeds; lexical, so no model is loaded. */
    private Map<String, String> dataEnvironment() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(
                corpus.resolve("note.md"), "---\ntitle: A note\n---\n\nA short note about tides and ferries.\n");
        return Map.of(
                "CITEBOT_CORPUS_DIR", corpus.toString(),
                "CITEBOT_INDEX_DIR", dir.resolve("index").toString(),
                "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(),
                "CITEBOT_SEARCH_MODE", "lexical");
    }

    @Test
    void add_yes_storesAndIndexesTheArticle_listShowsIt_searchFindsIt_removeTakesItOut() throws IOException {
        Map<String, String> env = dataEnvironment();
        String config = loopbackConfig().toString();

        int code = run(env, "", "--config", config, "sources", "add", url(), "--yes");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Title:     Harbour lights return")
                .doesNotContain("[y/N]")
                .containsPattern("Added web-[0-9a-f]{16} \\(1 passages?\\); searchable now.");
        String id = out.toString().replaceAll("(?s).*Added (web-[0-9a-f]{16}).*", "$1");

        out.getBuffer().setLength(0);
        assertThat(run(env, "", "--config", config, "sources", "list")).isZero();
        assertThat(out.toString()).contains(id + "  every server  added by cli").contains("Harbour lights return");

        out.getBuffer().setLength(0);
        assertThat(run(env, "", "--config", config, "search", "lamps along the old quay"))
                .isZero();
        assertThat(out.toString()).contains("Harbour lights return");

        out.getBuffer().setLength(0);
        assertThat(run(env, "", "--config", config, "sources", "remove", id)).isZero();
        assertThat(out.toString()).contains("Removed " + id);
        out.getBuffer().setLength(0);
        run(env, "", "--config", config, "search", "lamps along the old quay");
        assertThat(out.toString()).doesNotContain("Harbour lights return");
        assertThat(run(env, "", "--config", config, "sources", "remove", id)).isEqualTo(2);
    }

    @Test
    void add_whileAnotherProcessHoldsTheIndex_storesItForThatProcessToIndex() throws IOException {
        Map<String, String> env = dataEnvironment();
        String config = loopbackConfig().toString();
        var loaded = new ConfigLoader(env).load(Optional.of(Path.of(config)), false);
        var holder = org.citebot.app.SearchEngine.open(loaded, java.time.Clock.systemUTC(), "citebot run");
        try {
            int code = run(env, "", "--config", config, "sources", "add", url(), "--yes");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("it is stored, and the running citebot, which holds the index,");
        } finally {
            holder.close();
        }
        out.getBuffer().setLength(0);
        assertThat(run(env, "", "--config", config, "sources", "list")).isZero();
        assertThat(out.toString()).contains("Harbour lights return");
    }

    @Test
    void add_loopbackWithTheDefaultConfiguration_exitsTwoWithTheReason() {
        int code = run(
                Map.of("CITEBOT_SOURCES_FETCH_ALLOWED_PORTS", String.valueOf(server.port())),
                "",
                "sources",
                "add",
                url(),
                "--yes");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("refused " + url() + ": cannot fetch it: the address 127.0.0.1 is not allowed: it is this"
                        + " machine (loopback)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void add_loopbackAllowedThroughTheEnvironment_fetches() {
        int code = run(
                Map.of(
                        "CITEBOT_SOURCES_FETCH_ALLOW_LOOPBACK",
                        "true",
                        "CITEBOT_SOURCES_FETCH_ALLOWED_PORTS",
                        String.valueOf(server.port())),
                "no\n",
                "sources",
                "add",
                url());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Title:     Harbour lights return");
    }

    @Test
    void add_javascriptUrl_exitsTwo() {
        int code = run(Map.of(), "", "sources", "add", "javascript:alert(1)", "--yes");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("only http and https URLs can be fetched, not javascript:");
    }

    @Test
    void fetchSettings_defaultConfiguration_areTheFetchersDefaults() {
        var defaults = new ConfigLoader(Map.of()).load(Optional.empty(), false);

        assertThat(SourcesCli.fetchSettings(defaults.sources().fetch())).isEqualTo(FetchSettings.defaults());
    }
}
