package org.citebot.corpus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The corpus manifest, {@code sources.yaml} at the root of the corpus directory: per-file metadata
 * and article markers, validated strictly so a typo fails loudly instead of being ignored.
 */
final class Manifest {

    /** The manifest's file name; it is not a document and is never reported as skipped. */
    static final String FILE_NAME = "sources.yaml";

    static final Manifest EMPTY = new Manifest(Map.of());

    private static final Set<String> ENTRY_KEYS =
            Set.of("file", "title", "author", "publisher", "published", "url", "language", "article");
    private static final Set<String> ARTICLE_KEYS = Set.of("startsAfter", "endsBefore");

    private final Map<String, ManifestEntry> entries;

    private Manifest(Map<String, ManifestEntry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** The entry for a file, by its path relative to the corpus directory. */
    Optional<ManifestEntry> entry(String relativePath) {
        return Optional.ofNullable(entries.get(relativePath));
    }

    Map<String, ManifestEntry> entries() {
        return entries;
    }

    /**
     * Reads the manifest in the corpus folder whose real path is {@code root}, or an empty one when
     * there is none. The manifest obeys the rules for corpus files: a link must lead to a regular
     * file inside the folder, and it is read only up to {@code maxBytes}.
     *
     * @throws ManifestException naming the file and the problem when it cannot be used
     */
    static Manifest loadFrom(Path root, long maxBytes) {
        Path file = root.resolve(FILE_NAME);
        try {
            BasicFileAttributes own;
            try {
                own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return EMPTY;
            }
            CorpusFiles.Resolution resolution = CorpusFiles.resolve(root, file, own);
            if (resolution instanceof CorpusFiles.Refused refused) {
                throw new ManifestException(file + ": " + refused.reason());
            }
            byte[] bytes = CorpusFiles.readAtMost(((CorpusFiles.Readable) resolution).real(), maxBytes);
            return parse(TextDecoder.decode(bytes), file.toString());
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read manifest: " + e.getMessage(), e);
        } catch (CorpusFiles.TooLargeException | UnreadableFileException e) {
            throw new ManifestException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a manifest file.
     *
     * @throws ManifestException naming the file and the problem when it is not valid
     */
    static Manifest load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read manifest: " + e.getMessage(), e);
        }
        return parse(yaml, file.toString());
    }

    static Manifest parse(String yaml, String fileName) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            rejectAliases(mapper, yaml, fileName);
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ManifestException(
                    fileName + ": not valid YAML: " + Printable.escape(String.valueOf(e.getOriginalMessage())), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return EMPTY;
        }
        if (!root.isObject() || !root.has("sources")) {
            throw new ManifestException(fileName + ": expected a top-level key 'sources' holding a list of entries");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("sources")) {
                throw new ManifestException(
                        fileName + ": unknown top-level key '" + Printable.escape(name) + "' (allowed: sources)");
            }
        }
        JsonNode sources = root.get("sources");
        if (sources.isNull()) {
            return EMPTY;
        }
        if (!sources.isArray()) {
            throw new ManifestException(fileName + ": 'sources' must be a list of entries");
        }
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : sources) {
            index++;
            ManifestEntry entry = new EntryParser(fileName, index, node).parse();
            if (entries.put(entry.file(), entry) != null) {
                throw new ManifestException(fileName + ": entry " + index + " names '" + Printable.escape(entry.file())
                        + "', which an earlier entry already describes");
            }
        }
        return new Manifest(entries);
    }

    /**
     * Refuses YAML aliases ({@code *name}): the YAML reader would silently turn one into the text of
     * its anchor's name, so a value would quietly be wrong.
     */
    private static void rejectAliases(ObjectMapper mapper, String yaml, String fileName)
            throws JsonProcessingException {
        try (JsonParser parser = mapper.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
                    throw new ManifestException(
                            fileName + ": " + where(parser.getParsingContext().pathAsPointer())
                                    + " is the YAML alias *" + Printable.escape(parser.getText())
                                    + "; aliases are not supported, write the value out");
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string failed", e);
        }
    }

    /** "entry 2, key 'title'" for {@code /sources/1/title}; "key 'x.y'" outside the entries. */
    private static String where(JsonPointer pointer) {
        List<String> steps = new ArrayList<>();
        for (JsonPointer step = pointer; step != null && !step.matches(); step = step.tail()) {
            steps.add(step.getMatchingIndex() >= 0 ? "#" + step.getMatchingIndex() : step.getMatchingProperty());
        }
        if (steps.size() >= 2 && steps.get(0).equals("sources") && steps.get(1).startsWith("#")) {
            String entry = "entry " + (Integer.parseInt(steps.get(1).substring(1)) + 1);
            List<String> key = steps.subList(2, steps.size());
            return key.isEmpty() ? entry : entry + ", key '" + Printable.escape(String.join(".", key)) + "'";
        }
        return "key '" + Printable.escape(String.join(".", steps)) + "'";
    }

    /** Validates one list entry; every error names the manifest file and the entry's position. */
    private static final class EntryParser {
        private final String fileName;
        private final int index;
        private final JsonNode node;

        EntryParser(String fileName, int index, JsonNode node) {
            this.fileName = fileName;
            this.index = index;
            this.node = node;
        }

        ManifestEntry parse() {
            if (!node.isObject()) {
                throw error("must be a mapping with at least a 'file' key");
            }
            rejectUnknownKeys(node, ENTRY_KEYS, "");
            String file = text("file").orElseThrow(() -> error("has no 'file'"));
            if (file.startsWith("/") || file.contains("\\") || file.contains("..")) {
                throw error(
                        "'file' must be a path relative to the corpus directory with / separators, got '" + file + "'");
            }
            MetadataHints hints = new MetadataHints(
                    text("title"), text("author"), text("publisher"), date(), url(), text("language"));
            Optional<String> startsAfter = Optional.empty();
            Optional<String> endsBefore = Optional.empty();
            JsonNode article = node.get("article");
            if (article != null && !article.isNull()) {
                if (!article.isObject()) {
                    throw error("'article' must be a mapping with 'startsAfter' and/or 'endsBefore'");
                }
                rejectUnknownKeys(article, ARTICLE_KEYS, "article.");
                startsAfter = text(article.get("startsAfter"), "article.startsAfter");
                endsBefore = text(article.get("endsBefore"), "article.endsBefore");
            }
            return new ManifestEntry(file, hints, startsAfter, endsBefore);
        }

        private void rejectUnknownKeys(JsonNode object, Set<String> allowed, String prefix) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error("has unknown key '" + prefix + name + "' (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private Optional<String> text(String key) {
            return text(node.get(key), key);
        }

        private Optional<String> text(JsonNode value, String key) {
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isValueNode()) {
                throw error("'" + key + "' must be a single value");
            }
            String text = value.asText().strip();
            if (text.isEmpty()) {
                throw error("'" + key + "' is empty; leave the key out when the value is not known");
            }
            return Optional.of(text);
        }

        private Optional<LocalDate> date() {
            return text("published").map(value -> {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw error("'published' must be an ISO date like 2026-06-30, got '" + value + "'");
                }
            });
        }

        private Optional<URI> url() {
            return text("url").map(value -> {
                try {
                    URI uri = new URI(value);
                    String scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                        throw error("'url' must be an absolute http(s) address, got '" + value + "'");
                    }
                    return uri;
                } catch (URISyntaxException e) {
                    throw error("'url' is not a valid address: " + e.getMessage());
                }
            });
        }

        private ManifestException error(String problem) {
            // Values quoted from the file may hold control characters; the message goes to a terminal.
            return new ManifestException(
                    fileName + ": " + Printable.escape("entry " + index + describeFile() + " " + problem));
        }

        private String describeFile() {
            JsonNode file = node.isObject() ? node.get("file") : null;
            return file != null && file.isValueNode() ? " (file '" + file.asText() + "')" : "";
        }
    }
}
