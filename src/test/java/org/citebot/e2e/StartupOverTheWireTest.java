package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.app.DiscordFrontEnd;
import org.citebot.discord.DiscordStartException;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Joining Discord: login, what citebot registers and when, and a token Discord rejects. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupOverTheWireTest {

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @BeforeEach
    void start(@TempDir Path data) {
        discord = FakeDiscord.start();
        citebot = CitebotOnFakeDiscord.start(discord, data, Map.of());
    }

    @AfterEach
    void stop() {
        try {
            citebot.close();
        } finally {
            discord.close();
        }
    }

    @Test
    @DisplayName(
            "citebot logs in, registers its commands once in the configured server, and a restart registers nothing")
    void start_registersCommandsOnce_restartWithUnchangedCommandsRegistersNothing() {
        assertThat(discord.gateway().received(2)).as("IDENTIFY").hasSize(1);
        assertThat(discord.gateway().sentDispatchNames()).containsSubsequence("READY", "GUILD_CREATE");
        String guildCommands = "applications/" + discord.bot().applicationId() + "/guilds/"
                + discord.guild().id() + "/commands";
        List<RecordedRequest> registrations = discord.registrationRequests();
        assertThat(registrations).singleElement().satisfies(put -> {
            assertThat(put.matches("PUT", guildCommands)).as("%s", put).isTrue();
            assertThat(put.status()).isEqualTo(200);
        });

        JsonNode commands = registrations.get(0).body();
        assertThat(names(commands))
                .containsExactlyInAnyOrder(
                        "search", "sources", "status", "help", "settings", "reindex", "digest", "Find sources");
        for (JsonNode command : commands) {
            if (command.path("type").asInt(1) == 1) {
                assertThat(command.path("description").asText())
                        .as("description of /%s", command.path("name").asText())
                        .hasSizeBetween(1, 100);
            }
        }
        JsonNode search = command(commands, "search");
        assertThat(names(search.path("options"))).containsExactly("query", "source", "results", "private");
        JsonNode query = search.path("options").get(0);
        assertThat(query.path("type").asInt()).isEqualTo(3);
        assertThat(query.path("required").asBoolean()).isTrue();
        assertThat(query.path("autocomplete").asBoolean()).isTrue();
        assertThat(query.path("max_length").asInt()).isEqualTo(1000);
        assertThat(search.path("options").get(1).path("autocomplete").asBoolean())
                .isTrue();
        assertThat(search.path("options").get(2).path("type").asInt()).isEqualTo(4);
        assertThat(search.path("options").get(2).path("min_value").asInt()).isEqualTo(1);
        assertThat(search.path("options").get(2).path("max_value").asInt()).isEqualTo(10);
        assertThat(search.path("options").get(3).path("type").asInt()).isEqualTo(5);
        assertThat(search.path("default_member_permissions").isNull())
                .as("everyone may search")
                .isTrue();
        JsonNode settings = command(commands, "settings");
        assertThat(settings.path("default_member_permissions").asText())
                .as("Manage Server")
                .isEqualTo("32");
        assertThat(names(settings.path("options")))
                .containsExactly("private-answers", "log-channel", "log-channel-off");
        assertThat(settings.path("options").findValues("type"))
                .as("boolean, channel, boolean; none required")
                .extracting(JsonNode::asInt)
                .containsExactly(5, 7, 5);
        assertThat(settings.path("options").findValues("required"))
                .allSatisfy(r -> assertThat(r.asBoolean()).isFalse());
        JsonNode reindex = command(commands, "reindex");
        assertThat(reindex.path("default_member_permissions").asText())
                .as("Manage Server")
                .isEqualTo("32");
        assertThat(reindex.path("contexts")).as("guild-only").singleElement().satisfies(c -> assertThat(c.asText())
                .isEqualTo("0"));
        assertThat(names(reindex.path("options"))).containsExactly("dry-run");
        assertThat(command(commands, "Find sources").path("type").asInt())
                .as("message context menu")
                .isEqualTo(3);
        assertThat(discord.registeredCommands(discord.guild().id())).hasSize(8);

        citebot.restart();

        assertThat(discord.gateway().received(2)).as("IDENTIFY").hasSize(2);
        assertThat(discord.requests("GET", guildCommands)).hasSize(2);
        assertThat(discord.registrationRequests())
                .as("registrations after the restart")
                .hasSize(1);
    }

    @Test
    @DisplayName("A token Discord rejects stops the start with a message saying what to do, without the token")
    void start_wrongToken_clearMessageWithoutTheToken() {
        String wrong = "wrong.token-Value_0123456789";

        assertThatThrownBy(() -> DiscordFrontEnd.start(citebot.citebot(), wrong))
                .isInstanceOf(DiscordStartException.class)
                .hasMessageStartingWith("Discord rejected the token in DISCORD_TOKEN")
                .hasMessageContaining("Reset Token")
                .hasMessageNotContaining(wrong);
        assertThat(discord.registrationRequests())
                .as("only the first, right login registered")
                .hasSize(1);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    private static JsonNode command(JsonNode commands, String name) {
        for (JsonNode command : commands) {
            if (command.path("name").asText().equals(name)) {
                return command;
            }
        }
        throw new AssertionError("no command " + name);
    }
}
