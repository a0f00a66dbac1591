package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-guild choices moderators make: whether answers are private by default, and the guild's own
 * moderator log channel.
 *
 * <p>Every interaction asks for its guild's choice on JDA's gateway thread, so reads come from
 * memory: the first read of a guild loads it from the database, and writes go to the database first
 * and then to memory. That is exact because one citebot process owns its state file.
 */
public final class GuildSettings {

    /** One guild's row; empty values mean the guild has not chosen (the configured default applies). */
    private record Stored(Optional<Boolean> privateByDefault, Optional<String> logChannel) {

        static final Stored NONE = new Stored(Optional.empty(), Optional.empty());
    }

    private final StateStore store;
    private final Map<String, Stored> cache = new ConcurrentHashMap<>();

    public GuildSettings(StateStore store) {
        this.store = store;
    }

    /** The guild's choice, or empty when it has not made one (the configured default applies). */
    public Optional<Boolean> privateByDefault(String guildId) {
        return stored(guildId).privateByDefault();
    }

    /** The channel id where this guild's moderators want citebot's reports, if they set one. */
    public Optional<String> logChannel(String guildId) {
        return stored(guildId).logChannel();
    }

    /**
     * Every guild's own log channel, by guild id, read from the database (for bot-wide
     * announcements, which are rare; it does not fill the cache with every guild).
     */
    public Map<String, String> logChannels() {
        return store.read(c -> {
            Map<String, String> channels = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT guild_id, log_channel_id FROM guild_settings WHERE log_channel_id IS NOT NULL"
                                    + " ORDER BY guild_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    channels.put(rs.getString(1), rs.getString(2));
                }
            }
            return channels;
        });
    }

    public synchronized void setPrivateByDefault(String guildId, boolean value) {
        Stored current = stored(guildId);
        write(guildId, "private_by_default", value ? 1 : 0);
        cache.put(guildId, new Stored(Optional.of(value), current.logChannel()));
    }

    /** Sets the guild's log channel, or with an empty {@code channelId} clears it. */
    public synchronized void setLogChannel(String guildId, Optional<String> channelId) {
        Stored current = stored(guildId);
        write(guildId, "log_channel_id", channelId.orElse(null));
        cache.put(guildId, new Stored(current.privateByDefault(), channelId));
    }

    private Stored stored(String guildId) {
        Stored known = cache.get(guildId);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the database read must not run under the map's bin lock.
        Stored loaded = load(guildId);
        Stored raced = cache.putIfAbsent(guildId, loaded);
        return raced != null ? raced : loaded;
    }

    private Stored load(String guildId) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT private_by_default, log_channel_id FROM guild_settings WHERE guild_id = ?")) {
                s.setString(1, guildId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Stored.NONE;
                    }
                    int privateValue = rs.getInt(1);
                    Optional<Boolean> privateByDefault =
                            rs.wasNull() ? Optional.empty() : Optional.of(privateValue != 0);
                    return new Stored(privateByDefault, Optional.ofNullable(rs.getString(2)));
                }
            }
        });
    }

    /** Upserts one column of the guild's row; {@code column} is one of this class's constants, never input. */
    private void write(String guildId, String column, Object value) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO guild_settings(guild_id, " + column
                    + ", updated_at) VALUES (?, ?, ?) ON CONFLICT(guild_id) DO UPDATE SET " + column + " = excluded."
                    + column + ", updated_at = excluded.updated_at")) {
                s.setString(1, guildId);
                s.setObject(2, value);
                s.setString(3, store.clock().instant().toString());
                return s.executeUpdate();
            }
        });
    }
}
