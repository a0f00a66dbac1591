package org.citebot.eval.beir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.index.SearchableIndex;
import org.citebot.passages.IndexedDocument;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;

/**
 * citebot's own ranking as the bot uses it: every collection document becomes one citebot document
 * (its title as the document's title, its text as a single passage) in a {@link PassageIndex}, and every
 * topic is asked through {@link LuceneSearchService} as a user would type it (the safe parser, field
 * boosts, proximity boost, diversity rule).
 *
 * <p>{@link SearchRequest} serves at most {@link SearchRequest#MAX_LIMIT} hits a page, so the profile
 * pages through the results, exactly as a user paging would see them, until it has {@link #DEPTH}
 * documents (or a chosen smaller depth). Passage hits are folded into documents at their first
 * occurrence. The bot's order is the one that counts, and the diversity rule may put a lower-scored
 * passage first, so each document gets a score that falls with its rank: trec_eval's re-sorting by
 * score then keeps the bot's order.
 */
public final class CitebotProfile implements RetrievalProfile {

    private final String name;
    private final IndexSettings indexSettings;
    private final SearchSettings searchSettings;
    private final Clock clock;
    private final int depth;
    private final Optional<PassageEmbedder> semantic;
    private final PassageEngine engine;

    /** citebot's defaults, lexical, as the composition root builds the bot, to the full {@link #DEPTH}. */
    public static CitebotProfile defaults(Clock clock) {
        return new CitebotProfile("citebot", IndexSettings.defaults(), SearchSettings.defaults(), clock, DEPTH);
    }

    /**
     * citebot's defaults in hybrid mode: passages embedded by {@code embedder} (from its store where
     * the text was embedded before), questions fused from both legs; {@link #HYBRID_DEPTH} deep.
     */
    public static CitebotProfile hybrid(Clock clock, PassageEmbedder embedder) {
        return new CitebotProfile(
                "citebot-hybrid",
                IndexSettings.defaults(),
                SearchSettings.defaults(),
                clock,
                HYBRID_DEPTH,
                Optional.of(embedder));
    }

    /**
     * Documents a hybrid run retrieves per topic: the fusion ranks the first hundred of each leg, and
     * nDCG@10 and R@100 need no more.
     */
    public static final int HYBRID_DEPTH = 100;

    /**
     * @param depth documents retrieved per topic, 1 to {@link #DEPTH}; a shallower run is quicker
     *     (fewer pages) and measures only the cut-offs it reaches (100 is enough for nDCG@10 and R@100)
     */
    public CitebotProfile(
            String name, IndexSettings indexSettings, SearchSettings searchSettings, Clock clock, int depth) {
        this(name, indexSettings, searchSettings, clock, depth, Optional.empty());
    }

    /** Like the lexical constructor; with {@code semantic}, passages carry vectors and searches are hybrid. */
    public CitebotProfile(
            String name,
            IndexSettings indexSettings,
            SearchSettings searchSettings,
            Clock clock,
            int depth,
            Optional<PassageEmbedder> semantic) {
        this(name, indexSettings, searchSettings, clock, depth, semantic, embedded(clock));
    }

    private CitebotProfile(
            String name,
            IndexSettings indexSettings,
            SearchSettings searchSettings,
            Clock clock,
            int depth,
            Optional<PassageEmbedder> semantic,
            PassageEngine engine) {
        if (depth < 1 || depth > DEPTH) {
            throw new IllegalArgumentException("depth must be 1.." + DEPTH + ", was " + depth);
        }
        this.name = name;
        this.indexSettings = indexSettings;
        this.searchSettings = searchSettings;
        this.clock = clock;
        this.depth = depth;
        this.semantic = semantic;
        this.engine = engine;
    }

