package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citebot.e2e.WireChecks.isPrivate;
import static org.citebot.e2e.WireChecks.timeToCallback;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.Fault;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.RecordedRequest;
import org.citebot.testing.LogCapture;
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
 * A member's view of citebot over the wire: the real app and the real JDA client against the fake
 * Discord, searching the seed corpus. One app serves the whole class; after every test, everything
 * citebot has sent so far must be unable to ping anyone and accepted by Discord.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SearchOverTheWireTest {

    private static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);

    private LogCapture logs;
    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;
    /** Requests a test made Discord refuse on purpose (the injected 429s). */
    private final List<RecordedRequest> provoked = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path data) {
        logs = LogCapture.attach();
        discord = FakeDiscord.start();
        // Searches here are quick and many; the rate limit has its own test class.
        citebot = CitebotOnFakeDiscord.start(discord, data, Map.of("CITEBOT_RATE_LIMIT_SEARCHES", "1000"));
    }

    @AfterEach
    void everythingSentSoFarPingsNoOneAndFitsDiscord() {
        WireChecks.assertNothingCouldPing(discord);
        WireChecks.assertNothingRefused(discord, provoked::contains);
    }

    @AfterAll
    void stop() {
        try {
            if (citebot != null) {
                citebot.close();
            }
        } finally {
            if (discord != null) {
                discord.close();
            }
            logs.close();
        }
    }

    @Test
    @DisplayName("/search query:HIMARS is acknowledged within 3 s with the cited passage, its deep link and its source")
    void search_himars_answeredInTimeWithTheCitedPassage() {
        Instant dispatched = Instant.now();
        InteractionHandle search =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());

        assertThat(timeToCallback(discord, search, dispatched)).isLessThan(DISCORD_DEADLINE);
        JsonNode answer = search.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(isPrivate(answer)).as("private by default").isTrue();
        assertThat(answer.path("content").asText()).contains("HIMARS");
        JsonNode passage = answer.path("embeds").get(0);
        assertThat(passage.path("description").asText()).contains("**HIMARS**");
        assertThat(passage.path("url").asText())
                .startsWith(
                        "https://revcom.us/en/usnato-vs-russia-ukraine-war-planning-and-preparing-dangerous-escalations")
                .contains("#:~:text=");
        assertThat(passage.path("footer").path("text").asText()).matches("revcom\\.us( · [^·]+)* · ¶\\d+");
        assertThat(buttonIds(answer)).anyMatch(id -> id.startsWith("search:share:"));
    }

    @Test
    @DisplayName(
            "A question in other words than the text's is answered by meaning: the right passage on the first card")
    void search_paraphraseSharingNoWordWithTheAnswer_firstCardIsTheAnswer() {
        InteractionHandle search = discord.slash(
                        "search",
                        Map.of("query", "Which Scandinavian legislature scrapped a prohibition on atomic arms?"))
                .as(discord.alice());

        JsonNode answer = search.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(20));
        assertThat(answer.path("content").asText()).startsWith("Passages 1–").contains("search by words and meaning");
        assertThat(answer.path("embeds").get(0).path("description").asText()).contains("ban on nuclear weapons");
    }

    @Test
    @DisplayName("A question the corpus does not cover is told so, and the closest passages come under that heading")
    void search_offTopicQuestion_saysNothingAnswersItWell() {
        InteractionHandle search = discord.slash(
                        "search", Map.of("query", "What is the best recipe for sourdough bread?"))
                .as(discord.alice());

        JsonNode answer = search.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Nothing in the corpus answers"), Duration.ofSeconds(20));
        assertThat(answer.path("content").asText()).contains("sourdough bread").contains("well. The closest passages");
    }

    @Test
    @DisplayName("A source without a URL is cited by publisher and date, with no link")
    void search_sourceWithoutUrl_citedByPublisherAndDate() {
        InteractionHandle search =
                discord.slash("search", Map.of("query", "Syrotiuk")).as(discord.alice());

        JsonNode passage = search.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10))
                .path("embeds")
                .get(0);
        assertThat(passage.path("description").asText()).contains("**Syrotiuk**");
        assertThat(passage.has("url")).isFalse();
        assertThat(passage.path("footer").path("text").asText())
                .startsWith("World Socialist Web Site · Johannes Stern · 30 Jun 2026")
                .contains("¶");
    }

    @Test
    @DisplayName("Next ▶ shows the next page in the same message, ◀ Previous goes back")
    void paging_nextThenPrevious_updatesTheAnswerInPlace() {
        InteractionHandle search = discord.slash(
                        "search", new LinkedHashMap<>(Map.of("query", "Ukraine", "results", 1)))
                .as(discord.alice());
        JsonNode firstPage = search.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(firstPage.path("content").asText()).startsWith("Passages 1–1 of ");

        InteractionHandle next = discord.button(buttonEndingWith(firstPage, ":1", "search:page:"), firstPage)
                .as(discord.alice());
        JsonNode secondPage = next.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Passages 2–2 of "), Duration.ofSeconds(10));
        assertThat(secondPage.path("id").asText())
                .as("the same message")
                .isEqualTo(firstPage.path("id").asText());
        assertThat(next.awaitCallbackType()).isIn(6, 7);
        assertThat(secondPage.path("embeds").get(0).path("description").asText())
                .isNotEqualTo(
                        firstPage.path("embeds").get(0).path("description").asText());

        InteractionHandle previous = discord.button(buttonEndingWith(secondPage, ":0", "search:page:"), secondPage)
                .as(discord.alice());
        JsonNode backAgain = previous.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Passages 1–1 of "), Duration.ofSeconds(10));
        assertThat(backAgain.path("embeds")).isEqualTo(firstPage.path("embeds"));
    }

    @Test
    @DisplayName(
            "Share in channel posts the same passages publicly once, confirms privately, and refuses a second share")
    void share_privateAnswer_postedOnceInTheChannel() {
        InteractionHandle search =
                discord.slash("search", Map.of("query", "Kherson")).as(discord.alice());
        JsonNode answer = search.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(isPrivate(answer)).isTrue();
        String share = buttonEndingWith(answer, ":0", "search:share:");
        int postsBefore = publicPostsBy(discord.bot().userId()).size();

        InteractionHandle first = discord.button(share, answer).as(discord.alice());
        JsonNode confirmation = first.awaitFollowups(1).get(0);
        assertThat(confirmation.path("content").asText()).isEqualTo("Shared in the channel.");
        assertThat(isPrivate(confirmation)).isTrue();
        List<JsonNode> posts = publicPostsBy(discord.bot().userId());
        assertThat(posts).hasSize(postsBefore + 1);
        JsonNode post = posts.get(posts.size() - 1);
        assertThat(isPrivate(post)).isFalse();
        assertThat(descriptions(post)).isEqualTo(descriptions(answer)).isNotEmpty();

        InteractionHandle second = discord.button(share, answer).as(discord.alice());
        JsonNode refusal = second.awaitResponseMessage();
        assertThat(refusal.path("content").asText()).isEqualTo("This page of results has already been shared.");
        assertThat(isPrivate(refusal)).isTrue();
        assertThat(publicPostsBy(discord.bot().userId())).hasSize(postsBefore + 1);
    }

    @Test
    @DisplayName(
            "Next ▶ on a shared answer gives the presser a private copy of page 2; the shared post stays as it was")
    void paging_someoneElsesSharedAnswer_answersThePresserPrivately() {
        JsonNode answer = discord.slash("search", new LinkedHashMap<>(Map.of("query", "Ukraine", "results", 1)))
                .as(discord.alice())
                .awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        discord.button(buttonEndingWith(answer, ":0", "search:share:"), answer)
                .as(discord.alice())
                .awaitFollowups(1);
        List<JsonNode> posts = publicPostsBy(discord.bot().userId());
        JsonNode post = posts.get(posts.size() - 1);
        assertThat(buttonIds(post))
                .as("a shared answer offers no sharing")
                .noneMatch(id -> id.startsWith("search:share:"));

        InteractionHandle press = discord.button(buttonEndingWith(post, ":1", "search:page:"), post)
                .as(discord.mod());

        JsonNode copy = press.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(press.awaitCallbackType())
                .as("a new message, not an edit of the post")
                .isIn(4, 5);
        assertThat(isPrivate(copy)).isTrue();
        assertThat(copy.path("id").asText()).isNotEqualTo(post.path("id").asText());
        assertThat(copy.path("content").asText()).startsWith("Passages 2–2 of ");
        assertThat(buttonIds(copy))
                .as("the copy is the presser's own private answer")
                .anyMatch(id -> id.startsWith("search:share:"));
        JsonNode postNow = discord.channelMessages().stream()
                .filter(m -> m.path("id").asText().equals(post.path("id").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(postNow.path("content")).isEqualTo(post.path("content"));
        assertThat(postNow.path("components")).isEqualTo(post.path("components"));
        assertThat(publicPostsBy(discord.bot().userId())).hasSameSizeAs(posts);

        InteractionHandle ownNext = discord.button(buttonEndingWith(copy, ":2", "search:page:"), copy)
                .as(discord.mod());
        JsonNode ownThird = ownNext.awaitResponseMessage(
                m -> m.path("content").asText().startsWith("Passages 3–3 of "), Duration.ofSeconds(10));
        assertThat(ownThird.path("id").asText())
                .as("their own copy pages in place")
                .isEqualTo(copy.path("id").asText());
    }

    @Test
    @DisplayName("Autocomplete for query and source offers at most 25 seed titles and publishers, well inside 3 s")
    void autocomplete_queryAndSource_offerSeedTitlesAndPublishers() {
        Instant dispatched = Instant.now();
        InteractionHandle query =
                discord.autocomplete("search", "query", "NATO").as(discord.alice());
        assertThat(timeToCallback(discord, query, dispatched)).isLessThan(Duration.ofSeconds(2));
        JsonNode queryChoices = query.awaitCallback().path("data").path("choices");
        assertThat(queryChoices.size()).isBetween(1, 25);
        assertThat(names(queryChoices)).anyMatch(name -> name.contains("U.S./NATO vs. Russia in Ukraine War"));

        dispatched = Instant.now();
        InteractionHandle source = discord.autocomplete("search", "source", "").as(discord.alice());
        assertThat(timeToCallback(discord, source, dispatched)).isLessThan(Duration.ofSeconds(2));
        JsonNode sourceChoices = source.awaitCallback().path("data").path("choices");
        assertThat(sourceChoices.size()).isBetween(1, 25);
        assertThat(names(sourceChoices))
                .anyMatch(name -> name.contains("revcom.us"))
                .anyMatch(name -> name.contains("World Socialist Web Site"));
    }

    @Test
    @DisplayName("/search source:world, a partial name, is told privately which sources start with it")
    void search_partialSource_namesTheSourcesItStarts() {
        JsonNode answer = discord.slash("search", new LinkedHashMap<>(Map.of("query", "HIMARS", "source", "world")))
                .as(discord.alice())
                .awaitResponseMessage();

        assertThat(answer.path("content").asText())
                .isEqualTo("No source is named “world”. Sources starting with “world”: World Socialist Web Site.");
        assertThat(isPrivate(answer)).isTrue();
        assertThat(answer.path("embeds")).isEmpty();
    }

    @Test
    @DisplayName("“Find sources” on a message about HIMARS answers privately with the passage")
    void findSources_messageMentioningHimars_privateAnswerWithPassages() {
        InteractionHandle find = discord.messageCommand("Find sources", "Did the HIMARS really change the war?")
                .as(discord.alice());

        JsonNode answer = find.awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(isPrivate(answer)).isTrue();
        assertThat(descriptions(answer)).anyMatch(text -> text.contains("**HIMARS**"));
    }

    @Test
    @DisplayName("Markdown and mentions in a query are shown as typed and ping no one")
    void search_hostileQuery_answeredWithoutFormattingOrPings() {
        String roleId = discord.guild().roleNamed("Moderator").id();
        String query = "**x** __y__ ||z|| [a](http://e.com) @everyone <@&" + roleId + "> <@"
                + discord.mod().id() + ">";

        JsonNode answer = discord.slash("search", Map.of("query", query))
                .as(discord.alice())
                .awaitResponseMessage();

        String content = answer.path("content").asText();
        assertThat(content).doesNotContain("**x**", "[a](http://e.com)", "<@&" + roleId + ">");
        assertThat(answer.path("mentions")).isEmpty();
        assertThat(answer.path("mention_roles")).isEmpty();
        assertThat(answer.path("mention_everyone").asBoolean()).isFalse();
    }

    @Test
    @DisplayName(
            "A query at the option's 1000-character maximum, or 10,000 characters, still gets a reply within the limits")
    void search_overlongQueries_answered() {
        String atMaximum = ("HIMARS Kherson " + "escalation ".repeat(100)).substring(0, 1000);
        String huge = "Ukraine ".repeat(1250);

        JsonNode maxAnswer = discord.slash("search", Map.of("query", atMaximum))
                .as(discord.alice())
                .awaitResponseMessage();
        JsonNode hugeAnswer = discord.slash("search", Map.of("query", huge))
                .as(discord.alice())
                .awaitResponseMessage();
        InteractionHandle hugeSuggestion =
                discord.autocomplete("search", "query", huge).as(discord.alice());

        assertThat(maxAnswer.path("content").asText()).isNotBlank().hasSizeLessThan(2000);
        assertThat(hugeAnswer.path("content").asText()).isNotBlank().hasSizeLessThan(2000);
        assertThat(hugeSuggestion.awaitCallback().path("data").path("choices"))
                .allSatisfy(choice -> assertThat(choice.path("value").asText()).hasSizeBetween(1, 100));
    }

    @Test
    @DisplayName("After the gateway connection drops, citebot resumes its session and answers the next search")
    void gatewayDropped_resumesAndAnswers() {
        int resumesBefore = discord.gateway().received(6).size();

        discord.dropGatewayConnection();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> discord.gateway().received(6).size() > resumesBefore
                        && discord.gateway().sentDispatchNames().contains("RESUMED")
                        && discord.gateway().isConnected());
        JsonNode answer = discord.slash("search", Map.of("query", "HIMARS"))
                .as(discord.alice())
                .awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        assertThat(descriptions(answer)).anyMatch(text -> text.contains("**HIMARS**"));
    }

    @Test
    @DisplayName("A 429 with Retry-After on the share confirmation delays it but it still arrives")
    void rateLimitedFollowUp_retriedAndDelivered() {
        JsonNode answer = discord.slash("search", Map.of("query", "Austin"))
                .as(discord.alice())
                .awaitResponseMessage(hasEmbeds(), Duration.ofSeconds(10));
        discord.failNext("POST", "webhooks/.*", 1, Fault.rateLimited(Duration.ofSeconds(1)));

        InteractionHandle share = discord.button(buttonEndingWith(answer, ":0", "search:share:"), answer)
                .as(discord.alice());

        JsonNode confirmation = share.awaitFollowups(1).get(0);
        assertThat(confirmation.path("content").asText()).isEqualTo("Shared in the channel.");
        List<RecordedRequest> limited = discord.requests("POST", "webhooks/.*").stream()
                .filter(r -> r.status() == 429)
                .toList();
        assertThat(limited).hasSize(1);
        provoked.addAll(limited);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    @DisplayName("The bot token appears in no log line of the whole run and in nothing sent to Discord")
    void token_neverLoggedNorSent() {
        List<String> lines = logs.lines();

        assertThat(lines).as("log lines captured").anyMatch(line -> line.startsWith("Connected to Discord as"));
        assertThat(lines).noneMatch(line -> line.contains(discord.token()));
        WireChecks.assertTokenInNoBody(discord);
    }

    // ---- helpers

    private static java.util.function.Predicate<JsonNode> hasEmbeds() {
        return message -> message.path("embeds").size() > 0;
    }

    private List<JsonNode> publicPostsBy(String authorId) {
        return discord.channelMessages().stream()
                .filter(m -> m.path("author").path("id").asText().equals(authorId))
                .filter(m -> !m.has("interaction_metadata"))
                .toList();
    }

    private static List<String> descriptions(JsonNode message) {
        List<String> texts = new ArrayList<>();
        message.path("embeds")
                .forEach(embed -> texts.add(embed.path("description").asText()));
        return texts;
    }

    private static List<String> names(JsonNode choices) {
        List<String> names = new ArrayList<>();
        choices.forEach(choice -> names.add(choice.path("name").asText()));
        return names;
    }

    private static List<String> buttonIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        for (JsonNode row : message.path("components")) {
            for (JsonNode button : row.path("components")) {
                if (button.has("custom_id")) {
                    ids.add(button.path("custom_id").asText());
                }
            }
        }
        return ids;
    }

    private static String buttonEndingWith(JsonNode message, String suffix, String prefix) {
        return buttonIds(message).stream()
                .filter(id -> id.startsWith(prefix) && id.endsWith(suffix))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no button " + prefix + "…" + suffix + " in " + buttonIds(message)));
    }
}
