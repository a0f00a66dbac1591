package org.citebot.discord;

import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.citebot.command.ServerChannels;

/**
 * {@link ServerChannels} from JDA's cache: the one place that decides whether a channel id names a
 * message channel of a server, for channel options, digest posts and moderator announcements.
 */
public final class JdaServerChannels implements ServerChannels {

    private final JdaShards shards;

    public JdaServerChannels(JDA jda) {
        this(JdaShards.single(jda));
    }

    /** Over every shard of this process: a server on another process's shard has no channels here. */
    public JdaServerChannels(JdaShards shards) {
        this.shards = shards;
    }

    @Override
    public boolean isMessageChannelOf(String guildId, String channelId) {
        return find(shards, guildId, channelId).isPresent();
    }

    /** The message channel {@code channelId} of server {@code guildId}, if citebot is in that server and it exists there. */
    static Optional<GuildMessageChannel> find(JdaShards shards, String guildId, String channelId) {
        return shards.guild(guildId).flatMap(guild -> messageChannel(guild, channelId));
    }

    /** The message channel {@code channelId} of {@code guild}, if it exists there. */
    static Optional<GuildMessageChannel> messageChannel(Guild guild, String channelId) {
        return snowflake(channelId).map(id -> guild.getChannelById(GuildMessageChannel.class, id));
    }

    /** Only ids Discord could have made: JDA throws on anything else (a console user could type it). */
    static Optional<Long> snowflake(String id) {
        try {
            return Optional.of(Long.parseUnsignedLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
