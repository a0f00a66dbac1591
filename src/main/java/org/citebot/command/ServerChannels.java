package org.citebot.command;

/**
 * Which channels belong to which server, as the chat platform sees them. A channel option arrives
 * as a bare id, which could name a channel of another server; commands that store one check it
 * here first with {@link #requireIn}. The Discord front end answers from JDA's cache.
 */
@FunctionalInterface
public interface ServerChannels {

    /** Before a platform is connected nothing can be checked: every channel passes (posting checks again). */
    ServerChannels UNCHECKED = (guildId, channelId) -> true;

    /** Whether {@code channelId} is a channel of server {@code guildId} that messages can be posted in. */
    boolean isMessageChannelOf(String guildId, String channelId);

    /**
     * Returns {@code channelId} when it is a message channel of {@code guildId}.
     *
     * @param option the option's name, so the moderator knows which value was refused
     * @throws UserFacingException when it is not
     */
    default String requireIn(String guildId, String channelId, String option) {
        if (!isMessageChannelOf(guildId, channelId)) {
            throw new UserFacingException(
                    option + ": that is not a text channel of this server. Choose one of this server's channels.");
        }
        return channelId;
    }

    /** A link to the channel that Discord shows as the channel's name. */
    static String link(String guildId, String channelId) {
        return "https://discord.com/channels/" + guildId + "/" + channelId;
    }
}
