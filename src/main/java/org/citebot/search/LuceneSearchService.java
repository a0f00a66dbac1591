package org.citebot.search;

import java.util.Optional;
import org.citebot.index.SearchableIndex;
import org.citebot.semantic.TextEmbedder;

/**
 * Searches the embedded passage index ({@link SearchableIndex}, writable or read-only): the
 * engine-neutral {@link SearchPipeline} over the Lucene {@link LuceneSearchPort}. The composition
 * root builds one and hands it (behind the cache) to every command as a {@link PassageSearch}.
 */
public final class LuceneSearchService implements PassageSearch, QueryNormalizer {

    /** See {@link SearchPipeline#EXACT_TOTAL_UP_TO}. */
    static final int EXACT_TOTAL_UP_TO = SearchPipeline.EXACT_TOTAL_UP_TO;

    private final SearchPipeline pipeline;

    /** A lexical search service: BM25F alone. */
    public LuceneSearchService(SearchableIndex index, SearchSettings settings) {
        this(index, settings, Optional.empty());
    }

    /**
     * A hybrid search service when {@code model} is present and the index holds its vectors (searches
     * fall back to lexical, per search, on an index without them), else a lexical one.
     */
    public LuceneSearchService(SearchableIndex index, SearchSettings settings, Optional<TextEmbedder> model) {
        this.pipeline = new SearchPipeline(new LuceneSearchPort(index, settings), index.analyzer(), settings, model);
    }

    /**
     * The canonical form of a query as {@link SearchResults#normalizedQuery()} reports it, without
     * searching: caches key on it.
     *
     * @throws QueryException when the query cannot be searched
     */
    @Override
    public String normalize(String query) {
        return pipeline.normalize(query);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return pipeline.search(request);
    }
}
