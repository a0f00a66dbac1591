package org.citebot.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexedDocument;

/**
 * Gathers corpus documents and writes them to a {@link SolrPassageStore} a batch at a time: two
 * requests per batch instead of two per document, while memory holds at most one batch. The
 * passage stores' updates use it; nothing written is searchable before the store's commit.
 */
final class SolrWriteBatch {

    /** Passages gathered before a batch is sent: a few hundred kilobytes of text per request. */
    static final int BATCH_PASSAGES = 500;

    private final SolrPassageStore target;
    private final List<SolrPassageStore.Written> pending = new ArrayList<>();
    private int pendingPassages;

    SolrWriteBatch(SolrPassageStore target) {
        this.target = target;
    }

    /** Adds a document to the batch, sending the batch once it holds {@link #BATCH_PASSAGES} passages. */
    void add(IndexedDocument document, Optional<FileStamp> stamp, Optional<List<float[]>> vectors) {
        pending.add(new SolrPassageStore.Written(document, stamp, vectors));
        pendingPassages += document.passages().size();
        if (pendingPassages >= BATCH_PASSAGES) {
            flush();
        }
    }

    /** Sends what is gathered; the last call before the commit. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<SolrPassageStore.Written> batch = List.copyOf(pending);
        pending.clear();
        pendingPassages = 0;
        target.writeAll(batch);
    }
}
