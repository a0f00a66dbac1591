package org.citebot.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code .md} files: YAML front matter between {@code ---} lines supplies metadata (title,
 * author, publisher, date, url, language); ATX headings ({@code ## ...}) become known headings; inline
 * markup (emphasis, links, images, code ticks, quote markers) is reduced to its text.
 *
 * <p>Every rule runs in time linear in the line: headings, rules, images, links and strong emphasis
 * are hand-written scans, because their natural regular expressions backtrack quadratically (or
 * overflow the stack) on a long line of openers such as {@code **} or {@code [}. The two regular
 * expressions left cannot cross their own delimiter, so each character is looked at a bounded
 * number of times.
 */
final class MarkdownReader implements FormatReader {

    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        String text = TextDecoder.decode(bytes).replace("\r\n", "\n").replace('\r', '\n');
        MetadataHints metadata = MetadataHints.NONE;
        if (text.startsWith("---\n")) {
            int close = findFrontMatterEnd(text);
            if (close < 0) {
                throw new UnreadableFileException("front matter opened with --- is never closed");
            }
            metadata = frontMatter(text.substring(4, close));
            int bodyStart = text.indexOf('\n', close + 1);
            text = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
        }
        Set<String> headings = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Cancellation.check();
            Optional<String> heading = headingText(line);
            if (heading.isPresent()) {
                String title = inline(heading.get()).strip();
                if (!title.isEmpty()) {
                    headings.add(title);
                    body.append('\n').append(title).append("\n\n");
                }
            } else if (isRule(line)) {
                body.append('\n');
            } else {
                body.append(inline(line.replaceFirst("^\\s{0,3}>\\s?", ""))).append('\n');
            }
        }
        return new ExtractedText(body.toString(), metadata, headings, Set.of());
    }

    private static int findFrontMatterEnd(String text) {
        int from = 4;
        while (from <= text.length()) {
            int end = text.indexOf('\n', from);
            String line = end < 0 ? text.substring(from) : text.substring(from, end);
            if (line.strip().equals("---") || line.strip().equals("...")) {
                return from;
            }
            if (end < 0) {
                return -1;
            }
            from = end + 1;
        }
        return -1;
    }

    private static MetadataHints frontMatter(String yaml) throws UnreadableFileException {
        JsonNode node;
        try {
            node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("front matter is not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return MetadataHints.NONE;
        }
        if (!node.isObject()) {
            throw new UnreadableFileException("front matter must be a YAML mapping");
        }
        Optional<LocalDate> date =
                value(node, "date").or(() -> value(node, "published")).flatMap(DateParsing::parse);
        return new MetadataHints(
                value(node, "title"),
                value(node, "author"),
                value(node, "publisher"),
                date,
                value(node, "url").flatMap(MarkdownReader::httpUri),
                value(node, "language"));
    }

    private static Optional<String> value(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Optional<URI> httpUri(String value) {
        try {
            URI uri = new URI(value.strip());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The text of an ATX heading ({@code ## Title ##}): one to six {@code #}, whitespace, then the
     * title without the closing run of {@code #} and the whitespace around it. Empty when the line
     * is no heading.
     */
    static Optional<String> headingText(String line) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes < 1 || hashes > 6 || hashes == line.length() || !isSpace(line.charAt(hashes))) {
            return Optional.empty();
        }
        int start = hashes;
        while (start < line.length() && isSpace(line.charAt(start))) {
            start++;
        }
        int end = line.length();
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        while (end > start && line.charAt(end - 1) == '#') {
            end--;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return Optional.of(line.substring(start, end));
    }

    /** A thematic break: three or more of the same {@code -}, {@code *} or {@code _}, spaces allowed. */
    static boolean isRule(String line) {
        char mark = 0;
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isSpace(c)) {
                continue;
            }
            if (mark == 0 && (c == '-' || c == '*' || c == '_')) {
                mark = c;
            }
            if (c != mark) {
                return false;
            }
            count++;
        }
        return count >= 3;
    }

    /** Images, links, strong and plain emphasis and code ticks reduced to their text, in that order. */
    static String inline(String line) {
        String text = withoutImages(line);
        text = linksAsText(text);
        text = strongAsText(text);
        text = EMPHASIS.matcher(text).replaceAll("$1");
        return CODE.matcher(text).replaceAll("$1");
    }

    /** Removes {@code ![alt](target)}. */
    private static String withoutImages(String text) {
        return bracketsReplaced(text, "![", false);
    }

    /** Replaces {@code [text](target)} with its text. */
    private static String linksAsText(String text) {
        return bracketsReplaced(text, "[", true);
    }

    /**
     * Replaces each {@code <opener>label](target)} with its label (a link, whose label must not be
     * empty) or with nothing (an image).
     */
    private static String bracketsReplaced(String text, String opener, boolean keepLabel) {
        Cursor closeBracket = new Cursor(text, ']');
        Cursor closeParen = new Cursor(text, ')');
        return spansReplaced(text, i -> {
            if (!text.startsWith(opener, i)) {
                return null;
            }
            int labelStart = i + opener.length();
            int bracket = closeBracket.atOrAfter(labelStart);
            boolean labelOk = bracket >= 0 && (!keepLabel || bracket > labelStart);
            if (!labelOk || bracket + 1 >= text.length() || text.charAt(bracket + 1) != '(') {
                return null;
            }
            int paren = closeParen.atOrAfter(bracket + 2);
            return paren < 0 ? null : new Span(labelStart, keepLabel ? bracket : labelStart, paren + 1);
        });
    }

    /**
     * Replaces {@code **text**} and {@code __text__} with the text: an opener followed by a
     * non-space closes at the first matching closer that follows a non-space.
     */
    private static String strongAsText(String text) {
        Cursor stars = new Cursor(text, "**");
        Cursor underscores = new Cursor(text, "__");
        return spansReplaced(text, i -> {
            Cursor closers = text.startsWith("**", i) ? stars : text.startsWith("__", i) ? underscores : null;
            if (closers == null || i + 2 >= text.length() || isSpace(text.charAt(i + 2))) {
                return null;
            }
            int close = closers.atOrAfter(i + 3);
            return close < 0 ? null : new Span(i + 2, close, close + 2);
        });
    }

    /** Markup found at a position: the part of it to keep, {@code [keepFrom, keepTo)}, and where it ends. */
    private record Span(int keepFrom, int keepTo, int end) {}

    /** Finds the markup starting at a position, or null; asked for positions in increasing order. */
    @FunctionalInterface
    private interface SpanFinder {
        @Nullable
        Span at(int position);
    }

    /** One walk over {@code text}, replacing every span found with the part it keeps. */
    private static String spansReplaced(String text, SpanFinder finder) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            Span span = finder.at(i);
            if (span == null) {
                out.append(text.charAt(i));
                i++;
            } else {
                out.append(text, span.keepFrom(), span.keepTo());
                i = span.end();
            }
        }
        return out.toString();
    }

    /** What {@code \\s} matches in a Java regular expression. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The next occurrence of a delimiter at or after a position, for positions asked in increasing
     * order: the answer is remembered until the position passes it, so a whole line costs one scan
     * however many openers ask. A delimiter of two characters counts only after a non-space.
     */
    private static final class Cursor {
        private final String text;
        private final String delimiter;
        private int found = -1;
        private int searchedFrom = -1;

        Cursor(String text, char delimiter) {
            this(text, String.valueOf(delimiter));
        }

        Cursor(String text, String delimiter) {
            this.text = text;
            this.delimiter = delimiter;
        }

        int atOrAfter(int from) {
            if (searchedFrom >= 0 && from >= searchedFrom && (found < 0 || found >= from)) {
                return found;
            }
            int at = text.indexOf(delimiter, from);
            while (at >= 0 && delimiter.length() > 1 && isSpace(text.charAt(at - 1))) {
                at = text.indexOf(delimiter, at + 1);
            }
            searchedFrom = from;
            found = at;
            return found;
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
