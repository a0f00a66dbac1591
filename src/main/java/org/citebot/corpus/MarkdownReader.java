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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .md} files: YAML front matter between {@code ---} lines supplies metadata (title,
 * author, publisher, date, url, language); ATX headings ({@code ## ...}) become known headings; inline
 * markup (emphasis, links, images, code ticks, quote markers) is reduced to its text.
 */
final class MarkdownReader implements FormatReader {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        String text = TextDecoder.decodeUtf8(bytes).replace("\r\n", "\n").replace('\r', '\n');
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
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String title = inline(heading.group(1)).strip();
                if (!title.isEmpty()) {
                    headings.add(title);
                    body.append('\n').append(title).append("\n\n");
                }
            } else if (RULE.matcher(line).matches()) {
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

    private static String inline(String line) {
        String text = IMAGE.matcher(line).replaceAll("");
        text = LINK.matcher(text).replaceAll("$1");
        text = STRONG.matcher(text).replaceAll("$2");
        text = EMPHASIS.matcher(text).replaceAll("$1");
        return CODE.matcher(text).replaceAll("$1");
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
