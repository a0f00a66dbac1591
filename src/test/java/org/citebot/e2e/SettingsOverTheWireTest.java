package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.TestChannel;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
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
 * {@code /settings} as Discord delivers it even to members it should not (a server admin can open
 * the command to everyone): citebot checks again. The tests run in order, as each changes the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettingsOverTheWireTest {

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @BeforeAll
    void start(@TempDir Path data) {
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Reading Group")
                        .textChannel("general")
                        .textChannel("mod-log")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .role("Librarian", 0)
                        .member("alice")
                        .member("mod", "Moderator")
                        .member("librarian", "Librarian")
                        .build())
                .guild(TestGuild.builder("Annex").textChannel("annex-general").build())
                .start();
        String librarianRole = discord.guild().roleNamed("Librarian").id();
        citebot = CitebotOnFakeDiscord.start(discord, data, Map.of("CITEBOT_MODERATORS_ROLES", librarianRole));
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
    @DisplayName("A member without Manage Server or a moderator role is refused privately and nothing changes")
    void settings_byPlainMember_refusedAndNothingChanged() {
        JsonNode refusal = settings(discord.alice(), false);

        assertThat(refusal.path("content").asText()).startsWith("Only moderators");
        assertThat(isPrivate(refusal)).isTrue();
        assertThat(isPrivate(searchAnswer())).as("answers stay private").isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("A member with Manage Server turns answers public; the next search answers in the open")
    void settings_byModerator_answersBecomePublic() {
        JsonNode saved = settings(discord.mod(), false);

        assertThat(saved.path("content").asText())
                .isEqualTo("Saved: search answers in this server are now public by default.");
        assertThat(isPrivate(saved)).isTrue();
        JsonNode answer = searchAnswer();
        assertThat(isPrivate(answer)).as("public answer").isFalse();
        assertThat(answer.path("embeds").get(0).path("description").asText()).contains("**HIMARS**");
    }

    @Test
    @Order(3)
    @DisplayName("A member holding a configured moderator role, without Manage Server, may change settings too")
    void settings_byConfiguredModeratorRole_accepted() {
        JsonNode saved = settings(discord.member("librarian"), true);

        assertThat(saved.path("content").asText())
                .isEqualTo(
                        "Saved: search answers in this server are now private previews with a Share button by default.");
        assertThat(isPrivate(searchAnswer())).as("answers private again").isTrue();
    }

    @Test
    @Order(4)
    @DisplayName("A moderator chooses this server's log channel; /settings then shows it with how to change it")
    void settings_logChannel_savedThenShown() {
        TestChannel modLog = discord.channel("mod-log");
        String link = "https://discord.com/channels/" + discord.guild().id() + "/" + modLog.id();

        JsonNode saved = settings(discord.mod(), Map.of("log-channel", modLog));
        JsonNode shown = settings(discord.mod(), Map.of());

        assertThat(saved.path("content").asText().replace("\\", ""))
                .isEqualTo("Saved: citebot reports to this server's moderators in " + link
                        + " (unanswered questions, digest failures and reindexes).");
        assertThat(isPrivate(saved)).isTrue();
        assertThat(shown.path("content").asText().replace("\\", ""))
                .isEqualTo("Search answers in this server are private previews with a Share button by default."
                        + " Change it with /settings private-answers:true or false.\n"
                        + "Moderator reports go to " + link + ". Change it with /settings log-channel:#channel,"
                        + " or stop with /settings log-channel-off:true.");
    }

    @Test
    @Order(5)
    @DisplayName("A channel of another server is refused privately with the reason; the log channel stays")
    void settings_logChannelOfAnotherServer_refused() {
        TestChannel elsewhere = discord.guilds().get(1).channel("annex-general");

        JsonNode refusal = settings(discord.mod(), Map.of("log-channel", elsewhere));

        assertThat(refusal.path("content").asText())
                .isEqualTo(
                        "log-channel: that is not a text channel of this server. Choose one of this server's channels.");
        assertThat(isPrivate(refusal)).isTrue();
        assertThat(settings(discord.mod(), Map.of()).path("content").asText())
                .contains(discord.channel("mod-log").id());
    }

    @Test
    @Order(6)
    @DisplayName("log-channel-off:true clears it; /settings then says reports are not posted here")
    void settings_logChannelOff_cleared() {
        JsonNode cleared = settings(discord.mod(), Map.of("log-channel-off", true));
        JsonNode shown = settings(discord.mod(), Map.of());

        assertThat(cleared.path("content").asText())
                .startsWith("Saved: this server has no log channel of its own any more.");
        assertThat(shown.path("content").asText())
                .contains("are not posted here")
                .doesNotContain(discord.channel("mod-log").id());
    }

    private JsonNode settings(TestMember member, Map<String, ?> options) {
        return discord.slash("settings", options).as(member).awaitResponseMessage();
    }

    private JsonNode settings(TestMember member, boolean privateAnswers) {
        InteractionHandle settings = discord.slash("settings", Map.of("private-answers", privateAnswers))
                .as(member);
        return settings.awaitResponseMessage();
    }

    private JsonNode searchAnswer() {
        InteractionHandle search =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());
        assertThat(search.awaitCallbackType()).isEqualTo(4);
        return search.awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(10));
    }
}
