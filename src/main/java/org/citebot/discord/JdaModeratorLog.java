package org.citebot.discord;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.citebot.reindex.Announcement;
import org.citebot.reindex.AnnouncementClaims;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts bot-wide announcements (reindex runs, which change every server's answers): the full report
 * to the configured {@code moderators.logChannel}, the operators' channel, and the neutral notice to
 * every server's own log channel ({@code /settings log-channel}), each channel once, so a server
 * whose log channel is the operators' one gets the report only. With the shards split between
 * processes, each posts to the channels of its own shards' servers: the process that ran a reindex
 * and every process that followed it announce it, and a server two processes hold is claimed
 * first ({@link AnnouncementClaims}), so every server hears of it once.
 * Posts are queued, never awaited; a channel that is gone or refuses is logged and skipped.
 */
public final class JdaModeratorLog implements ModeratorLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdaModeratorLog.class);

    private final JdaShards shards;
    private final DiscordRenderer renderer;
    private final Optional<String> configuredChannel;
    private final Supplier<Map<String, String>> guildChannels;
    private final AnnouncementClaims claims;

    /**
     * @param configuredChannel {@code moderators.logChannel}, the operators' channel, in whichever server it is
     * @param guildChannels each server's own log channel by server id
     */
    public JdaModeratorLog(
            JDA jda,
            DiscordRenderer renderer,
            Optional<String> configuredChannel,
            Supplier<Map<String, String>> guildChannels) {
        this(JdaShards.single(jda), renderer, configuredChannel, guildChannels, AnnouncementClaims.EVERY);
    }

    /**
     * Announces through whichever shard of this process holds each channel.
     *
     * @param claims asked before each post of an announcement other processes make too, so that
     *     a server two processes both hold is told once
     */
    public JdaModeratorLog(
            JdaShards shards,
            DiscordRenderer renderer,
            Optional<String> configuredChannel,
            Supplier<Map<String, String>> guildChannels,
            AnnouncementClaims claims) {
        this.shards = shards;
        this.renderer = renderer;
        this.configuredChannel = configuredChannel;
        this.guildChannels = guildChannels;
        this.claims = claims;
    }

    @Override
    public void announce(Announcement announcement) {
        Set<String> posted = new HashSet<>();
        configuredChannel.ifPresent(id -> {
            posted.add(id);
            Optional<GuildMessageChannel> channel = shards.channel(id);
            if (channel.isEmpty() && !shards.runsEveryShard()) {
                LOG.debug("moderators.logChannel {} is on no shard of this process; its process posts there", id);
                return;
            }
            if (claimed(announcement, AnnouncementClaims.OPERATORS)) {
                post(id, channel, announcement.operators());
            }
        });
        Map<String, String> own;
        try {
            own = guildChannels.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not read the servers' log channels; announced only in moderators.logChannel: {}",
                    e.toString());
            return;
        }
        own.forEach((guild, id) -> {
            // A server on another process's shard is that process's to tell (of its own runs).
            if (shards.guild(guild).isEmpty()) {
                LOG.debug("Server {} is on no shard of this process; its log channel is not posted to", guild);
                return;
            }
            if (posted.add(id) && claimed(announcement, guild)) {
                post(id, JdaServerChannels.find(shards, guild, id), announcement.servers());
            }
        });
    }

    /** Whether this process posts the announcement in {@code server}; when the claim cannot be made, it does. */
    private boolean claimed(Announcement announcement, String server) {
        if (announcement.sharedAction().isEmpty()) {
            return true;
        }
        try {
            return claims.claim(announcement.sharedAction().get(), server);
        } catch (RuntimeException e) {
            LOG.warn("Could not claim the announcement in server {}; posting it: {}", server, e.toString());
            return true;
        }
    }

    /** Through the limit-safe renderer, mentioning nobody; never throws. */
    private void post(String channelId, Optional<GuildMessageChannel> channel, Reply reply) {
        if (channel.isEmpty()) {
            LOG.warn("Moderator log channel {} is not a text channel citebot can see; announcement dropped", channelId);
            return;
        }
        try {
            channel.get()
                    .sendMessage(renderer.create(reply.withEphemeral(false)))
                    .queue(
                            null,
                            failure -> LOG.warn(
                                    "Could not post to moderator log channel {}: {}", channelId, failure.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Could not post to moderator log channel {}: {}", channelId, e.getMessage());
        }
    }
}
