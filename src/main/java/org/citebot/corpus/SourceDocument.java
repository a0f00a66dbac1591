package org.citebot.corpus;

import java.util.List;

/**
 * A corpus file after reading and cleaning: its metadata, cleaned text and paragraphs.
 *
 * @param id stable document id, the file name without its extension (e.g. {@code 000_a1f61fe0d4b32682})
 * @param path the file's path relative to the corpus directory, with {@code /} separators
 * @param contentHash hex SHA-256 of the file's bytes, used to skip unchanged files on reindex
 * @param text the cleaned text; paragraphs are separated by a blank line
 */
public record SourceDocument(
        String id,
        String path,
        String contentHash,
        DocumentMetadata metadata,
        String text,
        List<Paragraph> paragraphs) {

    public SourceDocument {
        paragraphs = List.copyOf(paragraphs);
    }
}
