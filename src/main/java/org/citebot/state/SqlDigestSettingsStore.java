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
import org.citebot.digest.DigestSettingsStore;

/** {@link DigestSettingsStore} in the state database's {@code digest_settings}, SQLite or PostgreSQL. */
public final class SqlDigestSettingsStore implements DigestSettingsStore {

    private static final String COLUMNS =
            "guild_id, channel_id, post_time, zone, sections, enabled, paused_note," + " consecutive_failures";

    private final StateStore store;

    public SqlDigestSettingsStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Optional<StoredDigestSettings> find(String guildId) {
        return store.read(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM digest_settings WHERE guild_id = ?")) {
                s.setString(1, guildId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<StoredDigestSettings>empty();
                }
            }
        });
    }

    @Override
    public List<StoredDigestSettings> all() {
        return store.read(c -> {
            List<StoredDigestSettings> rows = new ArrayList<>();
            try (PreparedStatement s =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM digest_settings ORDER BY guild_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public void save(StoredDigestSettings settings) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO digest_settings(" + COLUMNS + ", updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT(guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
                    + " post_time = excluded.post_time, zone = excluded.zone, sections = excluded.sections,"
                    + " enabled = excluded.enabled, paused_note = excluded.paused_note,"
                    + " consecutive_failures = excluded.consecutive_failures, updated_at = excluded.updated_at")) {
                s.setString(1, settings.guildId());
                s.setString(2, settings.channelId());
                s.setString(3, settings.time().toString());
                s.setString(4, settings.zone().getId());
                s.setString(5, String.join(",", settings.sections()));
                s.setBoolean(6, settings.enabled());
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
                rs.getBoolean("enabled"),
                Optional.ofNullable(rs.getString("paused_note")),
                rs.getInt("consecutive_failures"));
    }
}
