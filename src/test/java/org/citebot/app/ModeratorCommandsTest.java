package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.command.Command;
import org.citebot.command.CommandRequest;
import org.citebot.command.Invoker;
import org.citebot.command.UserFacingException;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server admins can let anyone run a moderator command in Discord, so each one must refuse a
 * non-moderator by itself; this holds for every moderator command the real app registers. {@code
 * /reindex} acts on every server's corpus and asks more: an operator ({@code operators.users} here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModeratorCommandsTest {

    private static final String GUILD = "123456789012345678";
    private static final String MOD_ROLE = "223456789012345678";
    private static final String OPERATOR = "323456789012345678";

    private Citebot citebot;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_STATE_DB",
                        dir.resolve("citebot.db").toString(),
                        "CITEBOT_MODERATORS_ROLES",
                        MOD_ROLE,
                        "CITEBOT_OPERATORS_USERS",
                        OPERATOR))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        citebot = Citebot.start(config, Clock.systemUTC());
    }

    @AfterAll
    void stop() throws IOException {
        citebot.close();
    }

    @Test
    void everyModeratorCommand_memberWithoutPermissionOrRole_refused() {
        List<Command> moderatorCommands = citebot.registry().commands().stream()
                .filter(c -> c.spec().moderatorOnly())
                .toList();
        Invoker member = new Invoker("u1", Optional.of(GUILD), Optional.of("c1"), false, List.of("999999999999999999"));

        assertThat(moderatorCommands).extracting(c -> c.spec().name()).contains("settings", "reindex");
        for (Command command : moderatorCommands) {
            CommandRequest request = new CommandRequest(command.spec().name(), Map.of(), member, Optional.empty());
            assertThatThrownBy(() -> command.handle(request, interim -> {}))
                    .as("/%s for a plain member", command.spec().name())
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining(
                            command.spec().name().equals("reindex") ? "only citebot's operators" : "Only moderators");
        }
    }

    @Test
    void moderatorRole_fromConfig_isAModerator() {
        Invoker withRole = new Invoker("u2", Optional.of(GUILD), Optional.of("c1"), false, List.of(MOD_ROLE));

        assertThat(citebot.moderators().isModerator(withRole)).isTrue();
    }

    @Test
    void reindexDryRun_byModeratorWhoIsNoOperator_refused() {
        Invoker moderator = new Invoker("m1", Optional.of(GUILD), Optional.of("c1"), true, List.of());
        Command reindex = citebot.registry().command("reindex").orElseThrow();

        assertThatThrownBy(() -> reindex.handle(
                        new CommandRequest("reindex", Map.of("dry-run", true), moderator, Optional.empty()),
                        interim -> {}))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("only citebot's operators can run it, dry runs included");
    }

    @Test
    void reindexDryRun_byOperatorFromConfig_reportsWithoutChanging() throws IOException {
        long generation = citebot.engine().index().metadata().generation();
        Invoker operator = new Invoker(OPERATOR, Optional.of(GUILD), Optional.of("c1"), true, List.of());
        Command reindex = citebot.registry().command("reindex").orElseThrow();

        var reply = reindex.handle(
                new CommandRequest("reindex", Map.of("dry-run", true), operator, Optional.empty()), interim -> {});

        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text().orElseThrow().text()).startsWith("Dry run");
        assertThat(citebot.engine().index().metadata().generation()).isEqualTo(generation);
    }
}