    /**
     * The settings sweep behind the report on citebot's defaults: the defaults, then one change at a
     * time (field weights, which build their own index, the proximity boost, BM25's parameters, the
     * candidate window), then equal title and body weight without the proximity boost (which,
     * scored as one BM25F field, lands close to Anserini's flat run), each retrieving {@code depth}
     * documents per topic.
     */
    public static List<CitebotProfile> settingsSweep(Clock clock, int depth) {
        SearchSettings d = SearchSettings.defaults();
        IndexSettings index = IndexSettings.defaults();
        List<CitebotProfile> sweep = new ArrayList<>(List.of(
                new CitebotProfile("citebot", index, d, clock, depth),
                new CitebotProfile("citebot-title1.0", withTitle(index, 1.0f), d, clock, depth),
                new CitebotProfile("citebot-title3.0", withTitle(index, 3.0f), d, clock, depth),
                new CitebotProfile("citebot-proximity0", index, d.withProximityBoost(0f), clock, depth),
                new CitebotProfile(
                        "citebot-title1.0-proximity0", withTitle(index, 1.0f), d.withProximityBoost(0f), clock, depth),
                new CitebotProfile("citebot-bm25-1.2-0.75", IndexSettings.luceneDefaults(), d, clock, depth)));
        for (int window : WINDOW_SWEEP) {
            if (window != d.candidateWindow()) {
                sweep.add(new CitebotProfile(
                        "citebot-window" + window, index, d.withCandidateWindow(window), clock, depth));
            }
        }
        return List.copyOf(sweep);
    }

    /** Candidate windows the sweep measures besides the default. */
    static final List<Integer> WINDOW_SWEEP = List.of(5, 10, 20, 50, 100);

    private static IndexSettings withTitle(IndexSettings settings, float titleWeight) {
        return settings.withFieldWeights(titleWeight, settings.sectionWeight());
    }

    /** The same settings retrieving only {@code newDepth} documents per topic. */
    public CitebotProfile withDepth(int newDepth) {
        return new CitebotProfile(name, indexSettings, searchSettings, clock, newDepth, semantic, engine);
    }

    /**
     * The same settings with the passages stored and searched by {@code other}; its name carries the
     * engine's suffix ({@code citebot-solr}).
     */
    public CitebotProfile on(PassageEngine other) {
        return new CitebotProfile(name, indexSettings, searchSettings, clock, depth, semantic, other);
    }

