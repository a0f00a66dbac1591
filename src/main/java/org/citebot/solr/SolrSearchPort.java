package org.citebot.solr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.SpellCheckResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.StoredPassage;
import org.citebot.search.Candidates;
import org.citebot.search.MatchSpan;
import org.citebot.search.ParsedQuery;
import org.citebot.search.RelevanceFloor;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchPort;
import org.citebot.search.SearchSettings;
import org.citebot.search.SourceNames;
import org.citebot.search.TextSpans;
import org.jspecify.annotations.Nullable;

/**
 * SolrCloud behind the search pipeline's {@link SearchPort}: the passages behind the alias {@code
 * search.solr.collection}, searched with the queries the embedded index runs ({@link
 * SolrSearchQueries}) and scored by the same BM25 over exact statistics summed across the shards,
 * so the pipeline above gives the answers the embedded index gives. A search's hits are numbered as
 * they arrive (a passage keeps its number across the search's requests), which is the handle the
 * pipeline ranks by. A lexical page costs two or three requests: the candidates with their stored
 * fields, the proximity rescoring of the window, and the terms' statistics for the excerpts (one
 * more for a page's passages that came from elsewhere, as when one document fills the first
 * results and a second query finds the others); a hybrid one adds the {@code {!knn}} request,
 * its vectors compared as 32-bit floats, as the embedded index compares them.
 */
public final class SolrSearchPort implements SearchPort {

    /** The dimension of the configset's vector field ({@code vector_384}). */
    static final int VECTOR_DIMENSION = 384;

    /**
     * Equal scores in the order of the passages' ids: replicas hold their documents in different
     * orders, so without it two requests could order a tie differently and pages could repeat or
     * skip a passage.
     */
    private static final String BY_SCORE_THEN_ID = "score desc," + SolrPassageDocuments.ID + " asc";

    /**
     * Hits a search asks Solr for at most: each shard collects this many, so a page far beyond
     * them (offset 10,000) is answered empty rather than with a queue of that size per shard.
     */
    static final int MAX_ROWS = 10_000;

    /**
     * The most candidates whose stored fields come with them: a lexical search's first request (the
     * candidate window, or the page's end when it lies further) then also brings the page's
     * passages, a request fewer a search. Deeper lists, as the hybrid leg's hundred, bring ids only.
     */
    static final int STORED_WITH_CANDIDATES = 20;

    /** Whether the passages of a generation carry vectors. */
    private record VectorsAt(long generation, boolean present) {}

    private volatile @Nullable VectorsAt vectors;

    private final SolrConnection connection;
    private final SolrPassages passages;
    private final String alias;
    private final SearchSettings settings;
    private final SolrSearchQueries queries;
    private final TextSpans spans;

    /**
     * @param connection the client the requests go through
     * @param passages the passages it searches: their alias, documents and metadata
     */
    public SolrSearchPort(SolrConnection connection, SolrPassages passages, SearchSettings settings) {
        this.connection = connection;
        this.passages = passages;
        this.alias = connection.settings().collection();
        this.settings = settings;
        this.queries = new SolrSearchQueries(settings, passages.settings());
        this.spans = new TextSpans(passages.settings());
    }

    @Override
    public IndexSettings settings() {
        return passages.settings();
    }

    @Override
    public Session open(ParsedQuery parsed, SearchFilters filters) {
        return new SolrSession(parsed, filters);
    }

    /** One search's requests, and the handles of the passages they returned. */
    private final class SolrSession implements Session {

        private final ParsedQuery parsed;
        private final SearchFilters filters;
        /** Distinct unquoted terms: whether a passage holds each comes with the candidates. */
        private final List<String> coverageTerms;

        private final List<String> ids = new ArrayList<>();
        private final List<String> docIds = new ArrayList<>();
        private final Map<String, Integer> handles = new HashMap<>();
        /** Per handle, which of {@link #coverageTerms} its weighted field holds (when it came from the words). */
        private final Map<Integer, boolean[]> held = new HashMap<>();
        /** Per handle, the passage, when a request brought its stored fields. */
        private final Map<Integer, StoredPassage> stored = new HashMap<>();

        private final Map<String, Long> frequencies = new HashMap<>();
        private long documents;

