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

/** The per-user search limit as a member meets it, with {@code CITEBOT_RATE_LIMIT_SEARCHES=2}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RateLimitOverTheWireTest {

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @BeforeEach
    void start(@TempDir Path data) {
        discord = FakeDiscord.start();
        citebot = CitebotOnFakeDiscord.start(
                discord, data, Map.of("CITEBOT_RATE_LIMIT_SEARCHES", "2", "CITEBOT_RATE_LIMIT_WINDOW", "60s"));
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
}
