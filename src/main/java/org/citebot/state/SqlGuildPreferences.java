package org.citebot.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.citebot.command.GuildPreferences;

/**
 * {@link GuildPreferences} in the state database's {@code guild_settings}, with a copy in memory.
 *
 * <p>Every interaction asks for its guild's choice on the platform's event thread, so reads come
 * from memory: the first read of a guild loads it from the database. Every change, made by this
 * process or any other sharing the database, takes the next number of the {@code guild_settings}
 * change counter, and {@link #refresh()} (run every second by the composition root) reads the rows
 * changed since the highest number it has seen. The counter's row is locked by each change until it
 * commits, so numbers become visible in order and none is passed over. The copy keeps, per guild,
 * the row with the highest number, whatever order loads, writes and refreshes arrive in.
 */
public final class SqlGuildPreferences implements GuildPreferences {

    private static final String COUNTER = "guild_settings";

    /** One guild's row; empty values mean the guild has not chosen (the configured default applies). */
    private record Stored(Optional<Boolean> privateByDefault, Optional<String> logChannel, long version) {

        static final Stored NONE = new Stored(Optional.empty(), Optional.empty(), 0);

        static Stored newer(Stored known, Stored arriving) {
            return arriving.version() > known.version() ? arriving : known;
        }
    }

    private final StateStore store;
    private final Map<String, Stored> cache = new ConcurrentHashMap<>();
    /** The highest change number read so far; every change up to it is in {@link #cache} or never read. */
    private volatile long seen;

    /** Reads the change counter, so that later refreshes read only what changes from now on. */
    public SqlGuildPreferences(StateStore store) {
        this.store = store;
        this.seen = store.read(SqlGuildPreferences::counter);
    }

    @Override
    public Optional<Boolean> privateByDefault(String guildId) {
        return stored(guildId).privateByDefault();
    }

    @Override
    public Optional<String> logChannel(String guildId) {
        return stored(guildId).logChannel();
    }

    /** Read from the database, not the copy (rare, and it does not fill the copy with every guild). */
    @Override
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

    @Override
    public void setPrivateByDefault(String guildId, boolean value) {
        write(guildId, "private_by_default", value);
    }

    @Override
    public void setLogChannel(String guildId, Optional<String> channelId) {
        write(guildId, "log_channel_id", channelId.orElse(null));
    }

    /**
     * Reads the guilds whose settings changed (through any process) since the last refresh into the
     * copy in memory; returns how many rows it read.
     */
    public int refresh() {
        long since = seen;
        Map<String, Stored> changed = store.read(c -> {
            Map<String, Stored> rows = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT guild_id, private_by_default, log_channel_id, version FROM guild_settings"
                            + " WHERE version > ? ORDER BY version")) {
                s.setLong(1, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), read(rs));
                    }
                }
            }
            return rows;
        });
        long highest = since;
        for (Map.Entry<String, Stored> row : changed.entrySet()) {
            cache.merge(row.getKey(), row.getValue(), Stored::newer);
            highest = Math.max(highest, row.getValue().version());
        }
        seen = highest;
        return changed.size();
    }

    private Stored stored(String guildId) {
        Stored known = cache.get(guildId);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the database read must not run under the map's bin lock.
        Stored loaded = store.read(c -> load(c, guildId));
        return cache.merge(guildId, loaded, Stored::newer);
    }

    /** Upserts one column of the guild's row under the next change number; {@code column} is a constant here, never input. */
    private void write(String guildId, String column, Object value) {
        Stored written = store.transaction(c -> {
            long version;
            try (PreparedStatement bump =
                    c.prepareStatement("UPDATE change_counters SET version = version + 1 WHERE name = ?")) {
                bump.setString(1, COUNTER);
                bump.executeUpdate();
            }
            version = counter(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO guild_settings(guild_id, " + column
                    + ", updated_at, version) VALUES (?, ?, ?, ?) ON CONFLICT(guild_id) DO UPDATE SET " + column
                    + " = excluded." + column + ", updated_at = excluded.updated_at, version = excluded.version")) {
                s.setString(1, guildId);
                if (value instanceof Boolean flag) {
                    s.setBoolean(2, flag);
                } else {
                    s.setString(2, (String) value);
                }
                s.setString(3, store.clock().instant().toString());
                s.setLong(4, version);
                s.executeUpdate();
            }
            return load(c, guildId);
        });
        cache.merge(guildId, written, Stored::newer);
    }

    private static long counter(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM change_counters WHERE name = ?")) {
            s.setString(1, COUNTER);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no change counter for " + COUNTER);
                }
                return rs.getLong(1);
            }
        }
    }

    private static Stored load(Connection c, String guildId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT guild_id, private_by_default, log_channel_id, version"
                + " FROM guild_settings WHERE guild_id = ?")) {
            s.setString(1, guildId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : Stored.NONE;
            }
        }
    }

    private static Stored read(ResultSet rs) throws SQLException {
        boolean privateValue = rs.getBoolean(2);
        Optional<Boolean> privateByDefault = rs.wasNull() ? Optional.empty() : Optional.of(privateValue);
        return new Stored(privateByDefault, Optional.ofNullable(rs.getString(3)), rs.getLong(4));
    }
}
