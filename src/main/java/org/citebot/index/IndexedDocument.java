package org.citebot.index;

import java.util.List;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;

/**
 * A corpus document with the passages it was split into: the unit {@link PassageIndex#update}
 * adds, replaces or skips as a whole.
 */
public record IndexedDocument(SourceDocument document, List<Passage> passages) {

    public IndexedDocument {
        passages = List.copyOf(passages);
    }

    public String docId() {
        return document.id();
    }
}