        SolrSession(ParsedQuery parsed, SearchFilters filters) {
            this.parsed = parsed;
            this.filters = filters;
            this.coverageTerms = parsed.distinctTerms();
        }

        @Override
        public LexicalMatches lexical(int depth, int countUpTo) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set(CommonParams.Q, queries.matching(params, parsed, filters, List.of()));
            params.set(CommonParams.ROWS, Math.min(depth, MAX_ROWS));
            params.set(CommonParams.SORT, BY_SCORE_THEN_ID);
            params.set(CommonParams.MIN_EXACT_COUNT, countUpTo);
            // A short list brings its passages' stored fields along, so the page needs no request of its own.
            StringBuilder fl = new StringBuilder(
                    depth <= STORED_WITH_CANDIDATES
                            ? "*,score"
                            : IndexSchema.PASSAGE_ID + "," + IndexSchema.DOC_ID + ",score");
            for (int i = 0; i < coverageTerms.size(); i++) {
                fl.append(",h")
                        .append(i)
                        .append(":termfreq(")
                        .append(IndexSchema.WEIGHTED)
                        .append(',')
                        .append(functionString(coverageTerms.get(i)))
                        .append(')');
            }
            params.set(CommonParams.FL, fl.toString());
            QueryResponse response = query(params, "searching " + alias);
            SolrDocumentList found = response.getResults();
            Candidates top = candidates(found, true);
            // Past the threshold the count depends on how the shards skipped; the threshold itself
            // is the bound the embedded index reports too.
            boolean lowerBound = !Boolean.TRUE.equals(found.getNumFoundExact()) || found.getNumFound() > countUpTo;
            return new LexicalMatches(top, lowerBound ? countUpTo : found.getNumFound(), lowerBound);
        }

        @Override
        public Candidates rescoreForProximity(Candidates candidates) {
            Optional<String> proximity = queries.proximity(parsed);
            int head = Math.min(candidates.size(), settings.candidateWindow());
            if (proximity.isEmpty() || head == 0) {
                return candidates;
            }
            ModifiableSolrParams params = new ModifiableSolrParams();
            SolrSearchQueries.Bool ids = new SolrSearchQueries.Bool(params);
            for (int i = 0; i < head; i++) {
                ids.add("should", SolrPassageStore.termQuery(IndexSchema.PASSAGE_ID, id(candidates.handle(i))));
            }
            params.set(
                    CommonParams.Q,
                    new SolrSearchQueries.Bool(params)
                            .add("must", proximity.get())
                            .add("filter", ids.build())
                            .build());
            params.set(CommonParams.ROWS, head);
            params.set(CommonParams.FL, IndexSchema.PASSAGE_ID + ",score");
            Map<String, Float> near = new HashMap<>();
            for (SolrDocument hit :
                    query(params, "rescoring for proximity in " + alias).getResults()) {
                near.put((String) hit.getFirstValue(IndexSchema.PASSAGE_ID), (Float) hit.getFirstValue("score"));
            }
            float[] extra = new float[head];
            for (int i = 0; i < head; i++) {
                extra[i] = near.getOrDefault(id(candidates.handle(i)), 0f);
            }
            return candidates.withAddedScores(extra);
        }

