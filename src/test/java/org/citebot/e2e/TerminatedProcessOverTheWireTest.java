package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.cli.Main;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.testing.ChildJvm;
import org.citebot.testing.LocalPorts;
import org.citebot.testing.StoredState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citebot run} as its own process, stopped the way {@code docker stop} and systemd stop it:
 * SIGTERM. The run command's shutdown hook stops taking interactions, lets those in flight finish,
 * closes the gateway with a proper close frame, then the index and the database. Every interaction
 * it acknowledged gets its answer, or, if it arrived after the stop began, a note that citebot is
 * shutting down; nothing is left at "citebot is thinking…".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TerminatedProcessOverTheWireTest {

    /** What the JVM exits with after SIGTERM once every shutdown hook has returned. */
    private static final int EXIT_AFTER_SIGTERM = 128 + 15;

    private static final int BURST = 40;

    @TempDir
    Path data;

    @Test
    void sigtermDuringABurst_everyAcknowledgedInteractionAnswered_gatewayClosed_stateReopensCleanly() throws Exception {
        List<InteractionHandle> burst = new ArrayList<>();
        List<String> output;
        try (FakeDiscord discord = FakeDiscord.start()) {
            int opsPort = LocalPorts.unused();
            Map<String, String> environment = new HashMap<>(CitebotOnFakeDiscord.environment(
                    discord,
                    data,
                    Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:" + opsPort, "CITEBOT_RATE_LIMIT_SEARCHES", "1000")));
            environment.put("DISCORD_TOKEN", discord.token());
            try (ChildJvm citebot = ChildJvm.start(Main.class, environment, "run")) {
                WireChecks.awaitReady(citebot, opsPort);
                assertThat(discord.slash("search", Map.of("query", "HIMARS"))
                                .as(discord.alice())
                                .awaitResponseMessage()
                                .toString())
                        .contains("HIMARS");

                for (int i = 0; i < BURST; i++) {
                    burst.add(discord.slash("search", Map.of("query", "ceasefire talks " + i))
                            .as(discord.alice()));
                }
                assertThat(citebot.terminate(Duration.ofSeconds(60))).isEqualTo(EXIT_AFTER_SIGTERM);
                output = citebot.output();
            }

            int answered = 0;
            int toldToAskAgain = 0;
            for (InteractionHandle interaction : burst) {
                if (!interaction.isAcknowledged()) {
                    continue;
                }
                // The process is gone: whatever it sent has arrived, so a short wait is a check.
                String content = interaction
                        .awaitResponseMessage(message -> true, Duration.ofSeconds(2))
                        .toString();
                if (content.contains("shutting down")) {
                    toldToAskAgain++;
                } else {
                    assertThat(content)
                            .as("answer to acknowledged interaction %s", interaction.id())
                            .contains("ceasefire")
                            .doesNotContain("busy");
                    answered++;
                }
            }
            System.out.printf(
                    "SIGTERM during a burst of %d: %d answered, %d told citebot is shutting down, %d not taken%n",
                    BURST, answered, toldToAskAgain, BURST - answered - toldToAskAgain);
            assertThat(discord.gateway().closes())
                    .as("the gateway was closed by citebot with 1000, not dropped")
                    .anyMatch(close -> close.startsWith("1000 ") && close.contains("(remote=true)"));
            assertThat(output).noneMatch(line -> line.contains(discord.token()));
        }
        assertThat(output)
                .as("citebot's output")
                .anyMatch(line -> line.contains("Disconnected from Discord"))
                .noneMatch(line -> line.contains(" ERROR "));
        StoredState.assertReopensCleanly(data);
    }
}
