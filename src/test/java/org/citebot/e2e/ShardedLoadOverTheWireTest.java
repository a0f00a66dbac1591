package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.ShardedCitebots.guildOn;
import static org.citebot.e2e.ShardedCitebots.member;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load figures of docs/scaling.md: the same burst of searches, spread over the guilds of four
 * shards, served by one {@code citebot run} process running every shard, then by two running two
 * shards each, on one PostgreSQL. Every search is acknowledged within Discord's 3 seconds and
 * answered; the rate and the slowest acknowledgement land in the test's output.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShardedLoadOverTheWireTest {

    private static final int INTERACTIONS = 200;
    private static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);
    private static final List<String> WORDS =
            List.of("HIMARS", "ceasefire", "drone", "sanctions", "missile", "artillery", "grain", "border");

    @TempDir
    Path data;

    @Test
    void burstOverFourShards_oneProcessThenTwo_everySearchAcknowledgedInTime() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        try (FakeDiscord discord = ShardedCitebots.fourShards().start();
                ShardedCitebots citebots = new ShardedCitebots(data, postgres, discord)) {
            ShardedCitebots.Process alone = citebots.start(discord, List.of(), "alone", "0-3");
            alone.awaitReady();
            burst(discord, "one process, shards 0-3");
            alone.jvm().terminate(Duration.ofSeconds(30));

            ShardedCitebots.Process first = citebots.start(discord, List.of(), "a", "0-1");
            ShardedCitebots.Process second = citebots.start(discord, List.of(), "b", "2-3");
            first.awaitReady();
            second.awaitReady();
            burst(discord, "two processes, shards 0-1 and 2-3");
        }
    }

    /** Warms each guild up with one search, then sends the burst and measures its acknowledgements. */
    private static void burst(FakeDiscord discord, String served) throws Exception {
        // A process just started may take longer than 3 s over its first search on a busy machine:
        // the warm-up measures nothing, so Discord's deadline is relaxed for it.
        discord.interactionDeadline(Duration.ofSeconds(60));
        for (int shard = 0; shard < ShardedCitebots.SHARDS; shard++) {
            search(discord, shard, "warm up").awaitResponseMessage();
        }
        discord.interactionDeadline(DISCORD_DEADLINE);
        List<InteractionHandle> sent = new ArrayList<>();
        List<Instant> dispatchedAt = new ArrayList<>();
        for (int i = 0; i < INTERACTIONS; i++) {
            dispatchedAt.add(Instant.now());
            sent.add(search(discord, i % ShardedCitebots.SHARDS, WORDS.get(i % WORDS.size()) + " " + i));
        }
        List<Duration> acks = new ArrayList<>();
        Instant lastAck = dispatchedAt.get(0);
        for (int i = 0; i < INTERACTIONS; i++) {
            Duration ack = WireChecks.timeToCallback(discord, sent.get(i), dispatchedAt.get(i));
            acks.add(ack);
            Instant at = dispatchedAt.get(i).plus(ack);
            lastAck = at.isAfter(lastAck) ? at : lastAck;
        }
        for (InteractionHandle interaction : sent) {
            assertThat(interaction.awaitResponseMessage().toString())
                    .as("answer to %s", interaction.id())
                    .doesNotContain("busy")
                    .doesNotContain("went wrong");
        }
        List<Long> sorted = acks.stream().map(Duration::toMillis).sorted().toList();
        long inTime =
                acks.stream().filter(ack -> ack.compareTo(DISCORD_DEADLINE) < 0).count();
        double seconds = Duration.between(dispatchedAt.get(0), lastAck).toMillis() / 1000.0;
        // The figures land in target/surefire-reports/...ShardedLoadOverTheWireTest-output.txt.
        System.out.printf(
                "%s: %d of %d acknowledged within 3 s, %.0f interactions/s acknowledged (%.2f s from the first"
                        + " sent to the last acknowledged), p50 %d ms, p99 %d ms, slowest %d ms, load average %s%n",
                served,
                inTime,
                INTERACTIONS,
                INTERACTIONS / seconds,
                seconds,
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() * 99 / 100),
                sorted.get(sorted.size() - 1),
                Files.readString(Path.of("/proc/loadavg")).strip());
        assertThat(inTime).as("acknowledged within Discord's 3 s, %s", served).isEqualTo(INTERACTIONS);
    }

    private static InteractionHandle search(FakeDiscord discord, int shard, String query) {
        return discord.slash("search", Map.of("query", query))
                .in(guildOn(discord, shard).channels().get(0))
                .as(member(discord, shard, "member" + shard));
    }
}
