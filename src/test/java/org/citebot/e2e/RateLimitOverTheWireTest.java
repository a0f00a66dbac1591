package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The per-member budgets as a member meets them, each set to 2 per minute. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RateLimitOverTheWireTest {

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @BeforeEach
    void start(@TempDir Path data) {
        discord = FakeDiscord.start();
        citebot = CitebotOnFakeDiscord.start(
                discord,
                data,
                Map.of(
                        "CITEBOT_RATE_LIMIT_SEARCHES", "2",
                        "CITEBOT_RATE_LIMIT_WINDOW", "60s",
                        "CITEBOT_RATE_LIMIT_BUTTONS", "2",
                        "CITEBOT_RATE_LIMIT_AUTOCOMPLETE", "2",
                        "CITEBOT_RATE_LIMIT_LOOKUPS", "2"));
    }

    @AfterEach
    void stop() {
        try {
            WireChecks.assertNothingCouldPing(discord);
            WireChecks.assertNothingRefused(discord, request -> false);
        } finally {
            try {
                citebot.close();
            } finally {
                discord.close();
            }
        }
    }

    @Test
    @DisplayName("The third quick search is told privately when to try again; other members are not held back")
    void thirdQuickSearch_toldPrivatelyWhenToTryAgain() {
        for (String query : new String[] {"HIMARS", "Kherson"}) {
            JsonNode answer = discord.slash("search", Map.of("query", query))
                    .as(discord.alice())
                    .awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(10));
            assertThat(answer.path("content").asText()).contains(query);
        }

        JsonNode third = discord.slash("search", Map.of("query", "Austin"))
                .as(discord.alice())
                .awaitResponseMessage();

        assertThat(third.path("content").asText())
                .matches("You are searching quickly\\. Please try again in \\d+ seconds?\\.");
        assertThat(isPrivate(third)).isTrue();
        assertThat(third.path("embeds")).isEmpty();
        JsonNode someoneElse = discord.slash("search", Map.of("query", "Austin"))
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(10));
        assertThat(someoneElse.path("content").asText()).contains("Austin");
    }

    @Test
    @DisplayName("Paging, autocomplete and /sources each have a budget: over it paging and /sources say so"
            + " privately and autocomplete offers nothing")
    void buttonsAutocompleteAndSources_overTheirBudgets() {
        JsonNode page = discord.slash("search", new java.util.LinkedHashMap<>(Map.of("query", "Ukraine", "results", 1)))
                .as(discord.alice())
                .awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(10));
        for (int next = 1; next <= 2; next++) {
            String expected = "Passages " + (next + 1) + "–" + (next + 1) + " of ";
            page = discord.button(pageButton(page, next), page)
                    .as(discord.alice())
                    .awaitResponseMessage(m -> m.path("content").asText().startsWith(expected), Duration.ofSeconds(10));
        }
        JsonNode refused = discord.button(pageButton(page, 3), page)
                .as(discord.alice())
                .awaitResponseMessage(m -> m.path("content").asText().startsWith("You are"), Duration.ofSeconds(10));
        assertThat(refused.path("content").asText())
                .matches("You are pressing buttons quickly\\. Please try again in \\d+ seconds?\\.");
        assertThat(isPrivate(refused)).isTrue();

        for (int i = 0; i < 2; i++) {
            assertThat(discord.autocomplete("search", "query", "NATO")
                            .as(discord.alice())
                            .awaitCallback()
                            .path("data")
                            .path("choices"))
                    .isNotEmpty();
        }
        JsonNode quiet = discord.autocomplete("search", "query", "NATO")
                .as(discord.alice())
                .awaitCallback();
        assertThat(quiet.path("type").asInt()).isEqualTo(8);
        assertThat(quiet.path("data").path("choices")).isEmpty();

        for (int i = 0; i < 2; i++) {
            assertThat(discord.slash("sources")
                            .as(discord.alice())
                            .awaitResponseMessage()
                            .path("embeds"))
                    .isNotEmpty();
        }
        JsonNode sources = discord.slash("sources").as(discord.alice()).awaitResponseMessage();
        assertThat(sources.path("content").asText()).startsWith("You are running commands quickly.");
        assertThat(isPrivate(sources)).isTrue();
        assertThat(discord.slash("sources")
                        .as(discord.mod())
                        .awaitResponseMessage()
                        .path("embeds"))
                .as("another member's budget is untouched")
                .isNotEmpty();
    }

    private static String pageButton(JsonNode message, int page) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode button : row.path("components")) {
                String id = button.path("custom_id").asText();
                if (id.startsWith("search:page:") && id.endsWith(":" + page)) {
                    return id;
                }
            }
        }
        throw new AssertionError("no button for page " + page + " in " + message.path("components"));
    }
}
