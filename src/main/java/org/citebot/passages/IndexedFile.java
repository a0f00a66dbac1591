package org.citebot.passages;

import java.util.Optional;

/**
 * What a passage store holds for one document, read from its record: how to recognise the file it
 * came from, and what it added to the store. A {@link CorpusUpdate} hands it out so the corpus
 * indexer can pass over an unchanged file without reading it.
 *
 * @param contentHash hex SHA-256 of the file's bytes when it was read
 * @param indexedHash hash over everything indexed for the document
 * @param passages how many passages the document has in the index
 * @param stamp the file's stamp; empty for documents indexed without one
 * @param origin a corpus file, or an article added by URL
 */
public record IndexedFile(
        String docId,
        String path,
        String contentHash,
        String indexedHash,
        int passages,
        Optional<FileStamp> stamp,
        DocumentOrigin origin) {}
