package org.citebot.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;

/**
 * How the corpus folder differs from what an index holds, found cheaply enough to check before
 * every command-line search: files are compared by modification time against the start of the
 * last corpus scan, and only files modified since are read and hashed against the content hash
 * the index stored for them. Used to warn that answers from an index another process keeps may be
 * stale.
 *
 * <p>What it cannot see: a file replaced by one with the same path and an older modification time
 * (as {@code cp -p} or {@code tar} may leave it) that a scan never read. Metadata from {@code
 * sources.yaml} is not compared, only whether the file was edited since the scan; a removed
 * manifest goes unnoticed.
 *
 * @param added files below the corpus folder that the index does not hold and that appeared or
 *     changed since the last scan (they may also be files the next reindex skips as unreadable)
 * @param changed files whose content differs from what was indexed
 * @param removed indexed files no longer in the corpus folder
 * @param manifestChanged {@code sources.yaml} was edited, added or removed since the last scan
 */
public record CorpusChanges(List<String> added, List<String> changed, List<String> removed, boolean manifestChanged) {

    /** The manifest's name, as the corpus reader looks for it; not a document. */
    static final String MANIFEST = "sources.yaml";

    /** Where the start of the last corpus scan is kept in the index folder. */
    static final String SCAN_FILE = "citebot-corpus-scan.txt";

    public CorpusChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** True when nothing differs. */
    public boolean none() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty() && !manifestChanged;
    }

    /** For messages: {@code 2 files changed, 1 added, 1 removed, sources.yaml edited}; empty when none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!changed.isEmpty()) {
            parts.add(changed.size() + (changed.size() == 1 ? " file" : " files") + " changed");
        }
        if (!added.isEmpty()) {
            parts.add(added.size() + " added");
        }
        if (!removed.isEmpty()) {
            parts.add(removed.size() + " removed");
        }
        if (manifestChanged) {
            parts.add(MANIFEST + " edited");
        }
        return String.join(", ", parts);
    }

    /**
     * Compares {@code corpusDir} with what {@code index} holds. The reference time is the start of
     * the last scan recorded in {@code indexDir} by {@link #recordScan}, or the commit's build time
     * when none was recorded.
     *
     * @throws NoSuchFileException when the corpus folder does not exist
     */
    public static CorpusChanges since(Path corpusDir, Path indexDir, SearchableIndex index) throws IOException {
        if (!Files.isDirectory(corpusDir)) {
            throw new NoSuchFileException(corpusDir.toString(), null, "the corpus folder does not exist");
        }
        Instant reference = lastScan(indexDir).orElse(index.metadata().builtAt());
        Map<String, String> indexed = indexedFiles(index);
        Map<String, Instant> present = listFiles(corpusDir);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Instant> file : present.entrySet()) {
            String path = file.getKey();
            if (path.equals(MANIFEST)) {
                continue;
            }
            boolean modified = file.getValue().isAfter(reference);
            String hash = indexed.get(path);
            if (hash == null) {
                if (modified) {
                    added.add(path);
                }
            } else if (modified && !hash.equals(sha256(corpusDir.resolve(path)))) {
                changed.add(path);
            }
        }
        for (String path : indexed.keySet()) {
            if (!present.containsKey(path)) {
                removed.add(path);
            }
        }
        boolean manifestChanged = Optional.ofNullable(present.get(MANIFEST))
                .map(time -> time.isAfter(reference))
                .orElse(false);
        return new CorpusChanges(added, changed, removed, manifestChanged);
    }

    /**
     * Records that a scan of the corpus started at {@code startedAt} and its result is now in the
     * index, so later checks compare against it even when the scan found nothing to commit.
     */
    public static void recordScan(Path indexDir, Instant startedAt) throws IOException {
        Path temporary = indexDir.resolve(SCAN_FILE + ".tmp");
        Files.writeString(temporary, startedAt.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, indexDir.resolve(SCAN_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Instant> lastScan(Path indexDir) {
        try {
            return Optional.of(
                    Instant.parse(Files.readString(indexDir.resolve(SCAN_FILE)).strip()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Every non-hidden file below the folder, by its path relative to it with forward slashes. */
    private static Map<String, Instant> listFiles(Path corpusDir) throws IOException {
        Map<String, Instant> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(corpusDir)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                Path relative = corpusDir.relativize(file);
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile() && !hidden(relative)) {
                    files.put(
                            relative.toString().replace(relative.getFileSystem().getSeparator(), "/"),
                            attributes.lastModifiedTime().toInstant());
                }
            }
        }
        return files;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The path and stored content hash of every document record. */
    private static Map<String, String> indexedFiles(SearchableIndex index) throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            Map<String, String> files = new HashMap<>();
            PassageIndex.forEachRecord(searcher, Set.of(IndexSchema.PATH, IndexSchema.CONTENT_HASH), record -> {
                String path = record.get(IndexSchema.PATH);
                if (path != null) {
                    files.put(path, String.valueOf(record.get(IndexSchema.CONTENT_HASH)));
                }
            });
            return files;
        } finally {
            index.release(searcher);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (NoSuchFileException e) {
            // Removed between listing and reading: it differs from what was indexed.
            return "";
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
