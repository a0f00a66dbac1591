package org.citebot.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.citebot.cli.Main;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.citebot.testing.ChildJvm;
import org.citebot.testing.LocalPorts;
import org.citebot.testing.PostgresServer;

/**
 * {@code citebot run} processes as child JVMs sharing one bot of {@link #SHARDS} shards, one test
 * PostgreSQL database and one corpus folder (a copy of the seeds), each with an index of its own:
 * the setting of the over-the-wire tests of several processes. Guild {@code n} of the fake is on
 * shard {@code n}, with channels {@code general}, {@code digest} and {@code mod-log}, a member and
 * a moderator.
 */
final class ShardedCitebots implements AutoCloseable {

    static final int SHARDS = 4;

    /** One child: its JVM and the port of its ops endpoint. */
    record Process(ChildJvm jvm, int opsPort) {
        void awaitReady() {
            WireChecks.awaitReady(jvm, opsPort);
        }
    }

    private final Path data;
    private final Map<String, String> shared = new HashMap<>();
    private final List<ChildJvm> children = new ArrayList<>();
    final String database;
    final Path corpus;

    /** A new database and a corpus folder under {@code data}. */
    ShardedCitebots(Path data, PostgresServer postgres, FakeDiscord discord) throws IOException {
        this.data = data;
        this.database = postgres.createDatabase();
        this.corpus = Files.createDirectory(data.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(CitebotOnFakeDiscord.seeds())) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        shared.put("CITEBOT_STATE_URL", database);
        shared.put("CITEBOT_STATE_USER", PostgresServer.USER);
        shared.put("PGPASSWORD", postgres.password());
        shared.put("CITEBOT_CORPUS_DIR", corpus.toString());
        shared.put("CITEBOT_SEARCH_MODE", "lexical");
        shared.put("CITEBOT_DISCORD_SHARDS_TOTAL", String.valueOf(SHARDS));
        shared.put(
                "CITEBOT_DISCORD_GUILDS",
                String.join(",", discord.guilds().stream().map(TestGuild::id).toList()));
        shared.put("CITEBOT_DISCORD_DEFER_AFTER", "500ms");
        shared.put("CITEBOT_RATE_LIMIT_SEARCHES", "1000");
    }

    /** A fake Discord of {@link #SHARDS} shards with one guild on each, every shard in its own identify bucket. */
    static FakeDiscord.Builder fourShards() {
        FakeDiscord.Builder builder = FakeDiscord.builder().shards(SHARDS).maxConcurrency(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            builder.guild(TestGuild.builder("Guild on shard " + shard)
                    .onShard(shard, SHARDS)
                    .textChannel("general")
                    .textChannel("digest")
                    .textChannel("mod-log")
                    .role("Moderator", TestGuild.MANAGE_GUILD)
                    .member("member" + shard)
                    .member("mod" + shard, "Moderator")
                    .build());
        }
        return builder;
    }

    static TestGuild guildOn(FakeDiscord discord, int shard) {
        return discord.guildsOnShard(shard).get(0);
    }

    static TestMember member(FakeDiscord discord, int shard, String username) {
        return guildOn(discord, shard).member(username);
    }

    /**
     * Starts {@code citebot run} named {@code name} (its host name, kept across restarts) with the
     * shards {@code shardIds}, its index under {@code data/name}.
     */
    Process start(FakeDiscord discord, List<String> arguments, String name, String shardIds) throws IOException {
        int opsPort = LocalPorts.unused();
        Map<String, String> environment =
                new HashMap<>(CitebotOnFakeDiscord.environment(discord, data.resolve(name), shared));
        environment.put("CITEBOT_DISCORD_SHARDS_IDS", shardIds);
        environment.put("CITEBOT_OPS_LISTEN", "127.0.0.1:" + opsPort);
        environment.put("DISCORD_TOKEN", discord.token());
        environment.put("HOSTNAME", "test-host-" + name);
        List<String> command = new ArrayList<>(arguments);
        command.add("run");
        ChildJvm jvm = ChildJvm.start(Main.class, environment, command.toArray(String[]::new));
        children.add(jvm);
        return new Process(jvm, opsPort);
    }

    @Override
    public void close() {
        for (ChildJvm child : children) {
            child.close();
        }
    }
}
