package org.citebot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.citebot.command.ShardStatus;

/**
 * The gateway shards this process is connected with: one JDA for a bot of one shard, or a shard
 * manager's JDAs when {@code discord.shards} splits the bot. The Discord edge finds a server or a
 * channel here whichever shard holds it, and asks any shard for what is the bot's, not a server's.
 */
public final class JdaShards {

    private final Optional<JDA> single;
    private final Optional<ShardManager> manager;

    private JdaShards(Optional<JDA> single, Optional<ShardManager> manager) {
        this.single = single;
        this.manager = manager;
    }

    /** A bot of one shard, connected without a shard manager. */
    public static JdaShards single(JDA jda) {
        return new JdaShards(Optional.of(jda), Optional.empty());
    }

    /** The shards a shard manager runs in this process. */
    static JdaShards managed(ShardManager manager) {
        return new JdaShards(Optional.empty(), Optional.of(manager));
    }

    /** Every shard of this process, by ascending shard id. */
    public List<JDA> all() {
        return single.map(List::of).orElseGet(() -> manager.orElseThrow().getShards().stream()
                .sorted(java.util.Comparator.comparingInt(
                        jda -> jda.getShardInfo().getShardId()))
                .toList());
    }

    /** Whether this process runs all of the bot's shards, so a server none of them holds is no other process's either. */
    public boolean runsEveryShard() {
        return manager.map(m -> m.getShards().size() >= m.getShardsTotal()).orElse(true);
    }

    /** A shard to ask what belongs to the bot rather than to a server (its user, its application). */
    public JDA any() {
        return single.orElseGet(() -> all().get(0));
    }

    /** The server, if a shard of this process holds it; null-free for ids no snowflake. */
    public Optional<Guild> guild(String guildId) {
        Optional<Long> id = JdaServerChannels.snowflake(guildId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(single.map(jda -> jda.getGuildById(id.get()))
                .orElseGet(() -> manager.orElseThrow().getGuildById(id.get())));
    }

    /**
     * The shard carrying the server's events, with its server count and gateway latency; empty
     * when no shard of this process holds the server.
     */
    public Optional<ShardStatus> status(String guildId) {
        return guild(guildId)
                .map(Guild::getJDA)
                .map(jda -> new ShardStatus(
                        jda.getShardInfo().getShardId(),
                        jda.getShardInfo().getShardTotal(),
                        jda.getGuildCache().size(),
                        Duration.ofMillis(Math.max(0, jda.getGatewayPing()))));
    }

    /** The message channel with this id in any server a shard of this process holds. */
    public Optional<GuildMessageChannel> channel(String channelId) {
        Optional<Long> id = JdaServerChannels.snowflake(channelId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(single.map(jda -> jda.getChannelById(GuildMessageChannel.class, id.get()))
                .orElseGet(() -> manager.orElseThrow().getChannelById(GuildMessageChannel.class, id.get())));
    }
}
