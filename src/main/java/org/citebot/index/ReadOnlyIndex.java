package org.citebot.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexMetadata;

/**
 * The passage index opened for reading only: no {@code IndexWriter}, so it takes no write lock and
 * any number of processes can open it while the bot, the console or {@code citebot index} writes.
 * It serves the last commit present when it was opened; Lucene keeps that commit's files readable
 * even when the writer deletes them meanwhile. The command line's {@code search} opens the index
 * this way whenever it is built.
 */
public final class ReadOnlyIndex implements SearchableIndex, Closeable {

    private final Directory directory;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final SearcherManager searchers;
    private final DocumentSummaries summaries = new DocumentSummaries();

    private ReadOnlyIndex(Directory directory, IndexSettings settings) throws IOException {
        this.directory = directory;
        this.settings = settings;
        this.analyzer = IndexSchema.perFieldAnalyzer(settings.contentAnalyzer().get());
        try {
            this.searchers = new SearcherManager(directory, new ScoringSearchers(settings.similarity()));
        } catch (IOException | RuntimeException e) {
            analyzer.close();
            throw e;
        }
    }

    /**
     * Opens the last commit in {@code path} for reading, or empty when there is no index there yet
     * (no folder, or a folder without a commit). Creates nothing on disk.
     */
    public static Optional<ReadOnlyIndex> open(Path path, IndexSettings settings) throws IOException {
        if (!Files.isDirectory(path)) {
            return Optional.empty();
        }
        Directory directory = FSDirectory.open(path);
        try {
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                return Optional.empty();
            }
            return Optional.of(new ReadOnlyIndex(directory, settings));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw e;
        }
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    @Override
    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public IndexMetadata metadata() throws IOException {
        return PassageIndex.fromUserData(commitUserData());
    }

    @Override
    public boolean needsRebuild() throws IOException {
        return PassageIndex.needsRebuild(commitUserData(), settings);
    }

    @Override
    public List<DocumentSummary> documents(IndexSearcher searcher) throws IOException {
        return summaries.of(searcher);
    }

    @Override
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    @Override
    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, analyzer, directory);
    }

    private Map<String, String> commitUserData() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
            return reader.getIndexCommit().getUserData();
        } finally {
            release(searcher);
        }
    }

    /** Searchers that score with the index's BM25 parameters, as the writable index's do. */
    private static final class ScoringSearchers extends SearcherFactory {

        private final Similarity similarity;

        ScoringSearchers(Similarity similarity) {
            this.similarity = similarity;
        }

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(similarity);
            return searcher;
        }
    }
}
