package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-guild choices moderators make, such as whether answers are private by default.
 *
 * <p>Every interaction asks for its guild's choice on JDA's gateway thread, so reads come from
 * memory: the first read of a guild loads it from the database, and writes go to the database first
 * and then to memory. That is exact because one citebot process owns its state file.
 */
public final class GuildSettings {

    private final StateStore store;
    private final Map<String, Optional<Boolean>> privateByDefault = new ConcurrentHashMap<>();

    public GuildSettings(StateStore store) {
        this.store = store;
    }

    /** The guild's choice, or empty when it has not made one (the configured default applies). */
    public Optional<Boolean> privateByDefault(String guildId) {
        Optional<Boolean> known = privateByDefault.get(guildId);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the database read must not run under the map's bin lock.
        Optional<Boolean> stored = load(guildId);
        Optional<Boolean> raced = privateByDefault.putIfAbsent(guildId, stored);
        return raced != null ? raced : stored;
    }

    private Optional<Boolean> load(String guildId) {
        return store.read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT private_by_default FROM guild_settings WHERE guild_id = ?")) {
                s.setString(1, guildId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Boolean>empty();
                    }
                    int value = rs.getInt(1);
                    return rs.wasNull() ? Optional.<Boolean>empty() : Optional.of(value != 0);
                }
            }
        });
    }

    public void setPrivateByDefault(String guildId, boolean value) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO guild_settings(guild_id, private_by_default, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(guild_id) DO UPDATE SET private_by_default = excluded.private_by_default,
                                                        updated_at = excluded.updated_at""")) {
                s.setString(1, guildId);
                s.setInt(2, value ? 1 : 0);
                s.setString(3, store.clock().instant().toString());
                return s.executeUpdate();
            }
        });
        privateByDefault.put(guildId, Optional.of(value));
    }
}
