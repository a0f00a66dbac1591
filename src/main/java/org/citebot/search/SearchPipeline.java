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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.ScoreDoc;
import org.citebot.index.IndexSchema;
import org.citebot.passages.StoredPassage;
import org.citebot.semantic.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search from the member's words to the page they see, the same whichever engine holds the
 * passages: parses the query ({@link UserQueryParser}), takes the engine's candidates ({@link
 * SearchPort}), re-ranks them for proximity and diversity and fuses the vector leg's ({@link
 * Reranking}), judges the match ({@link RelevanceFloor}), cuts the page, builds excerpts and deep
 * links from the engine's spans, and, when nothing matches, offers corrections and close titles
 * ({@link NoMatchSuggestions}). {@link LuceneSearchService} runs it over the embedded index, the
 * solr package over SolrCloud.
 */
public final class SearchPipeline implements PassageSearch, QueryNormalizer {

    private static final Logger LOG = LoggerFactory.getLogger(SearchPipeline.class);

    /**
     * Matching passages are counted exactly up to this many (or the collected depth, if deeper); a
     * common query reports "at least" this many instead of paying for a full count.
     */
    public static final int EXACT_TOTAL_UP_TO = 1_000;

    private final SearchPort port;
    private final SearchSettings settings;
    private final UserQueryParser parser;
    private final Reranking reranking;
    private final NoMatchSuggestions suggestions;
    private final RelevanceFloor floor;
    private final Optional<VectorLeg> semantic;

    /**
     * A search over {@code port}, hybrid when {@code model} is present and the passages hold its
     * vectors (lexical, per search, when they do not); queries are analyzed as the port's settings say.
     */
    public SearchPipeline(SearchPort port, SearchSettings settings, Optional<TextEmbedder> model) {
        this(
                port,
                IndexSchema.perFieldAnalyzer(port.settings().contentAnalyzer().get()),
                settings,
                model);
    }

    /** The same, with the analyzer the embedded index already holds. */
    SearchPipeline(SearchPort port, Analyzer analyzer, SearchSettings settings, Optional<TextEmbedder> model) {
        this.port = port;
        this.settings = settings;
        this.semantic = model.map(embedder -> new VectorLeg(embedder));
        this.floor = new RelevanceFloor(settings);
        this.parser = new UserQueryParser(analyzer, settings.questionWords());
        this.reranking = new Reranking(settings);
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
        try (SearchPort.Session session = port.open(parsed, request.filters())) {
            return search(session, request, parsed, started);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the passages failed", e);
        }
    }

    private SearchResults search(SearchPort.Session session, SearchRequest request, ParsedQuery parsed, long started)
            throws IOException {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) request.offset() + request.limit());
        Optional<VectorLeg> leg =
                semantic.filter(vectors -> session.holdsVectors(vectors.model().dimension()));
        // The fewer hits collected, the sooner the engine can skip what cannot reach them: a lexical
        // page collects only the candidate window (or the page), a hybrid one what the fusion takes.
        // Diversity does not widen it: a second, as cheap query runs only when one document fills
        // the first results (below).
        int collected = Math.max(settings.candidateWindow(), wanted);
        if (leg.isPresent()) {
            collected = Math.max(collected, settings.vectorNeighbours());
        }
        // Counting every match would switch off Lucene's skipping of non-competitive documents (an
        // extra count() pass cost ~23% of a search at 100k passages); count exactly up to a threshold
        // and report a lower bound beyond it. The top hits are the same either way.
        SearchPort.LexicalMatches lexical = session.lexical(collected, Math.max(EXACT_TOTAL_UP_TO, collected));
        boolean totalIsLowerBound = lexical.totalIsLowerBound();
        long lexicalHits = lexical.total();
        long totalHits = lexicalHits;
        ScoreDoc[] rescored = session.rescoreForProximity(lexical.top()).hits();
        int bestLexical = rescored.length == 0 ? -1 : rescored[0].doc;
        double bestCosine = Double.NaN;
        SearchMode mode = SearchMode.LEXICAL;
        ScoreDoc[] candidates = rescored;
        double coverage = bestLexical < 0 ? 0 : session.coverage(bestLexical);
        boolean wordsMatch = floor.wordsMatch(coverage);
        Reranking.DocIds docIds = (hits, count) -> session.docIds(Candidates.wrap(hits), count);
        if (leg.isPresent()) {
            ScoreDoc[] neighbours = session.nearest(leg.get().vector(parsed.question()), settings.vectorNeighbours())
                    .hits();
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
                ? reranking.diversify(docIds, candidates, settings.vectorNeighbours())
                : diversifyLexical(session, docIds, rescored);
        List<ScoreDoc> page =
                ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));

        List<SearchHit> hits = page.isEmpty() ? List.of() : hits(session, request, page);
        List<String> didYouMean = List.of();
        List<String> closestTitles = List.of();
        if (lexicalHits == 0
                && request.filters().source().filter(s -> !s.isBlank()).isPresent()) {
            // "No passages match" would hide the real problem: no document is that source.
            Optional<String> unknown =
                    session.unknownSource(request.filters().source().orElseThrow());
            if (unknown.isPresent()) {
                throw new QueryException(unknown.get());
            }
        }
        if (lexicalHits == 0) {
            // Words the corpus never uses are worth correcting even when meaning found passages.
            didYouMean =
                    suggestions.didYouMean(session, parsed, request.filters().audience());
            closestTitles = suggestions.closestTitles(
                    session.documents(), parsed, request.filters().audience());
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

    /** The page's hits: stored passages, their excerpts around the rarest matches, and deep links. */
    private List<SearchHit> hits(SearchPort.Session session, SearchRequest request, List<ScoreDoc> page)
            throws IOException {
        Candidates onPage = Candidates.wrap(page.toArray(ScoreDoc[]::new));
        List<StoredPassage> passages = session.passages(onPage);
        List<List<MatchSpan>> matches = session.spans(onPage, passages);
        List<SearchHit> hits = new ArrayList<>(page.size());
        Map<String, Double> idf = new HashMap<>();
        for (int i = 0; i < page.size(); i++) {
            StoredPassage passage = passages.get(i);
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
                    page.get(i).score,
                    Snippets.excerpt(
                            text,
                            spans,
                            span -> idf.computeIfAbsent(terms.getOrDefault(span, ""), term -> idf(session, term)),
                            settings.snippetMaxChars()),
                    TextFragmentLinks.link(passage.metadata().url(), text)));
        }
        return hits;
    }

    private static double idf(SearchPort.Session session, String term) {
        try {
            return session.idf(term);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a term's frequency failed", e);
        }
    }

    /**
     * The lexical ranking with the diversity rule applied. The window holds only the first few
     * candidates, so when one document still fills the first results, a second query collects the
     * best passages of the other documents (pruned like the first) and diversity picks among both:
     * the comparable passage of another document is found however deep the first query ranked it,
     * without collecting deeper for every question.
     */
    private List<ScoreDoc> diversifyLexical(SearchPort.Session session, Reranking.DocIds docIds, ScoreDoc[] rescored)
            throws IOException {
        int window = settings.candidateWindow();
        List<ScoreDoc> ranked = reranking.diversify(docIds, rescored, window);
        Set<String> crowding = reranking.crowding(docIds, ranked);
        if (crowding.isEmpty()) {
            return ranked;
        }
        ScoreDoc[] others = session.outside(crowding, settings.diversityTop()).hits();
        if (others.length == 0) {
            return ranked;
        }
        Reranking.Widened widened = Reranking.widen(rescored, window, others);
        return reranking.diversify(docIds, widened.candidates(), widened.window());
    }
}
