package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.TestChannel;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.citebot.fetch.LoopbackHttpServer;
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
 * {@code /sources add}, its buttons and {@code /sources remove} over the wire, with the article
 * served from 127.0.0.1: a plain member is refused; a moderator gets a private preview, confirms it,
 * and the new passage is found by a search, listed by {@code /sources} with who added it, named in
 * the next digest's "New in the corpus" and noted in the moderator log; a second server sees none of
 * it; removing takes it out of searches and the list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SourcesOverTheWireTest {

    private static final String TITLE = "Saltmarsh ferries resume their winter timetable";
    private static final String ARTICLE = "<html lang=\"en\"><head><title>" + TITLE + "</title>"
            + "<meta name=\"author\" content=\"Ines Calloway\"></head><body><header><nav>Home · News</nav></header>"
            + "<article><h1>" + TITLE + "</h1>"
            + "<p>The quillwort ferry crossed the saltmarsh estuary at dawn, the first sailing since the storm. "
            + "Pilots said the channel had shifted north by a cable's length over the autumn.</p>"
            + "<p>Harbour staff marked the new channel with lit buoys, and the timetable returns to four "
            + "crossings a day from Monday, weather permitting, with a late boat on Fridays.</p>"
            + "<p>Residents of the outer islands had relied on the lifeboat for medicine deliveries during "
            + "the closure, which lasted nineteen days and cut off the only school on the islands.</p>"
            + "</article><footer>© Coast Courier</footer></body></html>";

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;
    private LoopbackHttpServer pages;
    private TestGuild second;
    private String addedId;
    private Path data;

    @BeforeAll
    void start(@TempDir Path data) throws IOException {
        this.data = data;
        pages = new LoopbackHttpServer().html("/ferries", ARTICLE);
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Reading Group")
                        .textChannel("general")
                        .textChannel("mod-log")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("alice")
                        .member("mod", "Moderator")
                        .build())
                .guild(TestGuild.builder("Other Server")
                        .textChannel("lobby")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("bob")
                        .member("boss", "Moderator")
                        .build())
                .start();
        second = discord.guilds().get(1);
        citebot = CitebotOnFakeDiscord.start(
                discord,
                data,
                Map.of(
                        "CITEBOT_DISCORD_GUILDS",
                        discord.guild().id() + "," + second.id(),
                        "CITEBOT_SOURCES_FETCH_ALLOW_LOOPBACK",
                        "true",
                        "CITEBOT_SOURCES_FETCH_ALLOWED_PORTS",
                        String.valueOf(pages.port()),
                        // Curation is tested here; the semantic leg's indexing has its own tests.
                        "CITEBOT_SEARCH_MODE",
                        "lexical"));
        citebot.citebot()
                .guildSettings()
                .setLogChannel(
                        discord.guild().id(),
                        Optional.of(discord.channel("mod-log").id()));
        // Both servers have a digest, so its baseline predates the addition.
        for (TestMember moderator : List.of(discord.mod(), second.member("boss"))) {
            TestChannel channel = moderator == discord.mod() ? discord.channel("general") : second.channel("lobby");
            JsonNode setup = discord.slash("digest")
                    .subcommand("setup", Map.of("channel", channel, "time", "08:00", "timezone", "Europe/Berlin"))
                    .in(channel)
                    .as(moderator)
                    .awaitResponseMessage();
            assertThat(setup.path("content").asText()).contains("Daily digest on");
        }
    }

    @AfterEach
    void everythingSentPingsNoOneAndFitsDiscord() {
        WireChecks.assertNothingCouldPing(discord);
        WireChecks.assertNothingRefused(discord, request -> false);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            CitebotOnFakeDiscord.stopBoth(citebot, discord);
        } finally {
            pages.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("A member without Manage Server is refused privately and nothing is fetched")
    void add_byPlainMember_refusedWithoutFetching() {
        JsonNode refusal = discord.slash("sources")
                .subcommand("add", Map.of("url", url()))
                .as(discord.alice())
                .awaitResponseMessage();

        assertThat(isPrivate(refusal)).isTrue();
        assertThat(refusal.path("content").asText()).startsWith("Only moderators can use /sources add");
        assertThat(pages.requestsFor("/ferries")).isZero();
    }

    @Test
    @Order(2)
    @DisplayName("Cancel under a preview adds nothing")
    void add_previewThenCancel_addsNothing() {
        JsonNode preview = preview();

        JsonNode cancelled = discord.button(WireChecks.buttonId(preview, "sources:cancel:"), preview)
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("content").asText().equals("Not added."), Duration.ofSeconds(10));

        assertThat(isPrivate(cancelled)).isTrue();
        assertThat(search(discord.alice(), discord.channel("general"), "quillwort"))
                .doesNotContain(TITLE);
    }

    private JsonNode preview() {
        return discord.slash("sources")
                .subcommand("add", Map.of("url", url(), "author", "I. Calloway"))
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(20));
    }

    @Test
    @Order(3)
    @DisplayName("A moderator's preview, then Add to corpus: searchable, listed, in the digest, in the log")
    void add_previewThenConfirm_searchableListedInDigestAndLogged() {
        JsonNode preview = preview();

        assertThat(isPrivate(preview)).isTrue();
        assertThat(preview.path("content").asText()).contains("Preview of the article");
        JsonNode card = preview.path("embeds").get(0);
        assertThat(card.path("title").asText()).isEqualTo(TITLE);
        assertThat(card.path("description").asText()).contains("quillwort ferry crossed");
        assertThat(card.path("footer").path("text").asText())
                .as("the moderator's author replaces the page's")
                .contains("I. Calloway")
                .contains("HTML")
                .contains("3 paragraphs");
        assertThat(search(discord.alice(), discord.channel("general"), "quillwort"))
                .as("nothing is added before the button")
                .doesNotContain(TITLE);

        String addButton = WireChecks.buttonId(preview, "sources:add:");
        InteractionHandle confirm = discord.button(addButton, preview).as(discord.mod());
        JsonNode added = confirm.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Added"), Duration.ofSeconds(20));

        assertThat(added.path("content").asText().replace("\\", ""))
                .contains(TITLE)
                .contains("searchable now");
        assertThat(search(discord.alice(), discord.channel("general"), "quillwort saltmarsh"))
                .contains(TITLE);
        String list = sourcesList(discord.alice(), discord.channel("general"));
        assertThat(list)
                .contains(TITLE)
                .contains("added by member id " + discord.mod().id());
        assertThat(digestPreview(discord.alice(), discord.channel("general"))).contains(TITLE);
        String note = discord.awaitChannelMessage(
                        discord.channel("mod-log").id(),
                        m -> m.path("content").asText().contains("Source added"))
                .path("content")
                .asText()
                .replace("\\", "");
        assertThat(note).contains(discord.mod().id()).contains(TITLE).contains(url());

        JsonNode again = discord.button(addButton, preview)
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("content").asText().contains("expired"), Duration.ofSeconds(10));
        assertThat(again.path("content").asText()).as("one preview adds once").contains("already answered");

        JsonNode choices = discord.autocomplete("sources", "document", "saltmarsh")
                .inSubcommand("remove")
                .as(discord.mod())
                .awaitCallback();
        addedId = choices.at("/data/choices/0/value").asText();
        assertThat(addedId).startsWith("web-");
    }

    @Test
    @Order(4)
    @DisplayName("Another server sees none of it: not in its searches, its /sources, its digest or its autocomplete")
    void otherServer_seesNothingOfTheFirstServersArticle() {
        TestChannel lobby = second.channel("lobby");

        assertThat(search(second.member("bob"), lobby, "quillwort saltmarsh")).doesNotContain(TITLE);
        assertThat(sourcesList(second.member("bob"), lobby)).doesNotContain(TITLE);
        assertThat(digestPreview(second.member("bob"), lobby)).doesNotContain(TITLE);
        JsonNode choices = discord.autocomplete("sources", "document", "saltmarsh")
                .inSubcommand("remove")
                .in(lobby)
                .as(second.member("boss"))
                .awaitCallback();
        assertThat(choices.at("/data/choices")).isEmpty();
        // The title the first server's members are offered as they type is not offered here.
        assertThat(queryChoices(discord.alice(), discord.channel("general"))).contains(TITLE);
        assertThat(queryChoices(second.member("bob"), lobby)).doesNotContain(TITLE);
        // Nor does a misspelling get corrected to a word only the article uses.
        assertThat(search(discord.alice(), discord.channel("general"), "quillwurt"))
                .contains("quillwort");
        assertThat(search(second.member("bob"), lobby, "quillwurt")).doesNotContain("quillwort");
        JsonNode removal = discord.slash("sources")
                .subcommand("remove", Map.of("document", addedId))
                .in(lobby)
                .as(second.member("boss"))
                .awaitResponseMessage();
        assertThat(removal.path("content").asText()).startsWith("No article this server added");
        assertThat(search(discord.alice(), discord.channel("general"), "quillwort"))
                .as("still there for the first server")
                .contains(TITLE);
    }

    @Test
    @Order(5)
    @DisplayName("A lost index folder: the restart rebuilds the added article from the store, fetching nothing")
    void lostIndex_restartRebuildsTheArticleFromTheStoreOffline() {
        long fetched = pages.requestsFor("/ferries");

        citebot.restart(() -> deleteRecursively(data.resolve("index")));

        assertThat(search(discord.alice(), discord.channel("general"), "quillwort saltmarsh"))
                .contains(TITLE);
        assertThat(pages.requestsFor("/ferries")).as("no network access").isEqualTo(fetched);
    }

    @Test
    @Order(6)
    @DisplayName("Remove takes the article out of searches and /sources, and the log says who removed it")
    void remove_byModerator_goneFromSearchAndList() {
        JsonNode removed = discord.slash("sources")
                .subcommand("remove", Map.of("document", addedId))
                .as(discord.mod())
                .awaitResponseMessage();

        assertThat(removed.path("content").asText().replace("\\", ""))
                .startsWith("Removed")
                .contains(TITLE);
        assertThat(search(discord.alice(), discord.channel("general"), "quillwort saltmarsh"))
                .doesNotContain(TITLE);
        assertThat(sourcesList(discord.alice(), discord.channel("general"))).doesNotContain(TITLE);
        assertThat(discord.awaitChannelMessage(
                                discord.channel("mod-log").id(),
                                m -> m.path("content").asText().contains("Source removed"))
                        .path("content")
                        .asText())
                .contains(discord.mod().id());
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + pages.port() + "/ferries";
    }

    /** Everything a search answer shows, as text. */
    private String search(TestMember member, TestChannel channel, String query) {
        return discord.slash("search", Map.of("query", query, "private", true))
                .in(channel)
                .as(member)
                .awaitResponseMessage()
                .toString();
    }

    private String sourcesList(TestMember member, TestChannel channel) {
        return discord.slash("sources")
                .subcommand("list", Map.of())
                .in(channel)
                .as(member)
                .awaitResponseMessage()
                .toString();
    }

    private String digestPreview(TestMember member, TestChannel channel) {
        return discord.slash("digest")
                .subcommand("preview", Map.of())
                .in(channel)
                .as(member)
                .awaitResponseMessage(
                        m -> !m.path("content").asText("").isEmpty()
                                || m.path("embeds").size() > 0,
                        Duration.ofSeconds(10))
                .toString();
    }

    /** What /search offers as {@code member} types the start of the added article's title in {@code channel}. */
    private List<String> queryChoices(TestMember member, TestChannel channel) {
        JsonNode choices = discord.autocomplete("search", "query", "Saltmarsh ferr")
                .in(channel)
                .as(member)
                .awaitCallback();
        List<String> names = new ArrayList<>();
        choices.at("/data/choices")
                .forEach(choice -> names.add(choice.path("name").asText()));
        return names;
    }
}
