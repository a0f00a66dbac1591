package org.citebot.corpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One document file found by {@link CorpusReader#list}: where it is, the id it is indexed under,
 * the size and modification time seen when it was listed, and a key for everything besides its
 * bytes that shapes its document (its manifest entry, its id, the reader's version). The indexer
 * compares these with what the index recorded to pass over an unchanged file without reading it.
 */
public final class CorpusFile {

    private final String path;
    private final String id;
    private final Path location;
    private final long size;
    private final long modifiedNanos;
    private final Optional<ManifestEntry> entry;
    private final String readingKey;

    CorpusFile(String path, String id, Path location, long size, long modifiedNanos, Optional<ManifestEntry> entry) {
        this.path = path;
        this.id = id;
        this.location = location;
        this.size = size;
        this.modifiedNanos = modifiedNanos;
        this.entry = entry;
        this.readingKey = readingKey(path, id, entry);
    }

    /** The path relative to the corpus folder, with {@code /} separators, as found (not escaped). */
    public String path() {
        return path;
    }

    /** The document id: unique in the corpus, printable (see {@link Printable}). */
    public String id() {
        return id;
    }

    /** The real path of the file read: the link's target inside the corpus folder for a link. */
    public Path location() {
        return location;
    }

    /** The size in bytes when the file was listed. */
    public long size() {
        return size;
    }

    /** The last-modified time when the file was listed, in nanoseconds since the epoch. */
    public long modifiedNanos() {
        return modifiedNanos;
    }

    /**
     * Hex SHA-256 over what besides the bytes decides the file's document: the extraction version,
     * the path, the id and the manifest entry. Equal keys and equal bytes mean an equal document.
     */
    public String readingKey() {
        return readingKey;
    }

    Optional<ManifestEntry> entry() {
        return entry;
    }

    private static String readingKey(String path, String id, Optional<ManifestEntry> entry) {
        MessageDigest digest = CorpusReader.sha256();
        for (String part : new String[] {
            Integer.toString(CorpusReader.EXTRACTION_VERSION),
            path,
            id,
            entry.map(ManifestEntry::toString).orElse("")
        }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return "CorpusFile[" + Printable.escape(path) + " as " + id + "]";
    }
}
