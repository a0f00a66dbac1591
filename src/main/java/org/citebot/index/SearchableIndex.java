package org.citebot.index;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexMetadata;

/**
 * What reading the passage index needs: the serving commit's searchers, its analyzer and its
 * metadata. The search service, the catalog and the command line read through it, so they work
 * the same over the writable {@link PassageIndex} the bot holds and over a {@link ReadOnlyIndex}
 * that another process's index is opened with.
 */
public interface SearchableIndex {

    /** The analysis and BM25 parameters searches must use. */
    IndexSettings settings();

    /** The analyzer of the indexed fields; queries must be analyzed with it. */
    Analyzer analyzer();

    /** Facts about the commit now serving searches. */
    IndexMetadata metadata() throws IOException;

    /** True when the serving commit was written with another schema version or analysis. */
    boolean needsRebuild() throws IOException;

    /** Every document of the serving commit, sorted by document id; unmodifiable. */
    default List<DocumentSummary> documents() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            return documents(searcher);
        } finally {
            release(searcher);
        }
    }

    /**
     * Every document visible to {@code searcher}, one of this index's, sorted by document id;
     * unmodifiable. Read once per index version and shared by every caller until the next.
     */
    List<DocumentSummary> documents(IndexSearcher searcher) throws IOException;

    /** A searcher over the serving commit; every call is paired with {@link #release} in a finally block. */
    IndexSearcher acquire() throws IOException;

    /** Gives back a searcher from {@link #acquire}. */
    void release(IndexSearcher searcher) throws IOException;
}
