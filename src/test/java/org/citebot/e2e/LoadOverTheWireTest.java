package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.timeToCallback;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of searches from several members at once, through the fake Discord to the real app:
 * every one is acknowledged within Discord's 3 seconds and answered, none is turned away as busy
 * (200 fit the interaction pool's 4 threads and 200 queue places), and the work and JDA's HTTP
 * calls run on bounded pools rather than on a thread per interaction. The last events of a burst
 * reach citebot over a second after Discord sent them; they are deferred at once, because the
 * quick window counts from the interaction's creation.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LoadOverTheWireTest {

    private static final int INTERACTIONS = 200;
    /** {@code DiscordFrontEnd.WORKER_THREADS}: the interaction pool's size. */
    private static final int POOL_THREADS = 4;
    /** {@code DiscordBot.REST_THREADS}: JDA's HTTP calls run on this many threads at most. */
    private static final int REST_THREADS = 16;

    private static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);
    private static final List<String> WORDS = List.of(
            "HIMARS",
            "ceasefire",
            "drone",
            "sanctions",
            "election",
            "missile",
            "negotiations",
            "artillery",
            "grain",
            "refugees",
            "energy",
            "border",
            "summit",
            "attack");

    @TempDir
    Path data;

    @Test
    void twoHundredSearchesAtOnce_allAcknowledgedWithinThreeSeconds_noneBusy_threadsBounded() throws Exception {
        TestGuild.Builder guild = TestGuild.builder("Busy Guild").textChannel("general");
        for (int m = 0; m < 8; m++) {
            guild.member("member" + m);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FakeDiscord discord = FakeDiscord.builder().guild(guild.build()).start();
                CitebotOnFakeDiscord citebot =
                        CitebotOnFakeDiscord.start(discord, data, Map.of("CITEBOT_RATE_LIMIT_SEARCHES", "1000"))) {
            List<TestMember> members = new ArrayList<>();
            for (int m = 0; m < 8; m++) {
                members.add(discord.member("member" + m));
            }
            // One search first, so the burst measures serving, not class loading.
            discord.slash("search", Map.of("query", "warm up"))
                    .as(members.get(0))
                    .awaitResponseMessage();
            assertThat(citebot.citebot().search())
                    .as("the app serving the burst")
                    .isNotNull();
            int threadsBefore = threads.getThreadCount();

            AtomicInteger mostWorkers = new AtomicInteger();
            AtomicInteger mostRestThreads = new AtomicInteger();
            AtomicInteger mostThreads = new AtomicInteger();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> {
                        mostWorkers.accumulateAndGet(threadsNamed("citebot-interaction-\\d+"), Math::max);
                        mostRestThreads.accumulateAndGet(threadsNamed("citebot-discord-rest-\\d+"), Math::max);
                        mostThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                    },
                    0,
                    5,
                    TimeUnit.MILLISECONDS);

            List<InteractionHandle> burst = new ArrayList<>();
            List<Instant> dispatchedAt = new ArrayList<>();
            try {
                for (int i = 0; i < INTERACTIONS; i++) {
                    String query = WORDS.get(i % WORDS.size()) + " " + WORDS.get((i * 5 + 3) % WORDS.size()) + " " + i;
                    dispatchedAt.add(Instant.now());
                    burst.add(discord.slash("search", Map.of("query", query)).as(members.get(i % members.size())));
                }
                List<Duration> acks = new ArrayList<>();
                for (int i = 0; i < INTERACTIONS; i++) {
                    acks.add(timeToCallback(discord, burst.get(i), dispatchedAt.get(i)));
                }
                for (InteractionHandle interaction : burst) {
                    JsonNode answer = interaction.awaitResponseMessage();
                    assertThat(answer.toString())
                            .as("answer to %s", interaction.id())
                            .doesNotContain("busy");
                }
                Duration slowest = acks.stream().max(Duration::compareTo).orElseThrow();
                List<Long> sorted =
                        acks.stream().map(Duration::toMillis).sorted().toList();
                // The figures land in target/surefire-reports/...LoadOverTheWireTest-output.txt.
                System.out.printf(
                        "burst of %d: time to acknowledge p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                        INTERACTIONS,
                        sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() * 9 / 10),
                        sorted.get(sorted.size() * 99 / 100),
                        sorted.get(sorted.size() - 1));
                assertThat(slowest)
                        .as("slowest acknowledgement of %d", INTERACTIONS)
                        .isLessThan(DISCORD_DEADLINE);
            } finally {
                sampler.shutdownNow();
            }
            assertThat(burst).allSatisfy(interaction -> assertThat(interaction.rejectedCallbacks())
                    .isEmpty());
            assertThat(discord.sentMessages())
                    .noneMatch(message -> message.payload().toString().contains("citebot is busy"));
            assertThat(mostWorkers.get()).as("interaction worker threads").isBetween(1, POOL_THREADS);
            assertThat(mostRestThreads.get()).as("Discord REST threads").isBetween(1, REST_THREADS);
            System.out.printf(
                    "burst of %d: %d threads added, at most %d interaction workers and %d REST threads%n",
                    INTERACTIONS, mostThreads.get() - threadsBefore, mostWorkers.get(), mostRestThreads.get());
            assertThat(mostThreads.get() - threadsBefore)
                    .as("threads added during the burst (%d before)", threadsBefore)
                    .isLessThanOrEqualTo(32);
            WireChecks.assertNothingRefused(discord, request -> false);
        }
    }

    /** Live threads whose name matches, e.g. citebot's interaction pool ({@code citebot-interaction-N}, not the timer). */
    private static int threadsNamed(String pattern) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().matches(pattern))
                .count();
    }
}