        @Override
        public Candidates outside(Set<String> excluded, int wanted) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set(CommonParams.Q, queries.matching(params, parsed, filters, excluded));
            params.set(CommonParams.ROWS, wanted);
            params.set(CommonParams.SORT, BY_SCORE_THEN_ID);
            params.set(CommonParams.FL, IndexSchema.PASSAGE_ID + "," + IndexSchema.DOC_ID + ",score");
            Candidates others = candidates(
                    query(params, "searching other documents in " + alias).getResults(), false);
            return others.size() == 0 ? Candidates.NONE : rescoreForProximity(others);
        }

        @Override
        public String[] docIds(Candidates candidates, int count) {
            String[] found = new String[count];
            for (int i = 0; i < count; i++) {
                found[i] = docIds.get(candidates.handle(i));
            }
            return found;
        }

        @Override
        public boolean holdsVectors(int dimension) {
            if (dimension != VECTOR_DIMENSION) {
                return false;
            }
            // Read once per generation: the metadata is a round trip, the generation is in memory.
            long generation = passages.servingGeneration();
            VectorsAt known = vectors;
            if (known == null || known.generation() != generation) {
                known = new VectorsAt(generation, passages.metadata().hasVectors());
                vectors = known;
            }
            return known.present();
        }

        @Override
        public Candidates nearest(float[] vector, int neighbours) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            StringBuilder values = new StringBuilder("[");
            for (int i = 0; i < vector.length; i++) {
                values.append(i == 0 ? "" : ",").append(vector[i]);
            }
            params.set("vector", values.append(']').toString());
            params.set(CommonParams.Q, "{!knn f=" + IndexSchema.VECTOR + " topK=" + neighbours + " v=$vector}");
            // Solr's knn takes the filter queries as its pre-filter, as Lucene's knn query takes its filter.
            queries.constraints(params, parsed, filters).ifPresent(filter -> params.set(CommonParams.FQ, filter));
            params.set(CommonParams.ROWS, neighbours);
            params.set(CommonParams.SORT, BY_SCORE_THEN_ID);
            params.set(CommonParams.FL, IndexSchema.PASSAGE_ID + "," + IndexSchema.DOC_ID + ",score");
            return candidates(
                    query(params, "finding the nearest passages in " + alias).getResults(), false);
        }

        @Override
        public double coverage(int handle) {
            boolean[] holds = held.get(handle);
            if (holds == null) {
                return 0;
            }
            return RelevanceFloor.coverage(parsed, this::idf, term -> holds[coverageTerms.indexOf(term)]);
        }

        @Override
        public double idf(String term) {
            if (term.isEmpty()) {
                return 1;
            }
            if (!frequencies.containsKey(term)) {
                Set<String> wanted = new LinkedHashSet<>(coverageTerms);
                parsed.phrases().forEach(phrase -> wanted.addAll(phrase.terms()));
                wanted.add(term);
                readFrequencies(wanted);
            }
            return RelevanceFloor.idf(documents, frequencies.get(term));
        }

        /** The number of entries (passages and document records, as the embedded index counts) and each term's. */
        private void readFrequencies(Set<String> terms) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set(CommonParams.Q, "*:*");
            params.set(
                    CommonParams.FQ,
                    "-" + SolrPassageStore.termQuery(IndexSchema.KIND, SolrPassageDocuments.KIND_META));
            params.set(CommonParams.ROWS, 0);
            params.set("facet", true);
            Map<String, String> keys = new HashMap<>();
            for (String term : terms) {
                String facet = SolrPassageStore.termQuery(IndexSchema.WEIGHTED, term);
                keys.put(term, facet);
                params.add("facet.query", facet);
            }
            QueryResponse response = query(params, "reading term statistics of " + alias);
            documents = response.getResults().getNumFound();
            Map<String, Integer> counts = response.getFacetQuery();
            keys.forEach((term, facet) -> frequencies.put(term, (long) counts.getOrDefault(facet, 0)));
        }

        @Override
        public List<StoredPassage> passages(Candidates page) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            SolrSearchQueries.Bool wanted = new SolrSearchQueries.Bool(params);
            int missing = 0;
            for (int i = 0; i < page.size(); i++) {
                if (!stored.containsKey(page.handle(i))) {
                    wanted.add("should", SolrPassageStore.termQuery(IndexSchema.PASSAGE_ID, id(page.handle(i))));
                    missing++;
                }
            }
            if (missing > 0) {
                params.set(CommonParams.Q, wanted.build());
                params.set(CommonParams.ROWS, missing);
                for (SolrDocument found : query(params, "reading the page's passages from " + alias)
                        .getResults()) {
                    Integer known = handles.get((String) found.getFirstValue(IndexSchema.PASSAGE_ID));
                    if (known != null) {
                        stored.put(known, SolrPassageDocuments.readPassage(found));
                    }
                }
            }
            List<StoredPassage> inOrder = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                StoredPassage passage = stored.get(page.handle(i));
                if (passage == null) {
                    throw new SolrUnavailableException(
                            "passage " + id(page.handle(i)) + " left " + alias + " mid-search");
                }
                inOrder.add(passage);
            }
            return inOrder;
        }

        @Override
        public List<List<MatchSpan>> spans(Candidates page, List<StoredPassage> stored) {
            return spans.spans(parsed, stored);
        }

        @Override
        public Optional<String> unknownSource(String source) {
            return SourceNames.unknown(source, passages.documents());
        }

        @Override
        public boolean usesWord(String word) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set(CommonParams.Q, SolrPassageStore.termQuery(IndexSchema.BODY_WORDS, word));
            params.set(CommonParams.ROWS, 0);
            return query(params, "looking up a word in " + alias).getResults().getNumFound() > 0;
        }

        @Override
        public List<String> corrections(String word, int max) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set("shards.qt", "/spell");
            params.set(CommonParams.Q, "*:*");
            params.set("spellcheck", true);
            params.set("spellcheck.q", word);
            params.set("spellcheck.count", max);
            QueryRequest request = new QueryRequest(params, SolrRequest.METHOD.POST);
            request.setPath("/spell");
            SpellCheckResponse spelling = connection
                    .read(request, Optional.of(alias), "looking up spellings in " + alias)
                    .getSpellCheckResponse();
            if (spelling == null) {
                return List.of();
            }
            for (SpellCheckResponse.Suggestion suggestion : spelling.getSuggestions()) {
                if (suggestion.getToken().equals(word)) {
                    List<String> options = suggestion.getAlternatives();
                    return List.copyOf(options.subList(0, Math.min(max, options.size())));
                }
            }
            return List.of();
        }

        @Override
        public List<String> seenBy(List<String> words, Audience audience) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            Optional<String> visible = SolrSearchQueries.audience(params, audience);
            if (visible.isEmpty() || words.isEmpty()) {
                return words;
            }
            params.set(CommonParams.Q, "*:*");
            params.set(CommonParams.FQ, visible.get());
            params.set(CommonParams.ROWS, 0);
            params.set("facet", true);
            for (String word : words) {
                params.add("facet.query", SolrPassageStore.termQuery(IndexSchema.BODY_WORDS, word));
            }
            Map<String, Integer> counts =
                    query(params, "looking up words in " + alias).getFacetQuery();
            return words.stream()
                    .filter(word ->
                            counts.getOrDefault(SolrPassageStore.termQuery(IndexSchema.BODY_WORDS, word), 0) > 0)
                    .toList();
        }

        @Override
        public List<DocumentSummary> documents() {
            return passages.documents();
        }

        @Override
        public void close() {
            // Nothing held: every request stands alone.
        }

        /** The hits as candidates, each passage numbered the first time the search sees it. */
        private Candidates candidates(SolrDocumentList found, boolean withCoverage) {
            int[] numbers = new int[found.size()];
            float[] scores = new float[found.size()];
            for (int i = 0; i < found.size(); i++) {
                SolrDocument hit = found.get(i);
                numbers[i] = handle((String) hit.getFirstValue(IndexSchema.PASSAGE_ID), (String)
                        hit.getFirstValue(IndexSchema.DOC_ID));
                scores[i] = (Float) hit.getFirstValue("score");
                if (hit.containsKey(IndexSchema.BODY)) {
                    stored.putIfAbsent(numbers[i], SolrPassageDocuments.readPassage(hit));
                }
                if (withCoverage) {
                    boolean[] holds = new boolean[coverageTerms.size()];
                    for (int t = 0; t < holds.length; t++) {
                        Object frequency = hit.getFirstValue("h" + t);
                        holds[t] = frequency instanceof Number number && number.intValue() > 0;
                    }
                    held.put(numbers[i], holds);
                }
            }
            return Candidates.of(numbers, scores);
        }

        private int handle(String id, String docId) {
            Integer known = handles.get(id);
            if (known != null) {
                return known;
            }
            ids.add(id);
            docIds.add(docId);
            handles.put(id, ids.size() - 1);
            return ids.size() - 1;
        }

        private String id(int handle) {
            return ids.get(handle);
        }
    }

    private QueryResponse query(ModifiableSolrParams params, String what) {
        return connection.read(new QueryRequest(params, SolrRequest.METHOD.POST), Optional.of(alias), what);
    }

    /** A string argument of a function query: quoted, its quotes and backslashes escaped. */
    private static String functionString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
