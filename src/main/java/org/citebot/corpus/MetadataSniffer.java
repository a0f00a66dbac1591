package org.citebot.corpus;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Finds title, author and date lines at the head of a text, as pasted from a web page or article:
 * a title line alone in its block, then a short name line ("Johannes Stern", "By Jane Doe") and a
 * date line ("30 June 2026", "June 30, 2026", ISO). A bare name counts as the author only beside a
 * date line or after "By", so a section heading right under the title is not mistaken for a name.
 */
final class MetadataSniffer {

    /** What the head of a text says, with the index of each line it was read from. */
    record Head(Optional<Found<String>> title, Optional<Found<String>> author, Optional<Found<LocalDate>> date) {

        MetadataHints hints() {
            return new MetadataHints(
                    title.map(Found::value),
                    author.map(Found::value),
                    Optional.empty(),
                    date.map(Found::value),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** A value and the line it came from. */
    record Found<T>(T value, int line) {}

    private static final int MAX_TITLE_WORDS = 30;
    /** Thirty long words; a longer first line is text, and looking at it closely would cost its length. */
    private static final int MAX_TITLE_CHARS = 400;

    private static final int HEAD_LINES_AFTER_TITLE = 3;
    private static final Pattern BY = Pattern.compile("^(?i)by\\s+");
    private static final Pattern NAME_WORD =
            Pattern.compile("\\p{Lu}[\\p{L}'’.-]*|\\p{Lu}\\.|van|von|de|der|da|di|du|la|le|bin|al|ibn");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    Head sniff(List<String> lines) {
        OptionalInt first = nextNonBlank(lines, 0);
        if (first.isEmpty()) {
            return new Head(Optional.empty(), Optional.empty(), Optional.empty());
        }
        int index = first.getAsInt();
        Optional<Found<String>> title = Optional.empty();
        boolean shortEnough = lines.get(index).length() <= 4 * MAX_TITLE_CHARS;
        String firstLine = shortEnough ? collapse(lines.get(index)) : "";
        if (shortEnough && firstLine.length() <= MAX_TITLE_CHARS && looksLikeTitle(lines, index, firstLine)) {
            title = Optional.of(new Found<>(firstLine, index));
            index = nextNonBlank(lines, index + 1).orElse(lines.size());
        }
        Optional<Found<String>> author = Optional.empty();
        Optional<Found<LocalDate>> date = Optional.empty();
        Optional<Found<String>> bareName = Optional.empty();
        for (int seen = 0; seen < HEAD_LINES_AFTER_TITLE && index < lines.size(); seen++) {
            String raw = lines.get(index);
            if (raw.length() > 4 * MAX_TITLE_CHARS) {
                break;
            }
            String line = collapse(raw);
            Optional<LocalDate> parsed = line.length() <= 40 ? DateParsing.parse(line) : Optional.empty();
            if (date.isEmpty() && parsed.isPresent()) {
                date = Optional.of(new Found<>(parsed.get(), index));
            } else if (author.isEmpty() && bareName.isEmpty() && isByLine(line)) {
                author = Optional.of(new Found<>(BY.matcher(line).replaceFirst(""), index));
            } else if (author.isEmpty() && bareName.isEmpty() && isName(line)) {
                bareName = Optional.of(new Found<>(line, index));
            } else {
                break;
            }
            index = nextNonBlank(lines, index + 1).orElse(lines.size());
        }
        if (author.isEmpty()
                && date.isPresent()
                && bareName.isPresent()
                && Math.abs(bareName.get().line() - date.get().line()) <= 2) {
            author = bareName;
        }
        return new Head(title, author, date);
    }

    private static boolean looksLikeTitle(List<String> lines, int index, String line) {
        boolean alone = (index == 0 || lines.get(index - 1).isBlank())
                && (index + 1 >= lines.size() || lines.get(index + 1).isBlank());
        int words = line.split(" ").length;
        boolean sentence = line.endsWith(".") && !line.endsWith("..");
        boolean moreFollows = nextNonBlank(lines, index + 1).isPresent();
        return alone
                && moreFollows
                && words <= MAX_TITLE_WORDS
                && !sentence
                && DateParsing.parse(line).isEmpty();
    }

    private static boolean isByLine(String line) {
        return BY.matcher(line).find() && isName(BY.matcher(line).replaceFirst(""));
    }

    static boolean isName(String line) {
        if (line.length() > 40 || line.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        String[] words = line.split(" ");
        if (words.length < 2 || words.length > 4) {
            return false;
        }
        for (String word : words) {
            if (!NAME_WORD.matcher(word).matches()) {
                return false;
            }
        }
        return Character.isUpperCase(words[0].charAt(0)) && Character.isUpperCase(words[words.length - 1].charAt(0));
    }

    private static OptionalInt nextNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    static String collapse(String line) {
        return SPACES.matcher(line.strip()).replaceAll(" ");
    }
}
