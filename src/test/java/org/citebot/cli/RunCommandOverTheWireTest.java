package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot run} as production starts it, joining the fake Discord with the token from the environment. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunCommandOverTheWireTest {

    @Test
    @DisplayName("run with a DISCORD_TOKEN Discord rejects exits 1 and says so on stderr, without the token")
    void run_wrongToken_exitsOneWithTheReasonOnStderr(@TempDir Path data) throws IOException {
        String wrong = "wrong.token-Value_0123456789";
        Path config = Files.writeString(data.resolve("citebot.yaml"), "search:\n  results: 3\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit;
        try (FakeDiscord discord = FakeDiscord.start()) {
            Map<String, String> environment = Map.of(
                    "DISCORD_TOKEN", wrong,
                    "CITEBOT_DISCORD_REST_URL", discord.restUrl(),
                    "CITEBOT_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                    "CITEBOT_DISCORD_GUILDS", discord.guild().id(),
                    "CITEBOT_CORPUS_DIR", System.getProperty("citebot.seeds", "seeds"),
                    "CITEBOT_INDEX_DIR", data.resolve("index").toString(),
                    "CITEBOT_STATE_DB", data.resolve("citebot.db").toString());

            exit = Main.execute(
                    new String[] {"--config", config.toString(), "run"},
                    environment,
                    new PrintWriter(out, true),
                    new PrintWriter(err, true));

            assertThat(discord.registrationRequests()).as("nothing registered").isEmpty();
            assertThat(discord.requests()).as("it did try Discord").isNotEmpty().allSatisfy(request -> assertThat(
                            request.status())
                    .isEqualTo(401));
        }
        assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
        assertThat(err.toString())
                .startsWith("citebot: Discord rejected the token in DISCORD_TOKEN")
                .doesNotContain(wrong);
        assertThat(out.toString()).doesNotContain(wrong);
    }
}
