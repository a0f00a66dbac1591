package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.state.SqlGuildPreferences;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCommandTest {

    private static final String GUILD = "333333333333333333";
    private static final String MOD_ROLE = "444444444444444444";
    private static final String MOD_LOG = "666666666666666666";
    private static final String CONFIGURED_LOG = "777777777777777777";
    private static final String OTHER_SERVERS_CHANNEL = "888888888888888888";
    /** This server has two channels, MOD_LOG and CONFIGURED_LOG; OTHER_SERVERS_CHANNEL is elsewhere. */
    private static final ServerChannels CHANNELS =
            (guild, channel) -> guild.equals(GUILD) && (channel.equals(MOD_LOG) || channel.equals(CONFIGURED_LOG));

    private static final Invoker ADMIN = new Invoker("3", Optional.of(GUILD), Optional.empty(), true, List.of());

    @TempDir
    Path dir;

    private StateStore store;
    private SqlGuildPreferences settings;
    private SettingsCommand command;

    @BeforeEach
    void setUp() {
        store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        settings = new SqlGuildPreferences(store);
        command =
                new SettingsCommand(settings, new ModeratorPolicy(List.of(MOD_ROLE)), true, Optional.empty(), CHANNELS);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void handle_memberWithoutPermissionOrRole_refusedAndNothingChanged() {
        Invoker member = new Invoker("1", Optional.of(GUILD), Optional.empty(), false, List.of("555555555555555555"));

        assertThatThrownBy(() -> command.handle(request(member, Map.of("private-answers", false))))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("Only moderators");
        assertThat(settings.privateByDefault(GUILD)).isEmpty();
    }

    @Test
    void handle_memberWithModeratorRole_changesSetting() {
        Invoker mod = new Invoker("2", Optional.of(GUILD), Optional.empty(), false, List.of(MOD_ROLE));

        String text = command.handle(request(mod, Map.of("private-answers", false)))
                .text()
                .orElseThrow()
                .text();

        assertThat(text).contains("public");
        assertThat(settings.privateByDefault(GUILD)).contains(false);
    }

    @Test
    void handle_noOption_showsConfiguredDefault() {
        Invoker admin = new Invoker("3", Optional.of(GUILD), Optional.empty(), true, List.of());

        String text =
                command.handle(request(admin, Map.of())).text().orElseThrow().text();

        assertThat(text).contains("private previews");
    }

    @Test
    void handle_logChannelOfThisServer_savedShownThenCleared() {
        String saved = text(command.handle(request(ADMIN, Map.of("log-channel", MOD_LOG))));
        String shown = text(command.handle(request(ADMIN, Map.of())));
        String cleared = text(command.handle(request(ADMIN, Map.of("log-channel-off", true))));

        String link = "https://discord.com/channels/" + GUILD + "/" + MOD_LOG;
        assertThat(saved)
                .isEqualTo("Saved: citebot reports to this server's moderators in " + link
                        + " (unanswered questions, digest failures and reindexes).");
        assertThat(shown)
                .endsWith(
                        "Moderator reports go to " + link
                                + ". Change it with /settings log-channel:#channel, or stop with /settings log-channel-off:true.");
        assertThat(cleared)
                .startsWith("Saved: this server has no log channel of its own any more.")
                .contains("are not posted here")
                .contains("/settings log-channel:#channel");
        assertThat(settings.logChannel(GUILD)).isEmpty();
    }

    @Test
    void handle_channelOfAnotherServer_refusedAndNothingChanged() {
        settings.setLogChannel(GUILD, Optional.of(MOD_LOG));

        assertThatThrownBy(() -> command.handle(
                        request(ADMIN, Map.of("log-channel", OTHER_SERVERS_CHANNEL, "private-answers", false))))
                .isInstanceOf(UserFacingException.class)
                .hasMessage(
                        "log-channel: that is not a text channel of this server. Choose one of this server's channels.");
        assertThat(settings.logChannel(GUILD)).contains(MOD_LOG);
        assertThat(settings.privateByDefault(GUILD))
                .as("nothing saved on a refusal")
                .isEmpty();
    }

    @Test
    void handle_ownLogChannelGone_saysReportsAreNotPostedAndHowToFixIt() {
        // Stored while it existed; the channel has since been deleted (it is no channel of this server now).
        settings.setLogChannel(GUILD, Optional.of(OTHER_SERVERS_CHANNEL));

        String shown = text(command.handle(request(ADMIN, Map.of())));

        assertThat(shown)
                .endsWith("Moderator reports are set to go to https://discord.com/channels/" + GUILD + "/"
                        + OTHER_SERVERS_CHANNEL
                        + ", but citebot cannot find that channel any more (deleted, or hidden from citebot), so they"
                        + " are not posted. Choose another with /settings log-channel:#channel.");
    }

    @Test
    void handle_setAndClearTogether_refused() {
        assertThatThrownBy(
                        () -> command.handle(request(ADMIN, Map.of("log-channel", MOD_LOG, "log-channel-off", true))))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("Choose either log-channel or log-channel-off:true, not both.");
        assertThat(settings.logChannel(GUILD)).isEmpty();
    }

    @Test
    void handle_twoChangesAtOnce_bothSavedAndReported() {
        String text = text(command.handle(request(ADMIN, Map.of("private-answers", false, "log-channel", MOD_LOG))));

        assertThat(text)
                .contains("Saved: search answers in this server are now public")
                .contains("\nSaved: citebot reports");
        assertThat(settings.privateByDefault(GUILD)).contains(false);
        assertThat(settings.logChannel(GUILD)).contains(MOD_LOG);
    }

    @Test
    void handle_noOwnLogChannel_showsTheConfiguredOneOnlyInTheServerItBelongsTo() {
        SettingsCommand withConfigured = new SettingsCommand(
                settings, new ModeratorPolicy(List.of()), true, Optional.of(CONFIGURED_LOG), CHANNELS);
        Invoker elsewhere = new Invoker("4", Optional.of("999999999999999999"), Optional.empty(), true, List.of());

        assertThat(text(withConfigured.handle(request(ADMIN, Map.of()))))
                .contains("Moderator reports go to the configured channel https://discord.com/channels/" + GUILD + "/"
                        + CONFIGURED_LOG);
        assertThat(text(withConfigured.handle(request(elsewhere, Map.of())))).contains("are not posted here");
    }

    @Test
    void spec_isModeratorOnly() {
        assertThat(command.spec().moderatorOnly()).isTrue();
    }

    private static String text(org.citebot.reply.Reply reply) {
        return reply.text().orElseThrow().text();
    }

    private static CommandRequest request(Invoker invoker, Map<String, Object> options) {
        return new CommandRequest("settings", options, invoker, Optional.empty());
    }
}
