package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Each guild's daily digest settings as moderators chose them with {@code /digest setup} or
 * {@code /digest off}, with the count of failed days in a row and the note left when the digest
 * paused itself. Guilds without a row fall back to the configured defaults.
 */
public final class DigestSettingsStore {

    /**
     * One guild's stored digest settings.
     *
     * @param sections section names in the order chosen
     * @param pausedNote why the digest paused itself after repeated failures; empty while running
     */
    public record StoredDigestSettings(
            String guildId,
            String channelId,
            LocalTime time,
            ZoneId zone,
            List<String> sections,
            boolean enabled,
            Optional<String> pausedNote,
            int consecutiveFailures) {

        public StoredDigestSettings {
            sections = List.copyOf(sections);
        }
    }

    private final StateStore store;

    public DigestSettingsStore(StateStore store) {
        this.store = store;
    }

    public Optional<StoredDigestSettings> find(String guildId) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM digest_settings WHERE guild_id = ?")) {
                s.setString(1, guildId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<StoredDigestSettings>empty();
                }
            }
        });
    }

    public List<StoredDigestSettings> all() {
        return store.read(c -> {
            List<StoredDigestSettings> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM digest_settings ORDER BY guild_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
    }

    /** Stores the settings as given, replacing any earlier row of the guild. */
    public void save(StoredDigestSettings settings) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO digest_settings(guild_id, channel_id, post_time, zone, sections, enabled, paused_note,
                                                consecutive_failures, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(guild_id) DO UPDATE SET channel_id = excluded.channel_id,
                        post_time = excluded.post_time, zone = excluded.zone, sections = excluded.sections,
                        enabled = excluded.enabled, paused_note = excluded.paused_note,
                        consecutive_failures = excluded.consecutive_failures, updated_at = excluded.updated_at""")) {
                s.setString(1, settings.guildId());
                s.setString(2, settings.channelId());
                s.setString(3, settings.time().toString());
                s.setString(4, settings.zone().getId());
                s.setString(5, String.join(",", settings.sections()));
                s.setInt(6, settings.enabled() ? 1 : 0);
                s.setString(7, settings.pausedNote().orElse(null));
                s.setInt(8, settings.consecutiveFailures());
                s.setString(9, store.clock().instant().toString());
                return s.executeUpdate();
            }
        });
    }

    private static StoredDigestSettings read(ResultSet rs) throws SQLException {
        String sections = rs.getString("sections");
        return new StoredDigestSettings(
                rs.getString("guild_id"),
                rs.getString("channel_id"),
                LocalTime.parse(rs.getString("post_time")),
                ZoneId.of(rs.getString("zone")),
                sections.isEmpty() ? List.of() : Arrays.asList(sections.split(",")),
                rs.getInt("enabled") != 0,
                Optional.ofNullable(rs.getString("paused_note")),
                rs.getInt("consecutive_failures"));
    }
}
