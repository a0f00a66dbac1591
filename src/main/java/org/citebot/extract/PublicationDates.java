package org.citebot.extract;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates pages declare: ISO dates and timestamps (the calendar date as the
 * page wrote it, whatever its offset), {@code 2019/11/19}, RFC 1123 ({@code Tue, 19 Nov 2019
 * 10:00:00 GMT}) and English written dates ({@code November 19, 2019}, {@code 19 Nov 2019}).
 */
final class PublicationDates {

    private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?$");
    private static final Pattern SLASHED = Pattern.compile("^(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[T ].*)?$");
    private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})(?:T.*)?$");
    private static final Pattern WEEKDAY = Pattern.compile("^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+");
    private static final Pattern TIME_TAIL = Pattern.compile("(?i)\\s*(at\\s+)?\\d{1,2}[:.]\\d{2}.*$");
    private static final List<DateTimeFormatter> WRITTEN = List.of(
            written("MMMM d, uuuu"),
            written("MMM d, uuuu"),
            written("MMMM d uuuu"),
            written("MMM d uuuu"),
            written("d MMMM uuuu"),
            written("d MMM uuuu"),
            written("d MMMM, uuuu"),
            written("d MMM, uuuu"));

    private PublicationDates() {}

    static Optional<LocalDate> parse(String raw) {
        String value = raw.strip().replaceAll("\\s+", " ");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern numeric : List.of(ISO, SLASHED, COMPACT)) {
            Matcher m = numeric.matcher(value);
            if (m.matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
        }
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toLocalDate());
        } catch (DateTimeParseException e) {
            // not a mail-style timestamp; try the written forms
        }
        String plain = TIME_TAIL
                .matcher(WEEKDAY.matcher(value).replaceFirst(""))
                .replaceFirst("")
                .replaceAll("(\\d)(st|nd|rd|th)\\b", "$1")
                .replace("Sept", "Sep")
                .replace(".", "")
                .strip();
        for (DateTimeFormatter formatter : WRITTEN) {
            try {
                return Optional.of(LocalDate.parse(plain, formatter));
            } catch (DateTimeParseException e) {
                // not this shape; try the next one
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static DateTimeFormatter written(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
