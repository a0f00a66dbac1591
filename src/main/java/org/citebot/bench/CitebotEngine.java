package org.citebot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.QueryException;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;

/**
 * citebot as the bot runs it: {@link PassageIndex#update} writes every document's passages in one
 * commit, and {@link LuceneSearchService} answers the top 5 with BM25F, proximity rescoring,
 * diversity, highlighted snippets and text-fragment links, without the cache.
 */
final class CitebotEngine implements BenchEngine {

    static final int RESULTS = 5;

    private final Clock clock;
    private final Optional<PassageEmbedder> semantic;

    /** citebot lexical, as {@code search.mode: lexical} runs it. */
    CitebotEngine(Clock clock) {
        this(clock, Optional.empty());
    }

    /** citebot hybrid when {@code semantic} is present: passages embedded as indexed, questions fused. */
    CitebotEngine(Clock clock, Optional<PassageEmbedder> semantic) {
        this.clock = clock;
        this.semantic = semantic;
    }

    @Override
    public String name() {
        return semantic.isPresent() ? "citebot-hybrid" : "citebot";
    }

    @Override
    public void index(BenchCorpus corpus, Path dir) throws IOException {
        try (PassageIndex index = PassageIndex.open(dir, IndexSettings.defaults(), clock, semantic)) {
            index.update(corpus.documents());
        }
    }

    @Override
    public Opened open(Path dir) throws IOException {
        PassageIndex index = PassageIndex.open(dir, IndexSettings.defaults(), clock, semantic);
        return new Opened(
                index, new LuceneSearchService(index, SearchSettings.defaults(), semantic.map(PassageEmbedder::model)));
    }

    /** citebot's index and search service; one service serves every thread, as in the bot. */
    static final class Opened implements OpenedSearch {

        private final PassageIndex index;
        private final LuceneSearchService service;

        Opened(PassageIndex index, LuceneSearchService service) {
            this.index = index;
            this.service = service;
        }

        LuceneSearchService service() {
            return service;
        }

        /** The generation of the serving commit, which the answer cache keys on. */
        long generation() {
            try {
                return index.metadata().generation();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public QuerySession session() {
            return this::search;
        }

        /** One uncached search of the top 5, as a user's question runs. */
        int search(String query) {
            try {
                return service.search(SearchRequest.of(query, RESULTS)).hits().size();
            } catch (QueryException e) {
                return 0;
            }
        }

        @Override
        public void close() throws IOException {
            index.close();
        }
    }
}
