package org.citebot.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import org.citebot.digest.DigestRuns.DigestRun;
import org.citebot.digest.DigestRuns.State;
import org.citebot.discord.DiscordRenderer;
import org.citebot.discord.JdaDigestPoster;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.RecordedRequest;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A citebot process killed in the middle of posting the daily digest (a real process, killed with
 * SIGKILL, over a real SQLite file, posting through real JDA to the fake Discord): after the
 * restart the day's digest is in the channel exactly once, neither lost nor doubled, and the run
 * is marked posted with that message's id, even when the restart comes after Discord's nonce
 * window, so that sending the nonce again would post a second message.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KilledDigestSendTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @TempDir
    Path dir;

    private FakeDiscord discord;
    private String guild;
    private String channel;

    @BeforeEach
    void setUp() {
        discord = FakeDiscord.start();
        guild = discord.guild().id();
        channel = discord.channel().id();
        // 07:00 in Berlin: the digest is set up for 08:00, nothing posted yet.
        try (DigestFixture fixture = new DigestFixture(dir, new MutableClock(Instant.parse("2026-05-04T05:00:00Z")))) {
            fixture.setup(guild, channel, "08:00", "Europe/Berlin");
        }
    }

    @AfterEach
    void tearDown() {
        discord.close();
    }

    @Test
    @DisplayName("killed after Discord created the message, before it was marked; restarted after the nonce window:"
            + " the restart finds the message in the channel and sends nothing, one message")
    void killedAfterTheSendBeforeTheMark_restartAfterTheNonceWindow_marksTheSameMessage_oneInTheChannel()
            throws Exception {
        List<String> output = runChildUntil(KilledDigestSendMain.AFTER_SEND, "after-send");
        assertThat(output).anyMatch(line -> line.startsWith(KilledDigestSendMain.AFTER_SEND + "Posted"));
        List<JsonNode> before = discord.channelMessages(channel);
        assertThat(before).as("the message the killed process sent").hasSize(1);
        try (DigestFixture fixture = new DigestFixture(dir, new MutableClock(Instant.parse("2026-05-04T06:00:00Z")))) {
            DigestRun recorded = fixture.runs().find(guild, DAY).orElseThrow();
            assertThat(recorded.state()).as("left by the killed process").isEqualTo(State.SENDING);
            assertThat(recorded.messageId()).isEmpty();
        }

        // Discord forgets a nonce after a few minutes; the restart below comes 10 minutes later.
        discord.expireNonces();
        DigestRun marked = restartAt("2026-05-04T06:10:00Z");

        List<JsonNode> messages = discord.channelMessages(channel);
        assertThat(messages).as("digests in the channel").hasSize(1);
        String messageId = messages.get(0).path("id").asText();
        assertThat(messageId).isEqualTo(before.get(0).path("id").asText());
        assertThat(messages.get(0).path("content").asText())
                .as("marked with its run")
                .endsWith("\n-# ref " + marked.nonce().orElseThrow());
        assertThat(marked.state()).isEqualTo(State.POSTED);
        assertThat(marked.messageId()).contains(messageId);
        assertThat(discord.requests("GET", "channels/" + channel + "/messages"))
                .as("the restart looked in the channel")
                .isNotEmpty();
        List<RecordedRequest> sends = discord.requests("POST", "channels/" + channel + "/messages");
        assertThat(sends).as("only the killed process's send").hasSize(1);
    }

    @Test
    @DisplayName("killed before the send reached Discord: the restart posts the digest, once")
    void killedBeforeTheSend_restartPostsOnce() throws Exception {
        runChildUntil(KilledDigestSendMain.BEFORE_SEND, "before-send");
        assertThat(discord.channelMessages(channel))
                .as("nothing reached Discord")
                .isEmpty();

        DigestRun marked = restartAt("2026-05-04T06:02:00Z");

        List<JsonNode> messages = discord.channelMessages(channel);
        assertThat(messages).as("digests in the channel").hasSize(1);
        assertThat(messages.get(0).path("content").asText()).contains("Daily digest");
        assertThat(marked.state()).isEqualTo(State.POSTED);
        assertThat(marked.messageId()).contains(messages.get(0).path("id").asText());
        assertThat(discord.requests("POST", "channels/" + channel + "/messages"))
                .hasSize(1);
    }

    /** A new process on the same database at {@code now}, posting through JDA; returns the day's run after it ran. */
    private DigestRun restartAt(String now) throws Exception {
        JDA jda = discord.jdaBuilder().build().awaitReady();
        try (DigestFixture fixture = new DigestFixture(dir, new MutableClock(Instant.parse(now)))) {
            fixture.service.attach(new JdaDigestPoster(jda, new DiscordRenderer(), true, Duration.ofSeconds(10)));
            fixture.service.runDue();
            // A later check the same day leaves the day alone.
            fixture.clock.advance(Duration.ofHours(1));
            fixture.service.runDue();
            return fixture.runs().find(guild, DAY).orElseThrow();
        } finally {
            discord.shutdown(jda);
        }
    }

    /** Starts the digest process at 08:00 Berlin, waits for its pause marker and kills it (SIGKILL). */
    private List<String> runChildUntil(String marker, String mode) throws Exception {
        List<String> output;
        try (ChildJvm child = ChildJvm.start(
                KilledDigestSendMain.class,
                Map.of(),
                dir.toString(),
                discord.restUrl(),
                discord.gatewayUrl(),
                discord.token(),
                "2026-05-04T06:00:00Z",
                mode)) {
            child.awaitLineStartingWith(marker, Duration.ofSeconds(45));
            child.kill();
            output = child.output();
        }
        assertThat(output).noneMatch(line -> line.equals("FINISHED"));
        return output;
    }
}
