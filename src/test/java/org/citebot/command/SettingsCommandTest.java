package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.state.GuildSettings;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCommandTest {

    private static final String GUILD = "333333333333333333";
    private static final String MOD_ROLE = "444444444444444444";

    @TempDir
    Path dir;

    private StateStore store;
    private GuildSettings settings;
    private SettingsCommand command;

    @BeforeEach
    void setUp() {
        store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        settings = new GuildSettings(store);
        command = new SettingsCommand(settings, new ModeratorPolicy(List.of(MOD_ROLE)), true);
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
    void spec_isModeratorOnly() {
        assertThat(command.spec().moderatorOnly()).isTrue();
    }

    private static CommandRequest request(Invoker invoker, Map<String, Object> options) {
        return new CommandRequest("settings", options, invoker, Optional.empty());
    }
}
