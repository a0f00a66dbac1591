package org.citebot.digest;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * One guild's digest schedule as it applies now: from {@code /digest setup}, or from the
 * configured defaults for a guild that never ran it.
 *
 * @param time the local time of day the digest is posted
 * @param zone the guild's time zone; the day and the hour are always computed in it
 * @param pausedNote why the digest paused itself after repeated failures; empty while it runs
 * @param fromConfig whether these come from the configuration rather than the database
 */
public record DigestSettings(
        String guildId,
        String channelId,
        LocalTime time,
        ZoneId zone,
        Set<DigestSection> sections,
        boolean enabled,
        Optional<String> pausedNote,
        int consecutiveFailures,
        boolean fromConfig) {

    public DigestSettings {
        sections = Set.copyOf(sections);
    }

    /** Enabled and not paused: the scheduler posts it. */
    public boolean active() {
        return enabled && pausedNote.isEmpty();
    }
}
