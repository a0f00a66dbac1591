package org.citebot.corpus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of the publication dates found in corpus files: ISO ({@code 2026-06-30}, also
 * the date part of an ISO timestamp), {@code 30 June 2026} and {@code June 30, 2026}, months in
 * full or abbreviated English.
 */
final class DateParsing {

    private static final Pattern ISO_PREFIX = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?:[T ].*)?$");
    private static final List<DateTimeFormatter> WRITTEN = List.of(
            formatter("d MMMM uuuu"),
            formatter("d MMM uuuu"),
            formatter("MMMM d, uuuu"),
            formatter("MMM d, uuuu"),
            formatter("MMMM d uuuu"),
            formatter("MMM d uuuu"));

    private DateParsing() {}

    static Optional<LocalDate> parse(String raw) {
        String value =
                raw.strip().replaceAll("\\s+", " ").replaceFirst("^(?i)(published|posted|updated|date):?\\s+", "");
        Matcher iso = ISO_PREFIX.matcher(value);
        if (iso.matches()) {
            try {
                return Optional.of(LocalDate.parse(iso.group(1)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        // "Sept." and "Jun." style abbreviations: the formatter wants the bare word.
        String plain = value.replace(".", "");
        for (DateTimeFormatter formatter : WRITTEN) {
            try {
                return Optional.of(LocalDate.parse(plain, formatter));
            } catch (DateTimeParseException e) {
                // not this shape; try the next one
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
