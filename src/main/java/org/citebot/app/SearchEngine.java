package org.citebot.app;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import org.citebot.config.CitebotConfig;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.CorpusIndexReport;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search half of citebot, enough for the CLI: the on-disk index, the indexer that fills it
 * from the corpus, and the search service over it. The full bot builds one of these first.
 */
public final class SearchEngine implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchEngine.class);

    private final CitebotConfig config;
    private final PassageIndex index;
    private final CorpusIndexer indexer;
    private final LuceneSearchService search;

    private SearchEngine(CitebotConfig config, PassageIndex index) {
        this.config = config;
        this.index = index;
        this.indexer = new CorpusIndexer(
                new CorpusReader(new CorpusOptions(
                        config.corpus().maxFileBytes(), config.corpus().fileTimeout())),
                new PassageSplitter(),
                index);
        this.search = new LuceneSearchService(index, SearchSettings.defaults());
    }

    /** Opens (or creates) the index at the configured place. */
    public static SearchEngine open(CitebotConfig config, Clock clock) throws IOException {
        return new SearchEngine(config, PassageIndex.open(config.index().dir(), IndexSettings.defaults(), clock));
    }

    /**
     * Builds the index from the corpus when it is empty or was written by an older schema, so a new
     * install answers at once.
     *
     * @return the report when it built, else null-free empty
     */
    public java.util.Optional<CorpusIndexReport> ensureBuilt() throws IOException {
        boolean rebuild = index.needsRebuild();
        if (!rebuild && index.metadata().documents() > 0) {
            return java.util.Optional.empty();
        }
        LOG.info(
                rebuild
                        ? "Index at {} is from an older schema; rebuilding from {}"
                        : "No index at {} yet; building from {}",
                config.index().dir(),
                config.corpus().dir());
        return java.util.Optional.of(indexer.index(config.corpus().dir(), rebuild));
    }

    /** The indexer over this engine's index, for the reindex service. */
    public CorpusIndexer indexer() {
        return indexer;
    }

    public PassageIndex index() {
        return index;
    }

    public LuceneSearchService search() {
        return search;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
