package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Per-guild choices moderators make, such as whether answers are private by default. */
public final class GuildSettings {

    private final StateStore store;

    public GuildSettings(StateStore store) {
        this.store = store;
    }

    /** The guild's choice, or empty when it has not made one (the configured default applies). */
    public Optional<Boolean> privateByDefault(String guildId) {
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
    }
}
