package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.citebot.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration key, given a value it cannot use, stops citebot before anything starts (no
 * index, no database) with a message naming the key. A new key without an entry here fails the test.
 */
class InvalidConfigTest {

    /** One unusable value per key, as an operator might mistype it in the environment. */
    static final Map<String, String> INVALID = new TreeMap<>(
            Map.ofEntries(
                    Map.entry("corpus.dir", "bad\u0000path"),
                    Map.entry("corpus.maxFileSize", "10 parsecs"),
                    Map.entry("corpus.fileTimeout", "0s"),
                    Map.entry("corpus.watch", "sometimes"),
                    Map.entry("corpus.watchDebounce", "soon"),
                    Map.entry("index.dir", ""),
                    Map.entry("index.reindexTimeout", "1s"),
                    Map.entry("state.db", "bad\u0000path"),
                    Map.entry("state.url", "mysql://127.0.0.1/citebot"),
                    // A role for PostgreSQL while the state database is the SQLite file.
                    Map.entry("state.user", "citebot"),
                    Map.entry("state.queryLogRetention", "-3d"),
                    Map.entry("cache.maxEntries", "lots"),
                    Map.entry("cache.maxBytes", "64 megs"),
                    Map.entry("cache.expireAfter", "0s"),
                    Map.entry("cache.sessions", "99"),
                    Map.entry("cache.sessionBytes", "1KiB"),
                    Map.entry("search.results", "11"),
                    Map.entry("search.mode", "semantic"),
                    Map.entry("search.model", "gpt-9"),
                    Map.entry("search.embeddingCache", ""),
                    Map.entry("search.backend", "elastic"),
                    Map.entry("search.solr.zkHosts", "zk1"),
                    Map.entry("search.solr.urls", "solr:8983"),
                    Map.entry("search.solr.collection", "my collection"),
                    Map.entry("search.solr.shards", "0"),
                    Map.entry("search.solr.replicas", "many"),
                    Map.entry("search.solr.generationPoll", "10ms"),
                    Map.entry("discord.guilds", "my-server"),
                    Map.entry("discord.restUrl", "discord.com/api"),
                    Map.entry("discord.gatewayUrl", "https://gateway.discord.gg"),
                    Map.entry("discord.shards.total", "0"),
                    Map.entry("discord.shards.ids", "0-x"),
                    Map.entry("discord.privateByDefault", "maybe"),
                    Map.entry("discord.deferAfter", "3s"),
                    Map.entry("moderators.roles", "@mods"),
                    Map.entry("moderators.logChannel", "#mod-log"),
                    Map.entry("operators.users", "@owner"),
                    Map.entry("ops.listen", "8081"),
                    Map.entry("logging.format", "xml"),
                    Map.entry("rateLimit.searches", "0"),
                    Map.entry("rateLimit.window", "10 seconds please"),
                    Map.entry("rateLimit.buttons", "0"),
                    Map.entry("rateLimit.autocomplete", "-1"),
                    Map.entry("rateLimit.lookups", "many"),
                    Map.entry("rateLimit.digestPreviews", "1001"),
                    Map.entry("digest.grace", "all day"),
                    Map.entry("digest.postEmptyDays", "weekends"),
                    Map.entry("digest.pauseAfterFailures", "never"),
                    Map.entry("digest.silent", "hush"),
                    Map.entry("sources.visibleEverywhere", "sometimes"),
                    Map.entry("sources.linkCheck.interval", "10s"),
                    Map.entry("sources.linkCheck.hostSpacing", "2h"),
                    Map.entry("sources.fetch.allowLoopback", "only-for-me"),
                    Map.entry("sources.fetch.maxBytes", "a lot"),
                    Map.entry("sources.fetch.connectTimeout", "0ms"),
                    Map.entry("sources.fetch.timeout", "forever"),
                    Map.entry("sources.fetch.allowedPorts", "80, 99999"),
                    Map.entry("sources.fetch.userAgent", "citebot\r\nX-Injected: 1"),
                    Map.entry(
                            "digest.defaults",
                            "{\"123456789012345678\": {channel: \"234567890123456789\", time: \"25:00\", timezone: Mars/Olympus}}")));

    @TempDir
    Path dir;

    @Test
    void everyKey_hasAnInvalidExampleHere() {
        assertThat(INVALID.keySet()).containsExactlyInAnyOrderElementsOf(ConfigKeys.paths());
    }

    @Test
    void everyKey_invalidValue_exitsTwoNamingTheKeyAndStartsNothing() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing set here\n");
        Map<String, String> failures = new TreeMap<>();
        for (Map.Entry<String, String> entry : INVALID.entrySet()) {
            String variable = ConfigKeys.environmentVariable(entry.getKey());
            Path work = Files.createDirectories(dir.resolve(variable));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Map<String, String> environment = new TreeMap<>(Map.of(
                    "CITEBOT_INDEX_DIR", work.resolve("index").toString(),
                    "CITEBOT_STATE_DB", work.resolve("citebot.db").toString()));
            environment.put(variable, entry.getValue());
            int code = Main.execute(
                    new String[] {"--config", empty.toString(), "index"},
                    environment,
                    new PrintWriter(out, true),
                    new PrintWriter(err, true));
            boolean startedSomething;
            try (var files = Files.list(work)) {
                startedSomething = files.findAny().isPresent();
            }
            if (code != 2 || !err.toString().contains(entry.getKey()) || startedSomething) {
                failures.put(
                        entry.getKey(), "exit " + code + ", created files: " + startedSomething + ", stderr: " + err);
            }
        }
        assertThat(failures)
                .as("keys whose bad value was not refused by name before starting")
                .isEmpty();
    }

    @Test
    void misspelledEnvironmentVariable_exitsTwoNamingItBeforeStartingAnything() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing set here\n");
        StringWriter err = new StringWriter();

        int code = Main.execute(
                new String[] {"--config", empty.toString(), "index"},
                Map.of(
                        "CITEBOT_INDEX_DIR", dir.resolve("index").toString(),
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(),
                        "CITEBOT_CORPUS_DIRR", dir.resolve("articles").toString()),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("citebot: ").contains("CITEBOT_CORPUS_DIRR", "CITEBOT_CORPUS_DIR");
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void tokenInTheConfigFile_refusedWithoutEchoingIt() throws Exception {
        Path config = dir.resolve("citebot.yaml");
        Files.writeString(config, "discord:\n  token: MTIzNDU2Nzg5.secret.value\n");
        StringWriter err = new StringWriter();

        int code = Main.execute(
                new String[] {"--config", config.toString(), "index"},
                Map.of(),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("discord.token")
                .contains("DISCORD_TOKEN")
                .doesNotContain("secret.value");
    }
}
