package org.citebot.passages;

import java.util.List;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;

/**
 * A corpus document with the passages it was split into: the unit a passage store's update
 * adds, replaces or skips as a whole.
 *
 * @param origin a corpus file, or an article added by URL and the server it belongs to
 */
public record IndexedDocument(SourceDocument document, List<Passage> passages, DocumentOrigin origin) {

    public IndexedDocument {
        passages = List.copyOf(passages);
    }

    /** A file of the corpus folder. */
    public IndexedDocument(SourceDocument document, List<Passage> passages) {
        this(document, passages, DocumentOrigin.CORPUS);
    }

    public String docId() {
        return document.id();
    }
}
