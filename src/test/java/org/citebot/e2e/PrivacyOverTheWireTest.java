package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose questions others may see, over the wire: nobody's in direct messages, and in a server only
 * questions asked publicly there by three different members, in autocomplete and in the digest's
 * "Most asked". One app serves the class; each test asks its own questions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivacyOverTheWireTest {

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @BeforeAll
    void start(@TempDir Path data) {
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Reading Group")
                        .textChannel("general")
                        .textChannel("news")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("alice")
                        .member("bob")
                        .member("carol")
                        .member("dave")
                        .member("mod", "Moderator")
                        .build())
                .start();
        citebot = CitebotOnFakeDiscord.start(
                discord,
                data,
                Map.of(
                        "CITEBOT_RATE_LIMIT_SEARCHES", "1000",
                        "CITEBOT_RATE_LIMIT_AUTOCOMPLETE", "1000",
                        "CITEBOT_RATE_LIMIT_DIGEST_PREVIEWS", "1000"));
        JsonNode setup = discord.slash("digest")
                .subcommand(
                        "setup",
                        Map.of("channel", discord.channel("news"), "time", "08:00", "timezone", "Europe/Berlin"))
                .as(discord.mod())
                .awaitResponseMessage();
        assertThat(setup.path("content").asText()).contains("Daily digest on");
    }

    @AfterEach
    void everythingSentSoFarPingsNoOneAndFitsDiscord() {
        WireChecks.assertNothingCouldPing(discord);
        WireChecks.assertNothingRefused(discord, request -> false);
    }

    @AfterAll
    void stop() {
        CitebotOnFakeDiscord.stopBoth(citebot, discord);
    }

    @Test
    @DisplayName("In direct messages, one user's question is never offered to another as they type")
    void directMessages_noUserSeesAnothersQuestion() {
        TestMember stranger = TestMember.named("erin");
        JsonNode answer = discord.slash("search", Map.of("query", "HIMARS Kherson counteroffensive"))
                .inDirectMessage()
                .as(discord.member("alice"))
                .awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(answer.path("channel_id").asText()).isEqualTo(discord.dmChannelId(discord.member("alice")));

        String question = citebot.citebot().engine().search().normalize("HIMARS Kherson counteroffensive");
        List<String> offered = choices(discord.autocomplete("search", "query", question.substring(0, 8))
                .inDirectMessage()
                .as(stranger)
                .awaitCallback());
        List<String> titles = choices(discord.autocomplete("search", "query", "NATO")
                .inDirectMessage()
                .as(stranger)
                .awaitCallback());

        assertThat(offered).doesNotContain(question);
        assertThat(titles).as("titles are still offered in DMs").isNotEmpty();
    }

    @Test
    @DisplayName("Private searches in a server, even by three members, reach neither autocomplete nor “Most asked”")
    void privateSearches_neverSuggestedNorInTheDigest() {
        for (String member : List.of("alice", "bob", "carol")) {
            JsonNode answer = search("Ukraine grain deal", member, true);
            assertThat(isPrivate(answer)).isTrue();
        }

        String question = citebot.citebot().engine().search().normalize("Ukraine grain deal");
        assertThat(suggestedToDave(question.substring(0, 9))).doesNotContain(question);
        assertThat(mostAsked()).noneMatch(title -> title.contains(question));
    }

    @Test
    @DisplayName("A public question is offered to others, and in “Most asked”, once three different members asked it")
    void publicQuestion_sharedAfterThreeDifferentMembers() {
        // What the log keeps, and so offers, is the question's normalised (stemmed) form.
        String question = citebot.citebot().engine().search().normalize("HIMARS missiles range");
        String typing = question.substring(0, question.indexOf(' ') + 2);
        search("HIMARS missiles range", "alice", false);
        search("HIMARS missiles range", "alice", false);
        search("HIMARS missiles range", "bob", false);
        assertThat(suggestedToDave(typing)).doesNotContain(question);
        assertThat(mostAsked()).noneMatch(title -> title.contains(question));

        search("HIMARS missiles range", "carol", false);

        assertThat(suggestedToDave(typing)).contains(question);
        assertThat(mostAsked()).singleElement().satisfies(title -> assertThat(title)
                .contains("“" + question + "”")
                .contains("asked 4 times"));
    }

    private JsonNode search(String query, String member, boolean privately) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("query", query);
        options.put("private", privately);
        return discord.slash("search", options)
                .as(discord.member(member))
                .awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
    }

    private List<String> suggestedToDave(String partial) {
        return choices(discord.autocomplete("search", "query", partial)
                .as(discord.member("dave"))
                .awaitCallback());
    }

    /** The titles of the digest preview's "Most asked" cards. */
    private List<String> mostAsked() {
        JsonNode preview = discord.slash("digest")
                .subcommand("preview", Map.of())
                .as(discord.member("dave"))
                .awaitResponseMessage(
                        m -> !m.path("content").asText("").isEmpty()
                                || m.path("embeds").size() > 0,
                        Duration.ofSeconds(10));
        List<String> titles = new ArrayList<>();
        preview.path("embeds").forEach(embed -> titles.add(embed.path("title").asText()));
        return titles.stream().filter(title -> title.startsWith("Most asked")).toList();
    }

    private static List<String> choices(JsonNode callback) {
        assertThat(callback.path("type").asInt()).isEqualTo(8);
        List<String> names = new ArrayList<>();
        callback.path("data")
                .path("choices")
                .forEach(choice -> names.add(choice.path("value").asText()));
        return names;
    }

    private static java.util.function.Predicate<JsonNode> hasEmbeds() {
        return message -> message.path("embeds").size() > 0;
    }
}
