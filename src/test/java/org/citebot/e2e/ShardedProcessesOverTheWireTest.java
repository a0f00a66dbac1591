package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citebot.cli.Main;
import org.citebot.digest.DigestRuns;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.FakeGateway;
import org.citebot.discord.fake.Fault;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.StateStore;
import org.citebot.testing.ChildJvm;
import org.citebot.testing.LocalPorts;
import org.citebot.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bot, four gateway shards, two {@code citebot run} processes on one PostgreSQL: shards 0-1 in
 * one, 2-3 in the other, each with its own Lucene index over one corpus folder. Every guild is
 * answered on its shard; each guild's digest is posted once, including one whose process was
 * killed with SIGKILL during the send and restarted; a {@code /reindex} in one process reaches the
 * other's answers without a failed or stale search; and after a misconfigured restart that has both
 * processes run the guilds of shards 0-1, a setting changed through one is honoured by the other
 * and no digest is posted a second time.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShardedProcessesOverTheWireTest {

    private static final int SHARDS = 4;
    private static final String NEW_WORD = "quillfeather";

    @TempDir
    Path data;

    private final List<ChildJvm> children = new ArrayList<>();

    @Test
    void twoProcessesOnFourShards_answerEveryGuild_digestOnce_reindexAndSettingsReachTheOther() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        String database = postgres.createDatabase();
        Path corpus = Files.createDirectory(data.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(CitebotOnFakeDiscord.seeds())) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        FakeDiscord.Builder builder = FakeDiscord.builder().shards(SHARDS).maxConcurrency(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            builder.guild(TestGuild.builder("Guild on shard " + shard)
                    .onShard(shard, SHARDS)
                    .textChannel("general")
                    .textChannel("digest")
                    .role("Moderator", TestGuild.MANAGE_GUILD)
                    .member("member" + shard)
                    .member("mod" + shard, "Moderator")
                    .build());
        }
        try (FakeDiscord discord = builder.start()) {
            discord.application().ownedBy(member(discord, 0, "mod0"));
            Path config = digestConfig(discord);
            Map<String, String> shared = new HashMap<>();
            shared.put("CITEBOT_STATE_URL", database);
            shared.put("CITEBOT_STATE_USER", PostgresServer.USER);
            shared.put("PGPASSWORD", postgres.password());
            shared.put("CITEBOT_CORPUS_DIR", corpus.toString());
            shared.put("CITEBOT_SEARCH_MODE", "lexical");
            shared.put("CITEBOT_DISCORD_SHARDS_TOTAL", String.valueOf(SHARDS));
            shared.put("CITEBOT_DISCORD_GUILDS", String.join(",", guildIds(discord)));
            shared.put("CITEBOT_DISCORD_DEFER_AFTER", "500ms");
            shared.put("CITEBOT_RATE_LIMIT_SEARCHES", "1000");

            // The digest of the guild on shard 0 is held up by Discord (a 429 for a minute): the
            // process of shards 0-1 is killed while it waits to send it.
            String heldUp = digestChannel(discord, 0);
            discord.failNext("POST", "channels/" + heldUp + "/messages", 1, Fault.rateLimited(Duration.ofSeconds(60)));
            Process first = start(discord, config, shared, "a", "0-1");
            Process second = start(discord, config, shared, "b", "2-3");
            WireChecks.awaitReady(first.jvm(), first.opsPort());
            WireChecks.awaitReady(second.jvm(), second.opsPort());
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
            assertThat(sendingGuilds(database, postgres)).containsExactly(guildOn(discord, 0));

            // kill -9 during that send, then the same process again: the send is finished once.
            first.jvm().kill();
            first = start(discord, config, shared, "a", "0-1");
            WireChecks.awaitReady(first.jvm(), first.opsPort());
            await("the interrupted digest finished by the restart, and the next guild's")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !discord.channelMessages(heldUp).isEmpty()
                            && !discord.channelMessages(digestChannel(discord, 1))
                                    .isEmpty());
            assertThat(sendingGuilds(database, postgres)).isEmpty();

            // Guilds on every shard get answers.
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(search(discord, shard, "HIMARS", -1))
                        .as("answer on shard %d", shard)
                        .contains("HIMARS");
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

            // A misconfigured restart: the process of 2-3 comes back running every shard, so both
            // processes run the guilds of shards 0-1, and both schedule their digests.
            second.jvm().terminate(Duration.ofSeconds(30));
            Process everything = start(discord, config, shared, "b", "0-3");
            WireChecks.awaitReady(everything.jvm(), everything.opsPort());
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
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
    }

    private record Process(ChildJvm jvm, int opsPort) {}

    private Process start(FakeDiscord discord, Path config, Map<String, String> shared, String name, String shardIds)
            throws java.io.IOException {
        int opsPort = LocalPorts.unused();
        Map<String, String> environment =
                new HashMap<>(CitebotOnFakeDiscord.environment(discord, data.resolve(name), shared));
        environment.put("CITEBOT_DISCORD_SHARDS_IDS", shardIds);
        environment.put("CITEBOT_OPS_LISTEN", "127.0.0.1:" + opsPort);
        environment.put("DISCORD_TOKEN", discord.token());
        environment.put("HOSTNAME", "test-host-" + name);
        ChildJvm jvm = ChildJvm.start(Main.class, environment, "--config", config.toString(), "run");
        children.add(jvm);
        return new Process(jvm, opsPort);
    }

    /** Digests of every guild in its "digest" channel, due five minutes ago, posted even with nothing new. */
    private Path digestConfig(FakeDiscord discord) throws java.io.IOException {
        String time = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5).format(DateTimeFormatter.ofPattern("HH:mm"));
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

    private static String guildOn(FakeDiscord discord, int shard) {
        return discord.guildsOnShard(shard).get(0).id();
    }

    private static List<String> guildIds(FakeDiscord discord) {
        return discord.guilds().stream().map(TestGuild::id).toList();
    }

    private static TestMember member(FakeDiscord discord, int shard, String username) {
        return discord.guildsOnShard(shard).get(0).member(username);
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