    /**
     * The embedded Lucene index in the profile's work folder, built on one thread into one segment
     * (see {@link #buildIndex(TestCollection, Path, IndexSettings, Clock, Optional)}), its commits
     * stamped by {@code clock}.
     */
    public static PassageEngine embedded(Clock clock) {
        return new PassageEngine() {
            @Override
            public String suffix() {
                return "";
            }

            @Override
            public Stored store(
                    String collection,
                    List<IndexedDocument> documents,
                    Path workDir,
                    IndexSettings index,
                    SearchSettings search,
                    Optional<PassageEmbedder> embedder)
                    throws IOException {
                PassageIndex built = buildIndex(documents, workDir, index, clock, embedder);
                PassageSearch searching = new LuceneSearchService(built, search, embedder.map(PassageEmbedder::model));
                return new Stored() {
                    @Override
                    public PassageSearch search() {
                        return searching;
                    }

                    @Override
                    public void close() throws IOException {
                        built.close();
                    }
                };
            }
        };
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public String name() {
        return name + engine.suffix();
    }

    @Override
    public RankedRun run(TestCollection collection, Path workDir) throws IOException {
        try (PassageEngine.Stored stored = engine.store(
                collection.name(), documents(collection), workDir, indexSettings, searchSettings, semantic)) {
            return rank(collection, stored.search());
        }
    }

    /**
     * The collection indexed as this profile indexes it, for several profiles with the same index
     * settings to search one after the other (building it takes as long as a run's searches); the
     * caller closes it.
     */
    public static PassageIndex buildIndex(
            TestCollection collection, Path workDir, IndexSettings indexSettings, Clock clock) throws IOException {
        return buildIndex(collection, workDir, indexSettings, clock, Optional.empty());
    }

    /** Like {@link #buildIndex(TestCollection, Path, IndexSettings, Clock)}, passages embedded by {@code embedder}. */
    public static PassageIndex buildIndex(
            TestCollection collection,
            Path workDir,
            IndexSettings indexSettings,
            Clock clock,
            Optional<PassageEmbedder> embedder)
            throws IOException {
        return buildIndex(documents(collection), workDir, indexSettings, clock, embedder);
    }

    private static List<IndexedDocument> documents(TestCollection collection) {
        List<IndexedDocument> documents = new ArrayList<>(collection.documents().size());
        for (EvalDocument document : collection.documents()) {
            documents.add(toCitebot(document));
        }
        return documents;
    }

    private static PassageIndex buildIndex(
            List<IndexedDocument> documents,
            Path workDir,
            IndexSettings indexSettings,
            Clock clock,
            Optional<PassageEmbedder> embedder)
            throws IOException {
        PassageIndex index = PassageIndex.open(workDir, indexSettings, clock, embedder);
        try {
            // Two writing threads would split the documents into segments by timing, and each
            // segment has its own vector graph: one thread and one segment make the semantic leg,
            // and so the hybrid figures, the same on every run and every heap size.
            index.writeOnOneThread();
            index.rebuild(documents);
            index.mergeIntoOneSegment();
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        return index;
    }

    /**
     * Every topic asked of {@code index} with this profile's search settings; the index must have
     * been built by {@link #buildIndex} with this profile's index settings.
     */
    public RankedRun search(TestCollection collection, SearchableIndex index) {
        IndexSettings built = index.settings();
        // The analysis must match, and the searchers score with the index's BM25 parameters.
        if (!built.analyzerId().equals(indexSettings.analyzerId())
                || !built.fieldWeightsId().equals(indexSettings.fieldWeightsId())
                || built.bm25K1() != indexSettings.bm25K1()
                || built.bm25B() != indexSettings.bm25B()) {
            throw new IllegalArgumentException("the index was built with other settings than profile " + name);
        }
        return rank(collection, new LuceneSearchService(index, searchSettings, semantic.map(PassageEmbedder::model)));
    }

    private RankedRun rank(TestCollection collection, PassageSearch search) {
        Map<String, List<ScoredDocument>> byQuery = new LinkedHashMap<>();
        for (Topic topic : collection.topics()) {
            byQuery.put(topic.id(), rankDocuments(search, topic, depth));
        }
        return new RankedRun(byQuery);
    }

    /**
     * One citebot document for a collection document: the title in the metadata (the document id
     * when the collection gives none, since citebot requires a title) and the text as one passage.
     */
    static IndexedDocument toCitebot(EvalDocument document) {
        String title = titleOf(document);
        String text = document.text();
        DocumentMetadata metadata = new DocumentMetadata(
                title, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "en");
        Paragraph paragraph = new Paragraph(1, Optional.empty(), text, 0, text.length(), false);
        SourceDocument source =
                new SourceDocument(document.id(), document.id(), "", metadata, text, List.of(paragraph));
        Passage passage = new Passage(document.id(), 0, 1, Optional.empty(), text, 0, text.length());
        return new IndexedDocument(source, List.of(passage));
    }

    /** The title citebot gives a collection document: its own, or its id when it has none. */
    static String titleOf(EvalDocument document) {
        return document.title().isBlank() ? document.id() : document.title();
    }

    /**
     * The topic's documents in the bot's order, paging through the results up to {@code depth}.
     * Pages are no longer than the depth needs (one more for the topic's own document, which is
     * dropped): every hit of a page is highlighted, and ten documents deep, fifty would cost five
     * times the highlighting for the same ranking.
     */
    static List<ScoredDocument> rankDocuments(PassageSearch search, Topic topic, int depth) {
        Set<String> seen = new LinkedHashSet<>();
        int offset = 0;
        int pageSize = Math.min(SearchRequest.MAX_LIMIT, depth + 1);
        while (seen.size() < depth) {
            SearchResults page;
            try {
                page = search.search(new SearchRequest(topic.text(), SearchFilters.NONE, offset, pageSize));
            } catch (QueryException e) {
                // The bot answers such a question (only stop words, nothing searchable) with no hits.
                break;
            }
            for (SearchHit hit : page.hits()) {
                String docId = hit.passage().docId();
                if (!docId.equals(topic.id()) && seen.size() < depth) {
                    seen.add(docId);
                }
            }
            offset += page.hits().size();
            if (page.hits().isEmpty() || !page.hasMore()) {
                break;
            }
        }
        List<ScoredDocument> ranked = new ArrayList<>(seen.size());
        int rank = 0;
        for (String docId : seen) {
            ranked.add(new ScoredDocument(docId, depth - rank));
            rank++;
        }
        return ranked;
    }
}
