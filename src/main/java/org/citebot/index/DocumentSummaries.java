package org.citebot.index;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.citebot.passages.DocumentSummary;
import org.jspecify.annotations.Nullable;

/**
 * The document summaries of the index version last asked for, read once for that version: the
 * catalog reads them after every reindex and a search that finds nothing names the closest titles
 * from them, and reading them means decompressing the stored fields of the whole index (0.2 s at
 * 100,000 passages, 2 s at a million), which every such search used to pay. Both get the same
 * list, so it is held once. Thread-safe: a version is read by one thread while the others wait.
 */
final class DocumentSummaries {

    private final ReentrantLock reading = new ReentrantLock();
    private volatile @Nullable Version last;

    private record Version(IndexReader.CacheKey reader, List<DocumentSummary> documents) {}

    /** Every document visible to {@code searcher}, sorted by document id; unmodifiable. */
    List<DocumentSummary> of(IndexSearcher searcher) throws IOException {
        IndexReader.CacheHelper helper = searcher.getIndexReader().getReaderCacheHelper();
        if (helper == null) {
            return PassageIndex.readSummaries(searcher);
        }
        Version seen = last;
        if (seen != null && seen.reader() == helper.getKey()) {
            return seen.documents();
        }
        reading.lock();
        try {
            seen = last;
            if (seen != null && seen.reader() == helper.getKey()) {
                return seen.documents();
            }
            List<DocumentSummary> documents = PassageIndex.readSummaries(searcher);
            last = new Version(helper.getKey(), documents);
            return documents;
        } finally {
            reading.unlock();
        }
    }
}
