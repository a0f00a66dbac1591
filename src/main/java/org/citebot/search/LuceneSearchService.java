package org.citebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.citebot.index.PassageDocuments;
import org.citebot.index.SearchableIndex;
import org.citebot.passages.StoredPassage;
import org.citebot.semantic.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the passage index ({@link SearchableIndex}, writable or read-only): parses the query ({@link UserQueryParser}), selects and scores
 * passages with BM25F ({@link LexicalQueries}), re-ranks the leading candidates for proximity and
 * diversity ({@link Reranking}), marks the page's matches ({@link PassageHighlighter}) and, when
 * nothing matches, offers corrections and close titles ({@link NoMatchSuggestions}). The composition
 * root builds one and hands it (behind the cache) to every command as a {@link PassageSearch}.
 */
public final class LuceneSearchService implements PassageSearch, QueryNormalizer {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchService.class);

    /**
     * Matching passages are counted exactly up to this many (or the collected depth, if deeper); a
     * common query reports "at least" this many instead of paying for a full count.
     */
    static final int EXACT_TOTAL_UP_TO = 1_000;

    private final SearchableIndex index;
    private final SearchSettings settings;
    private final UserQueryParser parser;
    private final LexicalQueries queries;
    private final Reranking reranking;
    private final PassageHighlighter highlighter;
    private final NoMatchSuggestions suggestions;
    private final RelevanceFloor floor;
    private final Optional<VectorLeg> semantic;

    /** A lexical search service: BM25F alone. */
    public LuceneSearchService(SearchableIndex index, SearchSettings settings) {
        this(index, settings, Optional.empty());
    }

    /**
     * A hybrid search service when {@code model} is present and the index holds its vectors (searches
     * fall back to lexical, per search, on an index without them), else a lexical one.
     */
    public LuceneSearchService(SearchableIndex index, SearchSettings settings, Optional<TextEmbedder> model) {
        this.semantic = model.map(embedder -> new VectorLeg(embedder, settings.vectorNeighbours()));
        this.floor = new RelevanceFloor(settings);
        this.index = index;
        this.settings = settings;
        this.parser = new UserQueryParser(index.analyzer(), settings.questionWords());
        this.queries = new LexicalQueries(settings, index.settings());
        this.reranking = new Reranking(settings);
        this.highlighter = new PassageHighlighter();
        this.suggestions = new NoMatchSuggestions(parser);
    }

    /**
     * The canonical form of a query as {@link SearchResults#normalizedQuery()} reports it, without
     * searching: caches key on it.
     *
     * @throws QueryException when the query cannot be searched
     */
    @Override
    public String normalize(String query) {
        return parser.parse(query).normalized();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        long started = System.nanoTime();
        ParsedQuery parsed = parser.parse(request.query());
        Query matching = queries.matching(parsed, request.filters());
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return search(searcher, request, parsed, matching, started);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the passage index failed", e);
        }
    }

    private SearchResults search(
            IndexSearcher searcher, SearchRequest request, ParsedQuery parsed, Query matching, long started)
            throws IOException {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) request.offset() + request.limit());
        Optional<VectorLeg> leg = semantic.filter(vectors -> vectors.covers(searcher));
        // The fewer hits collected, the sooner Lucene can skip what cannot reach them: a lexical page
        // collects only the candidate window (or the page), a hybrid one what the fusion takes.
        // Diversity does not widen it: a second, as cheap query runs only when one document fills
        // the first results (below).
        int collected = Math.max(settings.candidateWindow(), wanted);
        if (leg.isPresent()) {
            collected = Math.max(collected, settings.vectorNeighbours());
        }
        // Never ask for more hits than there are documents: a huge offset must not allocate a huge queue.
        int depth = Math.min(collected, Math.max(1, searcher.getIndexReader().maxDoc()));
        // Counting every match would switch off Lucene's skipping of non-competitive documents (an
        // extra count() pass cost ~23% of a search at 100k passages); count exactly up to a threshold
        // and report a lower bound beyond it. The top hits are the same either way.
        int countUpTo = Math.max(EXACT_TOTAL_UP_TO, depth);
        TopDocs top = searcher.search(matching, new TopScoreDocCollectorManager(depth, null, countUpTo));
        boolean totalIsLowerBound = top.totalHits.relation != TotalHits.Relation.EQUAL_TO;
        // Past the threshold Lucene's figure depends on segment layout and skipping; the threshold
        // itself is a bound that stays the same from one index version to the next.
        long lexicalHits = totalIsLowerBound ? countUpTo : top.totalHits.value;
        long totalHits = lexicalHits;
        Optional<Query> proximity = queries.proximity(parsed);
        ScoreDoc[] rescored = reranking.rescoreForProximity(searcher, proximity, top.scoreDocs);
        int bestLexical = rescored.length == 0 ? -1 : rescored[0].doc;
        double bestCosine = Double.NaN;
        SearchMode mode = SearchMode.LEXICAL;
        ScoreDoc[] candidates = rescored;
        double coverage = floor.bestCoverage(searcher, parsed, bestLexical);
        boolean wordsMatch = floor.wordsMatch(coverage);
        if (leg.isPresent()) {
            ScoreDoc[] neighbours =
                    leg.get().nearest(searcher, parsed.question(), queries.constraints(parsed, request.filters()));
            bestCosine = neighbours.length == 0 ? -1 : VectorLeg.cosine(neighbours[0].score);
            // Only passages close in meaning take part (k neighbours always exist, related or not),
            // unless nothing is: then the closest few are shown under "nothing answers this well".
            ScoreDoc[] nearest = VectorLeg.closeEnough(neighbours, settings.semanticFloor());
            if (nearest.length == 0 && lexicalHits == 0) {
                nearest = Arrays.copyOf(neighbours, Math.min(neighbours.length, wanted));
            }
            // When the words hardly match, the passages they rank are noise beside the meaning's:
            // fusing them would put any weak word match above the passage that means the question.
            Reranking.Fused fused =
                    wordsMatch ? reranking.fuse(rescored, nearest) : reranking.meaningFirst(rescored, nearest);
            candidates = fused.ranking();
            totalHits += fused.semanticOnly();
            mode = SearchMode.HYBRID;
        }
        boolean goodMatch = floor.passes(coverage, bestCosine);
        List<ScoreDoc> ranked = leg.isPresent()
                ? reranking.diversify(searcher.getIndexReader(), candidates, settings.vectorNeighbours())
                : diversifyLexical(searcher, parsed, request.filters(), proximity, rescored);
        List<ScoreDoc> page =
                ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));

        List<SearchHit> hits = new ArrayList<>(page.size());
        if (!page.isEmpty()) {
            List<List<MatchSpan>> matches = highlighter.spans(searcher, parsed, page);
            Map<String, Double> idf = new HashMap<>();
            StoredFields stored = searcher.storedFields();
            for (int i = 0; i < page.size(); i++) {
                ScoreDoc scoreDoc = page.get(i);
                StoredPassage passage = PassageDocuments.readPassage(stored.document(scoreDoc.doc));
                String text = passage.passage().text();
                List<HighlightSpan> spans = new ArrayList<>(matches.get(i).size());
                Map<HighlightSpan, String> terms = new HashMap<>();
                for (MatchSpan match : matches.get(i)) {
                    if (match.span().end() > text.length()) {
                        // Offsets of a stored text that no longer matches its postings: never cut outside it.
                        continue;
                    }
                    spans.add(match.span());
                    terms.put(match.span(), match.term());
                }
                hits.add(new SearchHit(
                        request.offset() + i + 1,
                        passage.passage(),
                        passage.metadata(),
                        scoreDoc.score,
                        Snippets.excerpt(
                                text,
                                spans,
                                span -> idf.computeIfAbsent(
                                        terms.getOrDefault(span, ""), term -> RelevanceFloor.idf(searcher, term)),
                                settings.snippetMaxChars()),
                        TextFragmentLinks.link(passage.metadata().url(), text)));
            }
        }
        List<String> didYouMean = List.of();
        List<String> closestTitles = List.of();
        if (lexicalHits == 0
                && request.filters().source().filter(s -> !s.isBlank()).isPresent()) {
            // "No passages match" would hide the real problem: no document is that source.
            Optional<String> unknown =
                    SourceNames.unknown(searcher, request.filters().source().orElseThrow());
            if (unknown.isPresent()) {
                throw new QueryException(unknown.get());
            }
        }
        if (lexicalHits == 0) {
            // Words the corpus never uses are worth correcting even when meaning found passages.
            didYouMean =
                    suggestions.didYouMean(searcher, parsed, request.filters().audience());
            closestTitles = suggestions.closestTitles(
                    searcher, parsed, request.filters().audience());
        }
        long took = System.nanoTime() - started;
        LOG.debug(
                "search [{}] {} {}: {}{} hits, page of {}, good match {} in {} µs",
                parsed.normalized(),
                mode.label(),
                request.filters(),
                totalHits,
                totalIsLowerBound ? "+" : "",
                hits.size(),
                goodMatch,
                took / 1_000);
        return new SearchResults(
                parsed.normalized(),
                totalHits,
                totalIsLowerBound,
                request.offset(),
                hits,
                took,
                didYouMean,
                closestTitles,
                mode,
                goodMatch);
    }

    /**
     * The lexical ranking with the diversity rule applied. The window holds only the first few
     * candidates, so when one document still fills the first results, a second query collects the
     * best passages of the other documents (block-max WAND prunes it like the first) and diversity
     * picks among both: the comparable passage of another document is found however deep the first
     * query ranked it, without collecting deeper for every question.
     */
    private List<ScoreDoc> diversifyLexical(
            IndexSearcher searcher,
            ParsedQuery parsed,
            SearchFilters filters,
            Optional<Query> proximity,
            ScoreDoc[] rescored)
            throws IOException {
        int window = settings.candidateWindow();
        List<ScoreDoc> ranked = reranking.diversify(searcher.getIndexReader(), rescored, window);
        Set<String> crowding = reranking.crowding(searcher.getIndexReader(), ranked);
        if (crowding.isEmpty()) {
            return ranked;
        }
        int wanted = settings.diversityTop();
        TopDocs others = searcher.search(
                queries.matchingOutside(parsed, filters, crowding),
                new TopScoreDocCollectorManager(wanted, null, wanted));
        if (others.scoreDocs.length == 0) {
            return ranked;
        }
        Reranking.Widened widened =
                Reranking.widen(rescored, window, reranking.rescoreForProximity(searcher, proximity, others.scoreDocs));
        return reranking.diversify(searcher.getIndexReader(), widened.candidates(), widened.window());
    }
}
