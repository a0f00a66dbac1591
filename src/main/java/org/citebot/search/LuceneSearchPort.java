package org.citebot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
import org.citebot.index.SearchableIndex;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.StoredPassage;

/**
 * The embedded Lucene index behind the {@link SearchPort}: one searcher per search, BM25F queries
 * from {@link LexicalQueries} collected with block-max WAND, proximity by Lucene's rescorer, spans
 * by the page's stored text analyzed again ({@link TextSpans}), spellings by {@link LuceneSpellings}. Hits
 * stay Lucene {@code ScoreDoc}s from the collector to the page: the benchmarked hot path.
 */
final class LuceneSearchPort implements SearchPort {

    private final SearchableIndex index;
    private final LexicalQueries queries;
    private final Reranking reranking;
    private final TextSpans highlighter;
    private final LuceneSpellings spellings = new LuceneSpellings();

    LuceneSearchPort(SearchableIndex index, SearchSettings settings) {
        this.index = index;
        this.queries = new LexicalQueries(settings);
        this.reranking = new Reranking(settings);
        this.highlighter = new TextSpans(index.settings());
    }

    @Override
    public IndexSettings settings() {
        return index.settings();
    }

    @Override
    public Session open(ParsedQuery parsed, SearchFilters filters) throws IOException {
        return new LuceneSession(index.acquire(), parsed, filters);
    }

    /** One search over one searcher, given back when the search ends. */
    private final class LuceneSession implements Session {

        private final IndexSearcher searcher;
        private final ParsedQuery parsed;
        private final SearchFilters filters;
        private final Optional<Query> proximity;
        private final WeightedTerms weighted;

        LuceneSession(IndexSearcher searcher, ParsedQuery parsed, SearchFilters filters) {
            this.searcher = searcher;
            this.parsed = parsed;
            this.filters = filters;
            this.proximity = queries.proximity(parsed);
            this.weighted = new WeightedTerms(searcher);
        }

        @Override
        public LexicalMatches lexical(int depth, int countUpTo) throws IOException {
            // Never ask for more hits than there are documents: a huge offset must not allocate a huge queue.
            int collected =
                    Math.min(depth, Math.max(1, searcher.getIndexReader().maxDoc()));
            int threshold = Math.min(countUpTo, Math.max(SearchPipeline.EXACT_TOTAL_UP_TO, collected));
            TopDocs top = searcher.search(
                    queries.matching(parsed, filters, weighted),
                    new TopScoreDocCollectorManager(collected, null, threshold));
            boolean lowerBound = top.totalHits.relation != TotalHits.Relation.EQUAL_TO;
            // Past the threshold Lucene's figure depends on segment layout and skipping; the threshold
            // itself is a bound that stays the same from one index version to the next.
            return new LexicalMatches(
                    Candidates.wrap(top.scoreDocs), lowerBound ? threshold : top.totalHits.value, lowerBound);
        }

        @Override
        public Candidates rescoreForProximity(Candidates candidates) throws IOException {
            return Candidates.wrap(reranking.rescoreForProximity(searcher, proximity, candidates.hits()));
        }

        @Override
        public Candidates outside(Set<String> docIds, int wanted) throws IOException {
            TopDocs others = searcher.search(
                    queries.matchingOutside(parsed, filters, docIds, weighted),
                    new TopScoreDocCollectorManager(wanted, null, wanted));
            if (others.scoreDocs.length == 0) {
                return Candidates.NONE;
            }
            return Candidates.wrap(reranking.rescoreForProximity(searcher, proximity, others.scoreDocs));
        }

        @Override
        public String[] docIds(Candidates candidates, int count) throws IOException {
            return Reranking.docIds(searcher.getIndexReader(), candidates.hits(), count);
        }

        @Override
        public boolean holdsVectors(int dimension) {
            FieldInfo field =
                    FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(IndexSchema.VECTOR);
            return field != null && field.getVectorDimension() == dimension;
        }

        @Override
        public Candidates nearest(float[] vector, int neighbours) throws IOException {
            // Without constraints the search spares building a filter over the whole index.
            Query nearest = new KnnFloatVectorQuery(
                    IndexSchema.VECTOR,
                    vector,
                    neighbours,
                    queries.constraints(parsed, filters).orElse(null));
            return Candidates.wrap(searcher.search(nearest, neighbours).scoreDocs);
        }

        @Override
        public double coverage(int handle) {
            return weighted.coverage(parsed, handle);
        }

        @Override
        public double idf(String term) {
            return weighted.idf(term);
        }

        @Override
        public List<StoredPassage> passages(Candidates page) throws IOException {
            StoredFields stored = searcher.storedFields();
            ScoreDoc[] hits = page.hits();
            List<StoredPassage> passages = new ArrayList<>(hits.length);
            for (ScoreDoc hit : hits) {
                passages.add(PassageDocuments.readPassage(stored.document(hit.doc)));
            }
            return passages;
        }

        @Override
        public List<List<MatchSpan>> spans(Candidates page, List<StoredPassage> passages) throws IOException {
            return highlighter.spans(parsed, passages);
        }

        @Override
        public Optional<String> unknownSource(String source) throws IOException {
            return SourceNames.unknown(searcher, source);
        }

        @Override
        public boolean usesWord(String word) throws IOException {
            return LuceneSpellings.uses(searcher, word);
        }

        @Override
        public List<String> corrections(String word, int max) throws IOException {
            return spellings.corrections(searcher, word, max);
        }

        @Override
        public List<String> seenBy(List<String> words, Audience audience) throws IOException {
            return LuceneSpellings.seenBy(searcher, words, audience);
        }

        @Override
        public List<DocumentSummary> documents() throws IOException {
            return index.documents(searcher);
        }

        @Override
        public void close() throws IOException {
            index.release(searcher);
        }
    }
}
