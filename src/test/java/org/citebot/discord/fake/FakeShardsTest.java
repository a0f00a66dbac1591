package org.citebot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fake as a sharded Discord, with JDA's own shard manager as the client: {@code GET gateway/bot}
 * names the gateway, the shard count and the identify buckets; each shard is identified as {@code
 * [id, total]} and sees only its guilds; a guild's interactions arrive on its shard's connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeShardsTest {

    private static final int SHARDS = 4;

    @Test
    void shardManager_fourShards_eachShardSeesItsGuilds_andAnswersItsInteractions() throws Exception {
        FakeDiscord.Builder builder = FakeDiscord.builder().shards(SHARDS).maxConcurrency(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            builder.guild(TestGuild.builder("Guild " + shard)
                    .onShard(shard, SHARDS)
                    .textChannel("general")
                    .member("member" + shard)
                    .build());
        }
        Map<String, Integer> answeredOnShard = new ConcurrentHashMap<>();
        ListenerAdapter listener = new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                answeredOnShard.put(
                        event.getGuild().getId(), event.getJDA().getShardInfo().getShardId());
                event.reply("shard " + event.getJDA().getShardInfo().getShardId())
                        .queue();
            }
        };
        try (FakeDiscord discord = builder.start()) {
            ShardManager shards = DefaultShardManagerBuilder.createLight(
                            discord.token(), EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfigProvider(shard -> new RestConfig().setBaseUrl(discord.restUrl()))
                    .setShardsTotal(SHARDS)
                    .setCompression(Compression.NONE)
                    .setEnableShutdownHook(false)
                    .addEventListeners(listener)
                    .build();
            try {
                await().atMost(Duration.ofSeconds(40))
                        .until(() -> shards.getShards().size() == SHARDS
                                && shards.getShards().stream()
                                        .allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED));

                assertThat(discord.requests("GET", "gateway/bot")).isNotEmpty();
                assertThat(discord.gateway().identifies())
                        .extracting(FakeGateway.Identify::shard)
                        .containsExactlyInAnyOrder(0, 1, 2, 3);
                for (int shard = 0; shard < SHARDS; shard++) {
                    TestGuild guild = discord.guildsOnShard(shard).get(0);
                    assertThat(shards.getShardById(shard).getGuilds())
                            .extracting(net.dv8tion.jda.api.entities.Guild::getId)
                            .as("guilds shard %d was told of", shard)
                            .containsExactly(guild.id());
                    InteractionHandle interaction = discord.slash("ping")
                            .in(guild.channels().get(0))
                            .as(guild.members().get(0));
                    assertThat(interaction
                                    .awaitResponseMessage()
                                    .path("content")
                                    .asText())
                            .isEqualTo("shard " + shard);
                    assertThat(answeredOnShard).containsEntry(guild.id(), shard);
                }
            } finally {
                shards.shutdown();
                for (JDA jda : List.copyOf(shards.getShards())) {
                    jda.awaitShutdown(Duration.ofSeconds(20));
                }
            }
        }
    }

    @Test
    void identify_withTheWrongShardCount_isClosedAsAnInvalidShard() throws Exception {
        try (FakeDiscord discord = FakeDiscord.builder().shards(2).start()) {
            JDA single = discord.jdaBuilder().build();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> discord.gateway().closes().stream()
                        .anyMatch(close -> close.startsWith(FakeGateway.CLOSE_INVALID_SHARD + " ")));
                assertThat(discord.gateway().identifies()).isEmpty();
            } finally {
                single.shutdownNow();
                single.awaitShutdown(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void onShard_givesIdsOnTheAskedShard() {
        for (int shard = 0; shard < 16; shard++) {
            String id = Snowflakes.nextIdOnShard(shard, 16);
            assertThat(FakeGateway.shardOf(id, 16)).isEqualTo(shard);
            assertThat(Snowflakes.timeOf(id))
                    .isBetween(java.time.Instant.now().minusSeconds(5), java.time.Instant.now());
        }
    }
}
