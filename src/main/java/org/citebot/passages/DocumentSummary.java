package org.citebot.passages;

import org.citebot.corpus.DocumentMetadata;

/**
 * One document of the index as {@code /sources} lists it: id, metadata, passage count and origin
 * (a corpus file, or an article added by URL in a server).
 */
public record DocumentSummary(String docId, DocumentMetadata metadata, int passages, DocumentOrigin origin) {

    /** A document of the corpus folder. */
    public DocumentSummary(String docId, DocumentMetadata metadata, int passages) {
        this(docId, metadata, passages, DocumentOrigin.CORPUS);
    }
}
