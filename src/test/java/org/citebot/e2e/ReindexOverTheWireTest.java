package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.SentMessage;
import org.citebot.discord.fake.TestGuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /reindex} from both sides over the wire: refused for a plain member even though Discord
 * delivered it, refused for a server's moderator who is not one of citebot's operators, and for an
 * operator (the owner of the bot's application, as Discord reports it) deferred privately, edited
 * with progress while it runs, and finished with a summary, while searches keep answering. Each run
 * is announced in the server's own log channel in counts only, and in full in the operators'
 * channel ({@code moderators.logChannel}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReindexOverTheWireTest {

    /** New articles for the reindex to add: enough that it reports progress before it ends. */
    private static final int NEW_ARTICLES = 600;

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;
    private Path corpus;

    @BeforeAll
    void start(@TempDir Path data) throws IOException {
        corpus = Files.createDirectory(data.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(CitebotOnFakeDiscord.seeds())) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Test Guild")
                        .textChannel("general")
                        .textChannel("mod-log")
                        .textChannel("operators")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("alice")
                        .member("mod", "Moderator")
                        .member("helper", "Moderator")
                        .build())
                .start();
        // The moderator "mod" also owns citebot's Discord application: an operator.
        discord.application().ownedBy(discord.mod());
        // Defer after 100 ms rather than 1.5 s: a reindex always outlasts that, however fast the machine.
        citebot = CitebotOnFakeDiscord.start(
                discord,
                data,
                Map.of(
                        "CITEBOT_CORPUS_DIR",
                        corpus.toString(),
                        "CITEBOT_DISCORD_DEFER_AFTER",
                        "100ms",
                        "CITEBOT_MODERATORS_LOG_CHANNEL",
                        discord.channel("operators").id(),
                        // Who may reindex and what is announced is tested here; embedding 600 new
                        // articles would add a minute (ReindexStatusTest covers the embedding progress).
                        "CITEBOT_SEARCH_MODE",
                        "lexical"));
        // The server's moderators chose their own log channel (/settings log-channel).
        citebot.citebot()
                .guildSettings()
                .setLogChannel(
                        discord.guild().id(),
                        Optional.of(discord.channel("mod-log").id()));
    }

    @AfterEach
    void everythingSentPingsNoOneAndFitsDiscord() {
        WireChecks.assertNothingCouldPing(discord);
        WireChecks.assertNothingRefused(discord, request -> false);
    }

    @AfterAll
    void stop() {
        try {
            citebot.close();
        } finally {
            discord.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("A plain member's /reindex is refused privately and changes nothing, though Discord let it through")
    void reindex_byPlainMember_refused() throws IOException {
        Files.writeString(corpus.resolve("unwanted.md"), article("Unwanted", 0));

        JsonNode refusal = discord.slash("reindex").as(discord.alice()).awaitResponseMessage();

        assertThat(refusal.path("content").asText()).startsWith("Only moderators");
        assertThat(isPrivate(refusal)).isTrue();
        assertThat(search("Unwanted")).as("the new file is not indexed").isZero();
        Files.delete(corpus.resolve("unwanted.md"));
    }

    @Test
    @Order(2)
    @DisplayName("A server's moderator who is no operator: told privately it is for citebot's operators, dry run too")
    void reindex_byModeratorWhoIsNoOperator_refusedAndNothingRuns() throws IOException {
        Files.writeString(corpus.resolve("unwanted.md"), article("Unwanted", 0));
        long runsBefore = reindexRuns();

        for (Map<String, ?> options : List.of(Map.<String, Object>of(), Map.of("dry-run", true))) {
            JsonNode refusal = discord.slash("reindex", options)
                    .as(discord.member("helper"))
                    .awaitResponseMessage();

            assertThat(isPrivate(refusal)).isTrue();
            assertThat(refusal.path("content").asText())
                    .startsWith("/reindex acts on the corpus every server using citebot shares")
                    .contains("only citebot's operators can run it, dry runs included")
                    .doesNotContain(discord.mod().id());
        }
        assertThat(reindexRuns()).as("no run, dry or real").isEqualTo(runsBefore);
        assertThat(search("Unwanted")).as("the new file is not indexed").isZero();
        Files.delete(corpus.resolve("unwanted.md"));
    }

    @Test
    @Order(3)
    @DisplayName("An operator's /reindex is deferred privately, shows progress edits, ends with a summary")
    void reindex_byOperator_progressThenSummary() throws IOException {
        for (int i = 0; i < NEW_ARTICLES; i++) {
            Files.writeString(corpus.resolve(String.format("new-%04d.md", i)), article("Article " + i, i));
        }

        InteractionHandle reindex = discord.slash("reindex").as(discord.mod());

        JsonNode callback = reindex.awaitCallback(Duration.ofSeconds(3));
        assertThat(callback.path("type").asInt()).as("deferred").isEqualTo(5);
        assertThat(callback.path("data").path("flags").asInt() & 64)
                .as("privately")
                .isEqualTo(64);
        assertThat(search("HIMARS")).as("searches answer during the rebuild").isPositive();
        JsonNode summary = reindex.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Reindex finished"), Duration.ofSeconds(60));
        // Discord markdown escapes the parentheses; read the text as a person sees it.
        assertThat(summary.path("content").asText().replace("\\", ""))
                .contains("Added " + NEW_ARTICLES + ":")
                .contains("Unchanged: 2 (not re-analysed)");
        List<String> edits = discord.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.WEBHOOK_EDIT)
                .map(SentMessage::content)
                .toList();
        assertThat(edits).anySatisfy(edit -> assertThat(edit).matches("(?s)Reindexing: .*\\d+/\\d+.*"));
        await().atMost(Duration.ofSeconds(10)).until(() -> search("zyzzyva7") > 0);

        String toServer = announcement("mod-log", "Reindex requested by an operator");
        assertThat(toServer)
                .contains("The shared corpus was reindexed")
                .contains(NEW_ARTICLES + " added, 0 changed, 0 removed, 2 unchanged")
                .as("no file of the shared corpus named in a server's channel")
                .doesNotContain("new-0");
        assertThat(announcement("operators", "Reindex requested by an operator"))
                .contains("Added " + NEW_ARTICLES + ": new-0000");
    }

    @Test
    @Order(4)
    @DisplayName("A second /reindex while one runs is told so, with the running one's progress")
    void reindex_whileOneRuns_toldSoWithProgress() throws IOException {
        for (int i = 0; i < NEW_ARTICLES; i++) {
            Files.writeString(corpus.resolve(String.format("new-%04d.md", i)), article("Changed article " + i, i + 1));
        }
        InteractionHandle first = discord.slash("reindex").as(discord.mod());
        first.awaitCallback(Duration.ofSeconds(3));

        JsonNode second = discord.slash("reindex").as(discord.mod()).awaitResponseMessage();

        assertThat(second.path("content").asText()).startsWith("A reindex is already running");
        JsonNode done = first.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Reindex finished"), Duration.ofSeconds(60));
        assertThat(done.path("content").asText().replace("\\", "")).contains("Changed " + NEW_ARTICLES + ":");
    }

    @Test
    @Order(5)
    @DisplayName(
            "A failed reindex: the operator and the operators' channel get the reason, the server's log channel only the outcome")
    void reindex_fails_reasonForOperatorsOnly() throws IOException {
        Path away = Files.move(corpus, corpus.resolveSibling("corpus-away"));
        try {
            JsonNode failed = discord.slash("reindex")
                    .as(discord.mod())
                    .awaitResponseMessage(
                            m -> m.path("content").asText().startsWith("Reindex failed"), Duration.ofSeconds(30));

            assertThat(isPrivate(failed)).isTrue();
            assertThat(failed.path("content").asText()).contains("does not exist");
            String toServer = announcement("mod-log", "failed");
            assertThat(toServer)
                    .contains("The reindex of the shared corpus failed")
                    .contains("details are in the operator log")
                    .contains("the previous index keeps answering")
                    .doesNotContain("does not exist")
                    .doesNotContain(corpus.toString());
            assertThat(announcement("operators", "Reindex failed"))
                    .contains("does not exist")
                    .contains(corpus.toString());
        } finally {
            Files.move(away, corpus);
        }
    }

    /** The newest message in the named channel containing {@code text}, as a person reads it. */
    private String announcement(String channel, String text) {
        return discord.awaitChannelMessage(
                        discord.channel(channel).id(),
                        m -> m.path("content").asText().replace("\\", "").contains(text))
                .path("content")
                .asText()
                .replace("\\", "");
    }

    /** Reindex runs finished so far, dry or real, as the metrics count them. */
    private long reindexRuns() {
        return citebot.citebot().metrics().find("citebot.reindex.runs").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
    }

    private long search(String words) {
        return citebot.citebot()
                .search()
                .search(org.citebot.search.SearchRequest.of(words, 1))
                .totalHits();
    }

    private static String article(String title, int seed) {
        StringBuilder body = new StringBuilder("---\ntitle: ").append(title).append("\n---\n\n");
        String[] words = {
            "grain",
            "shipping",
            "sanctions",
            "harbour",
            "winter",
            "tariff",
            "convoy",
            "ledger",
            "zyzzyva" + (seed % 10),
            "treaty",
            "border",
            "river"
        };
        for (int p = 0; p < 3; p++) {
            for (int w = 0; w < 60; w++) {
                body.append(words[(seed * 7 + p * 13 + w) % words.length]).append(w % 12 == 11 ? ". " : " ");
            }
            body.append("\n\n");
        }
        return body.toString();
    }
}
