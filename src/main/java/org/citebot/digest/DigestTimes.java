package org.citebot.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Daylight-saving-safe arithmetic of "HH:MM local time, once per local day". A time that falls in
 * a spring-forward gap is moved later by the gap's length (02:30 becomes 03:30 CEST); a time that
 * occurs twice on a fall-back day takes its first occurrence. Each local date has exactly one
 * scheduled instant, so no day is skipped or doubled.
 */
public final class DigestTimes {

    private DigestTimes() {}

    /** A local day and the instant its digest is due. */
    public record Slot(LocalDate date, Instant due) {}

    /** When the digest of {@code date} is due. */
    public static Instant dueAt(LocalDate date, LocalTime time, ZoneId zone) {
        // ZonedDateTime.of shifts a gap time forward by the gap and picks the earlier offset in an overlap.
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The local date of {@code instant} in {@code zone}. */
    public static LocalDate localDate(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The latest slot due at or before {@code now}: today's once its time has come, else yesterday's. */
    public static Slot latestDue(Instant now, LocalTime time, ZoneId zone) {
        LocalDate today = localDate(now, zone);
        Instant due = dueAt(today, time, zone);
        if (!due.isAfter(now)) {
            return new Slot(today, due);
        }
        LocalDate yesterday = today.minusDays(1);
        return new Slot(yesterday, dueAt(yesterday, time, zone));
    }

    /** The first slot due strictly after {@code now}. */
    public static Slot nextAfter(Instant now, LocalTime time, ZoneId zone) {
        LocalDate date = localDate(now, zone).minusDays(1);
        while (true) {
            Instant due = dueAt(date, time, zone);
            if (due.isAfter(now)) {
                return new Slot(date, due);
            }
            date = date.plusDays(1);
        }
    }
}
