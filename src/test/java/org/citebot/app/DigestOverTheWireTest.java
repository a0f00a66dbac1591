package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.digest.DeliveryOutcome;
import org.citebot.digest.DigestSection;
import org.citebot.digest.MutableClock;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.SentMessage;
import org.citebot.discord.fake.TestChannel;
import org.citebot.discord.fake.TestGuild;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.ReindexRequest;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily digest end to end: the real app (Citebot + DiscordFrontEnd, as {@code citebot run}
 * wires them) on real JDA against the fake Discord, with the clock under the test's control.
 */
class DigestOverTheWireTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T05:00:00Z")); // 07:00 in Berlin
    private FakeDiscord discord;
    private Citebot citebot;
    private DiscordFrontEnd frontEnd;
    private TestChannel news;
    private TestChannel modLog;

    private static TestGuild.Builder readingGroup() {
        return TestGuild.builder("Reading Group")
                .textChannel("general")
                .textChannel("news")
                .textChannel("mod-log")
                .role("Moderator", TestGuild.MANAGE_GUILD)
                .member("alice")
                .member("mod", "Moderator");
    }

    private void start(TestGuild guild) throws Exception {
        discord = FakeDiscord.builder().guild(guild).start();
        news = discord.channel("news");
        modLog = discord.channel("mod-log");
        startBot();
    }

    /** Starts citebot as {@code citebot run} does; again after {@link #stopBot()}, it is a restarted process. */
    private void startBot() throws Exception {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_DISCORD_REST_URL", discord.restUrl(),
                        "CITEBOT_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                        "CITEBOT_DISCORD_GUILDS", discord.guild().id(),
                        "CITEBOT_CORPUS_DIR", System.getProperty("citebot.seeds", "seeds"),
                        "CITEBOT_INDEX_DIR", dir.resolve("index").toString(),
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(),
                        "CITEBOT_MODERATORS_LOG_CHANNEL", modLog.id()))
                .load(Optional.empty(), false);
        citebot = Citebot.start(config, clock);
        frontEnd = DiscordFrontEnd.start(citebot, discord.token());
    }

    private void stopBot() throws Exception {
        if (frontEnd != null) {
            frontEnd.close();
            frontEnd = null;
        }
        if (citebot != null) {
            citebot.close();
            citebot = null;
        }
    }

    @AfterEach
    void stop() throws Exception {
        stopBot();
        if (discord != null) {
            discord.close();
        }
    }

    private JsonNode digest(String subcommand, Map<String, ?> options, String member) {
        return discord.slash("digest")
                .subcommand(subcommand, options)
                .as(discord.member(member))
                .awaitResponseMessage(
                        m -> !m.path("content").asText("").isEmpty()
                                || m.path("embeds").size() > 0,
                        Duration.ofSeconds(10));
    }

    private List<SentMessage> digestPosts(String channelId) {
        return discord.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CHANNEL_MESSAGE
                        && m.channelId().equals(channelId))
                .toList();
    }

    private static List<String> titles(JsonNode message) {
        return StreamSupport.stream(message.path("embeds").spliterator(), false)
                .map(e -> e.path("title").asText())
                .toList();
    }

    @Test
    void setupPreviewNow_thenTheScheduledPostArrivesOnce() throws Exception {
        start(readingGroup().build());
        // Shown in "Most asked" once three members asked it publicly; unanswered ones go to moderators.
        for (String asker : List.of("1", "2", "3")) {
            citebot.queryLog()
                    .recordPublic(
                            "himars",
                            discord.guild().id(),
                            asker,
                            clock.instant().minusSeconds(600),
                            2);
        }
        citebot.queryLog()
                .recordPublic(
                        "moon cheese",
                        discord.guild().id(),
                        "1",
                        clock.instant().minusSeconds(200),
                        0);

        JsonNode refused =
                digest("setup", Map.of("channel", news, "time", "08:00", "timezone", "Europe/Berlin"), "alice");
        assertThat(refused.path("content").asText()).contains("Only moderators");

        JsonNode zones = discord.autocomplete("digest", "timezone", "berl")
                .inSubcommand("setup")
                .as(discord.mod())
                .awaitCallback();
        assertThat(zones.path("type").asInt()).isEqualTo(8);
        assertThat(zones.at("/data/choices/0/value").asText()).isEqualTo("Europe/Berlin");

        JsonNode setup = digest("setup", Map.of("channel", news, "time", "08:00", "timezone", "Europe/Berlin"), "mod");
        assertThat(setup.path("content").asText()).contains("Daily digest on").contains("08:00 Europe/Berlin");
        assertThat(setup.path("flags").asInt() & 64).isEqualTo(64);

        JsonNode preview = digest("preview", Map.of(), "alice");
        assertThat(preview.path("flags").asInt() & 64).as("preview is private").isEqualTo(64);
        assertThat(titles(preview))
                .anyMatch(t -> t.startsWith("Most asked · “himars”"))
                .anyMatch(t -> t.startsWith("Passage of the day · "));
        assertThat(digestPosts(news.id())).isEmpty();

        JsonNode now = digest("now", Map.of(), "mod");
        JsonNode posted = discord.awaitChannelMessage(
                news.id(), m -> m.path("content").asText().contains("Daily digest"));
        String link = "https://discord.com/channels/" + discord.guild().id() + "/" + news.id() + "/"
                + posted.path("id").asText();
        assertThat(now.path("content").asText()).contains(link);
        assertThat(titles(posted)).isEqualTo(titles(preview));
        SentMessage sent = digestPosts(news.id()).get(0);
        assertThat(sent.payload().at("/allowed_mentions/parse")).isEmpty();
        assertThat(sent.payload().path("nonce").asText()).hasSizeBetween(1, 25);
        assertThat(sent.payload().path("enforce_nonce").asBoolean()).isTrue();
        assertThat(sent.payload().path("flags").asInt() & 4096).as("silent").isEqualTo(4096);
        // Unanswered questions went to the moderators' channel only.
        JsonNode unanswered =
                discord.awaitChannelMessage(modLog.id(), m -> m.toString().contains("moon cheese"));
        assertThat(unanswered.at("/allowed_mentions/parse")).isEmpty();
        assertThat(posted.toString()).doesNotContain("moon cheese");

        JsonNode again = digest("now", Map.of(), "mod");
        assertThat(again.path("content").asText()).contains("already posted").contains(link);
        assertThat(digestPosts(news.id())).hasSize(1);
        assertThat(discord.requests("POST", "channels/.*/messages"))
                .as("one send to news, one to mod-log")
                .hasSize(2);
        assertThat(citebot.metrics().scrape()).as("both posts counted").contains("citebot_digest_posts_total 2.0");

        // 08:00 the same day: today's digest is already out, so nothing more.
        clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        citebot.digests().runDue();
        assertThat(digestPosts(news.id())).hasSize(1);

        // 08:00 the next day: the scheduler posts, once.
        clock.set(Instant.parse("2026-05-05T06:00:00Z"));
        citebot.digestScheduler().wakeUp();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> digestPosts(news.id()).size() == 2);
        citebot.digestScheduler().wakeUp();
        citebot.digests().runDue();
        assertThat(digestPosts(news.id())).hasSize(2);
        assertThat(digestPosts(news.id()).get(1).content()).contains("Tuesday 5 May 2026");
    }

    @Test
    void deletedChannel_failureReportedToModerators_notPosted() throws Exception {
        start(readingGroup().build());
        TestChannel gone = new TestChannel("1234567890123456789", "gone");

        JsonNode refused =
                digest("setup", Map.of("channel", gone, "time", "08:00", "timezone", "America/New_York"), "mod");
        assertThat(refused.path("content").asText())
                .as("a channel that is not in the server is refused at setup")
                .contains("channel: that is not a text channel of this server");
        // Set up while it existed; deleted since.
        citebot.digests()
                .setup(
                        discord.guild().id(),
                        gone.id(),
                        LocalTime.of(8, 0),
                        ZoneId.of("America/New_York"),
                        DigestSection.all());
        JsonNode now = digest("now", Map.of(), "mod");

        assertThat(now.path("content").asText()).contains("could not be posted").contains("does not exist");
        JsonNode report = discord.awaitChannelMessage(
                modLog.id(), m -> m.path("content").asText().contains(gone.id()));
        assertThat(report.at("/allowed_mentions/parse")).isEmpty();
    }

    @Test
    @DisplayName("a second server chooses its own log channel: its unanswered questions land there, reindexes in both")
    void secondServer_ownLogChannel_getsItsUnansweredQuestionsAndReindexAnnouncements() throws Exception {
        TestGuild annex = TestGuild.builder("Annex")
                .textChannel("annex-general")
                .textChannel("annex-news")
                .textChannel("annex-mod")
                .role("Moderator", TestGuild.MANAGE_GUILD)
                .member("bea", "Moderator")
                .build();
        discord =
                FakeDiscord.builder().guild(readingGroup().build()).guild(annex).start();
        news = discord.channel("news");
        modLog = discord.channel("mod-log");
        startBot();
        TestChannel annexMod = annex.channel("annex-mod");
        citebot.queryLog()
                .recordPublic("moon cheese", annex.id(), "1", clock.instant().minusSeconds(200), 0);

        JsonNode otherServers = inAnnex(annex, discord.slash("settings", Map.of("log-channel", modLog)));
        JsonNode saved = inAnnex(annex, discord.slash("settings", Map.of("log-channel", annexMod)));
        JsonNode setup = inAnnex(
                annex,
                discord.slash("digest")
                        .subcommand(
                                "setup",
                                Map.of(
                                        "channel",
                                        annex.channel("annex-news"),
                                        "time",
                                        "08:00",
                                        "timezone",
                                        "Europe/Berlin")));
        inAnnex(annex, discord.slash("digest").subcommand("now", Map.of()));

        assertThat(otherServers.path("content").asText())
                .isEqualTo(
                        "log-channel: that is not a text channel of this server. Choose one of this server's channels.");
        assertThat(saved.path("content").asText())
                .startsWith("Saved: citebot reports to this server's moderators in https://discord.com/channels/"
                        + annex.id() + "/" + annexMod.id());
        assertThat(setup.path("content").asText()).contains("Daily digest on").doesNotContain("Unanswered questions");
        JsonNode unanswered =
                discord.awaitChannelMessage(annexMod.id(), m -> m.toString().contains("moon cheese"));
        assertThat(unanswered.at("/allowed_mentions/parse")).isEmpty();
        assertThat(discord.channelMessages(modLog.id()))
                .as("the configured channel is the Reading Group's; the Annex's questions stay in the Annex")
                .noneMatch(m -> m.toString().contains("moon cheese"));

        citebot.reindex().reindex(ReindexRequest.cli(false), IndexProgress.NONE);

        for (TestChannel log : List.of(modLog, annexMod)) {
            JsonNode announced = discord.awaitChannelMessage(
                    log.id(), m -> m.path("content").asText().startsWith("Reindex requested by the command line"));
            assertThat(announced.at("/allowed_mentions/parse")).isEmpty();
        }
    }

    /** A moderator of the Annex runs the command in the Annex's general channel; returns the first answer with text. */
    private static JsonNode inAnnex(TestGuild annex, FakeDiscord.InteractionBuilder interaction) {
        return interaction
                .in(annex.channel("annex-general"))
                .as(annex.member("bea"))
                .awaitResponseMessage(m -> !m.path("content").asText("").isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    void missingSendPermission_answeredWithTheReason_nothingPosted() throws Exception {
        long viewAndUseCommands = (1L << 10) | (1L << 31);
        start(readingGroup().everyonePermissions(viewAndUseCommands).build());

        digest("setup", Map.of("channel", news, "time", "08:00", "timezone", "Europe/Berlin"), "mod");
        JsonNode now = digest("now", Map.of(), "mod");

        assertThat(now.path("content").asText()).contains("could not be posted").contains("Send Messages");
        assertThat(digestPosts(news.id())).isEmpty();
        assertThat(discord.requests("POST", "channels/.*/messages")).isEmpty();
    }

    @Test
    @DisplayName("a restart after a crash between sending and recording finds the message in the channel: one message")
    void restartAfterCrashBetweenSendAndMark_findsTheMessage_sendsNothingAgain() throws Exception {
        start(readingGroup().build());
        digest("setup", Map.of("channel", news, "time", "08:00", "timezone", "Europe/Berlin"), "mod");
        clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        citebot.digestScheduler().wakeUp();
        JsonNode posted = discord.awaitChannelMessage(
                news.id(), m -> m.path("content").asText().contains("Daily digest"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> citebot.digests().postNow(discord.guild().id()).orElseThrow()
                        instanceof DeliveryOutcome.AlreadyPosted);
        stopBot();
        // The process died after Discord created the message but before the message id was stored.
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), clock)) {
            int rows = store.transaction(
                    c -> c.createStatement()
                            .executeUpdate(
                                    "UPDATE digest_runs SET state = 'sending', message_id = NULL WHERE local_date = '2026-05-04'"));
            assertThat(rows).isEqualTo(1);
        }

        clock.set(Instant.parse("2026-05-04T06:03:00Z"));
        startBot();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !discord.requests("GET", "channels/" + news.id() + "/messages")
                        .isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> citebot.digests()
                .postNow(discord.guild().id())
                .map(o -> o.equals(new DeliveryOutcome.AlreadyPosted(
                        java.time.LocalDate.of(2026, 5, 4),
                        "https://discord.com/channels/" + discord.guild().id() + "/" + news.id() + "/"
                                + posted.path("id").asText())))
                .orElse(false));
        assertThat(discord.channelMessages(news.id()))
                .filteredOn(m -> m.path("content").asText().contains("Daily digest"))
                .hasSize(1);
        assertThat(discord.requests("POST", "channels/" + news.id() + "/messages"))
                .as("only the first send")
                .hasSize(1);
    }
}
