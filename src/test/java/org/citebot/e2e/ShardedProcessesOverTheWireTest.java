package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citebot.e2e.ShardedCitebots.guildOn;
import static org.citebot.e2e.ShardedCitebots.member;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.citebot.digest.DigestRuns;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.FakeGateway;
import org.citebot.discord.fake.Fault;
import org.citebot.discord.fake.TestGuild;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.StateStore;
import org.citebot.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bot, four gateway shards, two {@code citebot run} processes on one PostgreSQL: shards 0-1 in
 * one, 2-3 in the other, each with its own Lucene index over one corpus folder. Every guild is
 * answered on its shard; each guild's digest is posted once, including one whose process was
 * killed with SIGKILL during the send and restarted; a {@code /reindex} in one process reaches the
 * other's answers without a failed or stale search, and every guild's log channel is told of it
 * once, by the process of its shard; and after a misconfigured restart that has both
 * processes run the guilds of shards 0-1, a setting changed through one is honoured by the other
 * and no digest is posted a second time, nor a reindex announced twice. Then two processes both running every shard have a
 * digest day fall due in both at the same second: each guild's digest is sent once, and the
 * two processes' identifies of one bucket reach the fake Discord at least 5 s apart.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShardedProcessesOverTheWireTest {

    private static final int SHARDS = ShardedCitebots.SHARDS;
    private static final String NEW_WORD = "quillfeather";
    private static final Duration IDENTIFY_SPACING = Duration.ofSeconds(5);
    private static final Duration RACE_LEAD = Duration.ofSeconds(40);

    @TempDir
    Path data;

    @Test
    void twoProcessesOnFourShards_answerEveryGuild_digestOnce_reindexAndSettingsReachTheOther() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        try (FakeDiscord discord = ShardedCitebots.fourShards().start();
                ShardedCitebots citebots = new ShardedCitebots(data, postgres, discord)) {
            String database = citebots.database;
            Path corpus = citebots.corpus;
            discord.application().ownedBy(member(discord, 0, "mod0"));
            List<String> config = List.of("--config", digestConfig(discord).toString());

            // The digest of the guild on shard 0 is held up by Discord (a 429 for a minute): the
            // process of shards 0-1 is killed while it waits to send it.
            String heldUp = digestChannel(discord, 0);
            discord.failNext("POST", "channels/" + heldUp + "/messages", 1, Fault.rateLimited(Duration.ofSeconds(60)));
            ShardedCitebots.Process first = citebots.start(discord, config, "a", "0-1");
            ShardedCitebots.Process second = citebots.start(discord, config, "b", "2-3");
            first.awaitReady();
            second.awaitReady();
            assertThat(discord.gateway().identifies())
                    .extracting(FakeGateway.Identify::shard)
                    .containsExactlyInAnyOrder(0, 1, 2, 3);

            // Each guild's digest (due five minutes ago, caught up at start) is posted by its process;
            // the process of 0-1 sends its guilds' one after the other, so shard 1's may wait too.
            for (int shard = 2; shard < SHARDS; shard++) {
                String channel = digestChannel(discord, shard);
                await("digest of the guild on shard " + shard)
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> discord.channelMessages(channel).size() >= 1);
            }
            await("the held-up send reached Discord once")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> discord.requests("POST", "channels/" + heldUp + "/messages")
                                    .size()
                            == 1);
            assertThat(sendingGuilds(database, postgres))
                    .containsExactly(guildOn(discord, 0).id());

            // kill -9 during that send, then the same process again: the send is finished once.
            first.jvm().kill();
            first = citebots.start(discord, config, "a", "0-1");
            first.awaitReady();
            await("the interrupted digest finished by the restart, and the next guild's")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !discord.channelMessages(heldUp).isEmpty()
                            && !discord.channelMessages(digestChannel(discord, 1))
                                    .isEmpty());
            // The message is posted before the run is marked sent: the mark follows the reply.
            await("the finished sends no longer marked as sending")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> sendingGuilds(database, postgres).isEmpty());

            // Guilds on every shard get answers.
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(search(discord, shard, "HIMARS", -1))
                        .as("answer on shard %d", shard)
                        .contains("HIMARS");
            }

            // Each guild's moderators chose a log channel, through the process of its shard.
            for (int shard = 0; shard < SHARDS; shard++) {
                JsonNode chosen = discord.slash("settings", Map.of("log-channel", logChannel(discord, shard)))
                        .in(guildOn(discord, shard).channels().get(0))
                        .as(member(discord, shard, "mod" + shard))
                        .awaitResponseMessage();
                assertThat(chosen.path("content").asText())
                        .startsWith("Saved: citebot reports to this server's moderators");
            }

            // A /reindex asked in the process of shards 0-1 reaches the answers of the one of 2-3.
            Files.writeString(corpus.resolve("quill.md"), article());
            JsonNode summary = discord.slash("reindex")
                    .in(discord.guildsOnShard(0).get(0).channels().get(0))
                    .as(member(discord, 0, "mod0"))
                    .awaitResponseMessage(
                            m -> m.path("content").asText().startsWith("Reindex finished"), Duration.ofSeconds(60));
            assertThat(summary.path("content").asText()).contains("Added 1");
            // Until the other process switched its index, "nothing found"; never an error, never
            // the old index again once it switched.
            int searchesUntilSwitched = 0;
            boolean switched = false;
            while (!switched) {
                assertThat(searchesUntilSwitched)
                        .as("searches before the other process switched")
                        .isLessThan(60);
                String answer = search(discord, 2, NEW_WORD, -1);
                assertThat(answer).as("a search during the switch").doesNotContain("went wrong");
                switched = answer.contains("quill ledger");
                searchesUntilSwitched++;
            }
            for (int i = 0; i < 5; i++) {
                assertThat(search(discord, 2 + i % 2, NEW_WORD, -1))
                        .as("no old generation once switched")
                        .contains("quill ledger");
            }
            System.out.printf(
                    "The other process answered from the new generation after %d searches%n", searchesUntilSwitched);
            // Announced in the log channel of every guild, by the process of its shard: the one
            // that ran the reindex to shards 0-1's, the one that followed it to shards 2-3's.
            for (int shard = 0; shard < SHARDS; shard++) {
                String channel = logChannel(discord, shard);
                await("the reindex announced in the log channel of the guild on shard " + shard)
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> !reindexAnnouncements(discord, channel).isEmpty());
            }

            // A misconfigured restart: the process of 2-3 comes back running every shard, so both
            // processes run the guilds of shards 0-1, and both schedule their digests.
            second.jvm().terminate(Duration.ofSeconds(30));
            ShardedCitebots.Process everything = citebots.start(discord, config, "b", "0-3");
            everything.awaitReady();
            // Shard 0 has two connections: 0 is the process of 0-1 (older), 1 the one of 0-3.
            JsonNode saved = discord.slash("settings", Map.of("private-answers", false))
                    .in(discord.guildsOnShard(0).get(0).channels().get(0))
                    .throughConnection(1)
                    .as(member(discord, 0, "mod0"))
                    .awaitResponseMessage();
            assertThat(saved.path("content").asText())
                    .isEqualTo("Saved: search answers in this server are now public by default.");
            await("the setting honoured by the other process")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !WireChecks.isPrivate(searchMessage(discord, 0, "HIMARS", 0)));

            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(discord.channelMessages(digestChannel(discord, shard)))
                        .as("digests of the guild on shard %d after both processes ran its day", shard)
                        .hasSize(1);
            }
            assertThat(discord.requests("POST", "channels/" + heldUp + "/messages"))
                    .as("the killed process's send (refused with 429) and the restart's")
                    .hasSize(2);
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(reindexAnnouncements(discord, logChannel(discord, shard)))
                        .as("announcements of the one reindex in the guild on shard %d, after a restart too", shard)
                        .hasSize(1)
                        .allSatisfy(content -> assertThat(content).contains("1 added"));
            }

            // A second /reindex while both processes run shards 0-1: the one of 0-1 runs it, the
            // one of 0-3 follows, and each guild is still told once.
            Files.writeString(corpus.resolve("quill-2.md"), article().replace("The quill ledger", "The second ledger"));
            discord.slash("reindex")
                    .in(guildOn(discord, 0).channels().get(0))
                    .throughConnection(0)
                    .as(member(discord, 0, "mod0"))
                    .awaitResponseMessage(
                            m -> m.path("content").asText().startsWith("Reindex finished"), Duration.ofSeconds(60));
            await("the second reindex announced once in every guild's log channel")
                    .atMost(Duration.ofSeconds(20))
                    .during(Duration.ofSeconds(2))
                    .until(() -> java.util.stream.IntStream.range(0, SHARDS)
                            .allMatch(shard -> reindexAnnouncements(discord, logChannel(discord, shard))
                                            .size()
                                    == 2));
        }
    }

    /**
     * Two processes both told to run every shard (a misconfiguration, or the old and the new process
     * of a rolling restart overlapping): a digest day that becomes due in both at the same second
     * is posted once in each guild's channel, whichever process wins each guild's claim.
     */
    @Test
    void twoProcessesRunningEveryShard_identifiesSpacedPerBucket_digestDueInBothAtOncePostedOnce() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        try (FakeDiscord discord = ShardedCitebots.fourShards().start();
                ShardedCitebots citebots = new ShardedCitebots(data, postgres, discord)) {
            // Due when both processes are connected: a child starts in 5-15 s here, two at once on
            // a loaded machine in up to 30 s (plus 5 s: each bucket's second identify waits).
            Instant due = Instant.now().plus(RACE_LEAD).truncatedTo(ChronoUnit.SECONDS);
            List<String> config =
                    List.of("--config", digestConfig(discord, due, "HH:mm:ss").toString());
            ShardedCitebots.Process a = citebots.start(discord, config, "a", "0-3");
            ShardedCitebots.Process b = citebots.start(discord, config, "b", "0-3");
            a.awaitReady();
            b.awaitReady();
            Duration connected = Duration.between(due.minus(RACE_LEAD), Instant.now());
            assertThat(Instant.now())
                    .as("both processes connected before the digest fell due (else this raced a catch-up)")
                    .isBefore(due);
            assertThat(discord.gateway().identifies())
                    .extracting(FakeGateway.Identify::shard)
                    .containsExactlyInAnyOrder(0, 0, 1, 1, 2, 2, 3, 3);
            // Each shard is its own bucket here (max_concurrency 4), identified by both processes:
            // Discord allows one identify per bucket every 5 s, whichever process sends it.
            Map<Integer, List<Instant>> byBucket = discord.gateway().identifies().stream()
                    .collect(Collectors.groupingBy(
                            identify -> identify.shard() % SHARDS,
                            TreeMap::new,
                            Collectors.mapping(FakeGateway.Identify::at, Collectors.toList())));
            byBucket.forEach((bucket, times) -> {
                List<Instant> sorted = times.stream().sorted().toList();
                Duration apart = Duration.between(sorted.get(0), sorted.get(1));
                System.out.printf("Bucket %d: the two processes identified %d ms apart%n", bucket, apart.toMillis());
                assertThat(apart)
                        .as("identifies of bucket %d by the two processes", bucket)
                        .isGreaterThanOrEqualTo(IDENTIFY_SPACING);
            });

            for (int shard = 0; shard < SHARDS; shard++) {
                String channel = digestChannel(discord, shard);
                await("digest of the guild on shard " + shard)
                        .atMost(RACE_LEAD.plusSeconds(30))
                        .until(() -> discord.channelMessages(channel).size() >= 1);
            }
            await("no send left claimed")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> sendingGuilds(citebots.database, postgres).isEmpty());
            for (int shard = 0; shard < SHARDS; shard++) {
                String channel = digestChannel(discord, shard);
                assertThat(discord.requests("POST", "channels/" + channel + "/messages"))
                        .as("digest sends to the guild on shard %d, both processes having it due", shard)
                        .hasSize(1);
                assertThat(discord.channelMessages(channel)).hasSize(1);
            }
            System.out.printf(
                    "Both processes connected after %d ms; digests due at %s in both: %d posted by a, %d by b%n",
                    connected.toMillis(), due, postedDigests(a), postedDigests(b));
        }
    }

    private static long postedDigests(ShardedCitebots.Process process) {
        return process.jvm().output().stream()
                .filter(line -> line.contains("Digest of guild") && line.contains(" posted: "))
                .count();
    }

    /** Digests of every guild in its "digest" channel, due five minutes ago, posted even with nothing new. */
    private Path digestConfig(FakeDiscord discord) throws java.io.IOException {
        return digestConfig(discord, Instant.now().minus(Duration.ofMinutes(5)), "HH:mm");
    }

    /** Digests of every guild in its "digest" channel at {@code due} (UTC), posted even with nothing new. */
    private Path digestConfig(FakeDiscord discord, Instant due, String precision) throws java.io.IOException {
        String time = due.atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(precision));
        StringBuilder yaml = new StringBuilder("digest:\n  postEmptyDays: true\n  defaults:\n");
        for (int shard = 0; shard < SHARDS; shard++) {
            TestGuild guild = discord.guildsOnShard(shard).get(0);
            yaml.append("    \"")
                    .append(guild.id())
                    .append("\": {channel: \"")
                    .append(digestChannel(discord, shard))
                    .append("\", time: \"")
                    .append(time)
                    .append("\", timezone: UTC}\n");
        }
        Path file = data.resolve("citebot.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Guilds whose digest send is claimed but not finished, read from the shared database. */
    private static List<String> sendingGuilds(String database, PostgresServer postgres) {
        try (StateStore store = StateStore.open(
                database, Optional.of(PostgresServer.USER), Optional.of(postgres.password()), Clock.systemUTC())) {
            return new SqlDigestRuns(store)
                    .sending().stream().map(DigestRuns.DigestRun::guildId).toList();
        }
    }

    private static String logChannel(FakeDiscord discord, int shard) {
        return guildOn(discord, shard).channels().get(2).id();
    }

    /** The reindex announcements posted in {@code channel}. */
    private static List<String> reindexAnnouncements(FakeDiscord discord, String channel) {
        return discord.channelMessages(channel).stream()
                .map(message -> message.path("content").asText())
                .filter(content -> content.startsWith("Reindex requested by"))
                .toList();
    }

    private static String digestChannel(FakeDiscord discord, int shard) {
        return discord.guildsOnShard(shard).get(0).channels().get(1).id();
    }

    /** The text of the answer to {@code query} in the guild on {@code shard}, through its {@code nth} connection. */
    private static String search(FakeDiscord discord, int shard, String query, int nth) {
        return searchMessage(discord, shard, query, nth).toString();
    }

    private static JsonNode searchMessage(FakeDiscord discord, int shard, String query, int nth) {
        TestGuild guild = discord.guildsOnShard(shard).get(0);
        FakeDiscord.InteractionBuilder interaction = discord.slash("search", Map.of("query", query))
                .in(guild.channels().get(0));
        if (nth >= 0) {
            interaction = interaction.throughConnection(nth);
        }
        return interaction
                .as(member(discord, shard, "member" + shard))
                .awaitResponseMessage(
                        m -> m.path("embeds").size() > 0
                                || m.path("content").asText().length() > 0,
                        Duration.ofSeconds(20));
    }

    private static String article() {
        return "---\ntitle: The quill ledger\n---\n\nA " + NEW_WORD + " is the feather a harbour clerk kept for"
                + " the winter ledger, and the " + NEW_WORD + " ledger recorded every convoy and tariff.\n";
    }
}
