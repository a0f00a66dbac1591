package org.citebot.digest;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Each guild's daily digest settings as moderators chose them with {@code /digest setup} or
 * {@code /digest off}, with the count of failed days in a row and the note left when the digest
 * paused itself. Guilds without stored settings fall back to the configured defaults. Read by
 * {@link DigestService} on every use, never cached, so a change made by another process applies at
 * once.
 */
public interface DigestSettingsStore {

    /**
     * One guild's stored digest settings.
     *
     * @param sections section names in the order chosen
     * @param pausedNote why the digest paused itself after repeated failures; empty while running
     */
    record StoredDigestSettings(
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

    Optional<StoredDigestSettings> find(String guildId);

    /** Every guild's stored settings, by guild id. */
    List<StoredDigestSettings> all();

    /** Stores the settings as given, replacing any earlier ones of the guild. */
    void save(StoredDigestSettings settings);
}
