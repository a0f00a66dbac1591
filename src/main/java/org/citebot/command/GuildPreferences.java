package org.citebot.command;

import java.util.Map;
import java.util.Optional;

/**
 * Per-guild choices moderators make with {@code /settings}: whether answers are private by default,
 * and the guild's own moderator log channel. Asked on every interaction, on the platform's event
 * thread, so reads must come from memory; a change made through any citebot process sharing the
 * state must reach every other within seconds. The state database implements it.
 */
public interface GuildPreferences {

    /** The guild's choice, or empty when it has not made one (the configured default applies). */
    Optional<Boolean> privateByDefault(String guildId);

    /** The channel id where this guild's moderators want citebot's reports, if they set one. */
    Optional<String> logChannel(String guildId);

    /** Every guild's own log channel, by guild id (for bot-wide announcements, which are rare). */
    Map<String, String> logChannels();

    void setPrivateByDefault(String guildId, boolean value);

    /** Sets the guild's log channel, or with an empty {@code channelId} clears it. */
    void setLogChannel(String guildId, Optional<String> channelId);
}
