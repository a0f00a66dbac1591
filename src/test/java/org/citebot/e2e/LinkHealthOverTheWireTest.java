package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.TestGuild;
import org.citebot.fetch.LoopbackHttpServer;
import org.citebot.sources.LinkChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link check over the wire: of four added articles, one page changes, one moves (301) and one
 * disappears (404); {@code /sources} marks the three, and the server's moderator log gets one
 * summary naming them, not one message per link.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LinkHealthOverTheWireTest {

    @TempDir
    Path data;

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;
    private LoopbackHttpServer pages;

    @AfterEach
    void stop() throws IOException {
        try {
            CitebotOnFakeDiscord.stopBoth(citebot, discord);
        } finally {
            if (pages != null) {
                pages.close();
            }
        }
    }

    @Test
    @DisplayName("A changed, a moved and a gone page show in /sources and in one moderator-log summary")
    void changedMovedGone_markedInSourcesAndOneSummary() throws Exception {
        pages = new LoopbackHttpServer()
                .html("/changes", article("Lighthouse keepers return", "The lamp was relit"))
                .html("/moves", article("Dune fencing works", "Volunteers planted marram grass"))
                .html("/gone", article("Oyster beds recover", "The oyster survey counted spat"))
                .html("/stays", article("Seal pups counted", "Wardens counted the grey seal pups"));
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Reading Group")
                        .textChannel("general")
                        .textChannel("mod-log")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("alice")
                        .member("mod", "Moderator")
                        .build())
                .start();
        citebot = CitebotOnFakeDiscord.start(
                discord,
                data,
                Map.of(
                        "CITEBOT_SOURCES_FETCH_ALLOW_LOOPBACK", "true",
                        "CITEBOT_SOURCES_FETCH_ALLOWED_PORTS", String.valueOf(pages.port()),
                        "CITEBOT_SOURCES_LINK_CHECK_HOST_SPACING", "0s",
                        "CITEBOT_SEARCH_MODE", "lexical"));
        citebot.citebot()
                .guildSettings()
                .setLogChannel(
                        discord.guild().id(),
                        Optional.of(discord.channel("mod-log").id()));
        for (String path : List.of("/changes", "/moves", "/gone", "/stays")) {
            add(path);
        }
        assertThat(citebot.citebot().checkLinks()).as("all alive at first").isEmpty();

        pages.html("/changes", article("Lighthouse keepers return", "The lamp stays dark this winter"))
                .on("/moves", "301 Moved Permanently", "Location: " + url("/dunes") + "\r\n", new byte[0])
                .on("/gone", "404 Not Found", "Content-Type: text/plain\r\n", "gone".getBytes(StandardCharsets.UTF_8));
        List<LinkChecker.Finding> findings = citebot.citebot().checkLinks();

        assertThat(findings)
                .extracting(f -> f.source().title() + " " + f.health().status().key())
                .containsExactlyInAnyOrder(
                        "Lighthouse keepers return changed", "Dune fencing works moved", "Oyster beds recover gone");
        JsonNode list = discord.slash("sources")
                .subcommand("list", Map.of())
                .as(discord.alice())
                .awaitResponseMessage();
        assertThat(cardFooter(list, "Lighthouse keepers return")).contains("⚠ link changed");
        assertThat(cardFooter(list, "Dune fencing works")).contains("⚠ link moved");
        assertThat(cardFooter(list, "Oyster beds recover")).contains("⚠ link gone");
        assertThat(cardFooter(list, "Seal pups counted")).doesNotContain("⚠");

        JsonNode summary = discord.awaitChannelMessage(
                discord.channel("mod-log").id(), m -> m.path("content").asText().contains("Link check"));
        assertThat(summary.path("content").asText().replace("\\", ""))
                .contains("3 sources broke or changed")
                .contains("Lighthouse keepers return")
                .contains("moved to " + url("/dunes"))
                .contains("gone (the site answered 404)")
                .doesNotContain("Seal pups");
        assertThat(citebot.citebot().checkLinks())
                .as("a second run reports nothing new")
                .isEmpty();
        assertThat(discord.channelMessages(discord.channel("mod-log").id()))
                .filteredOn(m -> m.path("content").asText().contains("Link check"))
                .as("one summary per run, none for a run that found nothing new")
                .hasSize(1);

        String id = discord.autocomplete("sources", "document", "lighthouse")
                .inSubcommand("refresh")
                .as(discord.mod())
                .awaitCallback()
                .at("/data/choices/0/value")
                .asText();
        JsonNode refreshed = discord.slash("sources")
                .subcommand("refresh", Map.of("document", id))
                .as(discord.mod())
                .awaitResponseMessage(m -> !m.path("content").asText().isEmpty(), Duration.ofSeconds(20));
        assertThat(refreshed.path("content").asText().replace("\\", ""))
                .startsWith("Refreshed")
                .contains("searchable now");
        JsonNode fresh = firstCard(search("lamp stays dark this winter"));
        assertThat(fresh.path("title").asText()).isEqualTo("Lighthouse keepers return");
        assertThat(fresh.path("url").asText()).as(fresh.toString()).contains("#:~:text=");
        JsonNode after = discord.slash("sources")
                .subcommand("list", Map.of())
                .as(discord.alice())
                .awaitResponseMessage();
        assertThat(cardFooter(after, "Lighthouse keepers return")).doesNotContain("⚠");
    }

    private JsonNode search(String query) {
        return discord.slash("search", Map.of("query", query, "private", true))
                .as(discord.alice())
                .awaitResponseMessage();
    }

    private static JsonNode firstCard(JsonNode answer) {
        assertThat(answer.path("embeds")).as(answer.toString()).isNotEmpty();
        return answer.path("embeds").get(0);
    }

    private void add(String path) {
        JsonNode preview = discord.slash("sources")
                .subcommand("add", Map.of("url", url(path)))
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(20));
        discord.button(WireChecks.buttonId(preview, "sources:add:"), preview)
                .as(discord.mod())
                .awaitResponseMessage(m -> m.path("content").asText().startsWith("Added"), Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + pages.port() + path;
    }

    /** The footer of the card titled {@code title} in a /sources page. */
    private static String cardFooter(JsonNode page, String title) {
        for (JsonNode embed : page.path("embeds")) {
            if (embed.path("title").asText().equals(title)) {
                return embed.path("footer").path("text").asText();
            }
        }
        throw new AssertionError("no card titled " + title + " in " + page.path("embeds"));
    }

    private static String article(String title, String opening) {
        return "<html lang=\"en\"><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>"
                + opening + " on the north shore this week, the harbour office said. "
                + "Local groups have kept records of the coast for forty years, and their notebooks show how "
                + "much the shoreline has moved since the first survey.</p><p>"
                + "Visitors are asked to keep to the marked paths and to leave dogs at home during the season, "
                + "when the colony is most easily disturbed by noise.</p></article></body></html>";
    }
}
