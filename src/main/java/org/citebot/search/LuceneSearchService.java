package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.DocumentSummary;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.index.PassageIndex;
import org.citebot.index.SearchableIndex;
import org.citebot.index.StoredPassage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the passage index ({@link SearchableIndex}, writable or read-only) with BM25: body, title and section fields with boosts, quoted
 * phrases required and exclusions left out; the leading candidates are re-scored with a proximity
 * boost for query terms near each other and spread over documents; each hit of the page is
 * highlighted and deep-linked. The composition
 * root builds one and hands it (behind the cache) to every command as a {@link PassageSearch}.
 */
public final class LuceneSearchService implements PassageSearch {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchService.class);

    private static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_CLOSEST_TITLES = 3;
    private static final int MAX_HIGHLIGHT_CHARS = 1_000_000;

    private final SearchableIndex index;
    private final SearchSettings settings;
    private final UserQueryParser parser;
    /** Unknown words of one query that "did you mean" tries to correct. */
    static final int MAX_WORDS_TO_CORRECT = 5;
    /** Longer "words" are noise (hashes, pasted URLs) with no corpus spelling near them. */
    static final int MAX_CORRECTABLE_WORD_LENGTH = 24;

    /**
     * Matching passages are counted exactly up to this many (or the collected depth, if deeper); a
     * common query reports "at least" this many instead of paying for a full count.
     */
    static final int EXACT_TOTAL_UP_TO = 1_000;

    /** Corrections per index version and word, so a burst of the same typo costs one lookup. */
    static final int CORRECTION_CACHE_SIZE = 4096;
    /**
     * Bytes the corrections hold at most. Words are at most 24 characters and their corrections
     * within two edits of them, so 4096 entries stay near 1.5 MiB; the bound keeps it so whatever
     * the spell checker returns.
     */
    static final long CORRECTION_CACHE_BYTES = 2L * 1024 * 1024;

    private final DirectSpellChecker spellChecker;
    /**
     * Corpus spellings close to a word, for the index version (reader) they were looked up in. A
     * lookup builds Levenshtein automata and walks the term dictionary, which costs milliseconds; old
     * versions' entries age out by size.
     */
    private final Cache<CorrectionKey, List<String>> corrections = BoundedCaches.<CorrectionKey, List<String>>builder(
                    CORRECTION_CACHE_SIZE,
                    CORRECTION_CACHE_BYTES,
                    (key, found) -> 64 + BoundedCaches.string(key.word()) + BoundedCaches.strings(found))
            .build();

    private record CorrectionKey(IndexReader.CacheKey reader, String word) {}

    public LuceneSearchService(SearchableIndex index, SearchSettings settings) {
        this.index = index;
        this.settings = settings;
        this.parser = new UserQueryParser(index.analyzer());
        this.spellChecker = new DirectSpellChecker();
        spellChecker.setMinQueryLength(3);
    }

    /**
     * The canonical form of a query as {@link SearchResults#normalizedQuery()} reports it, without
     * searching: caches key on it.
     *
     * @throws QueryException when the query cannot be searched
     */
    public String normalize(String query) {
        return parser.parse(query).normalized();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        long started = System.nanoTime();
        ParsedQuery parsed = parser.parse(request.query());
        Query matching = matchingQuery(parsed, request.filters());
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
        // Never ask for more hits than there are documents: a huge offset must not allocate a huge queue.
        int depth = Math.min(
                Math.max(settings.candidateWindow(), wanted),
                Math.max(1, searcher.getIndexReader().maxDoc()));
        // Counting every match would switch off Lucene's skipping of non-competitive documents (an
        // extra count() pass cost ~23% of a search at 100k passages); count exactly up to a threshold
        // and report a lower bound beyond it. The top hits are the same either way.
        int countUpTo = Math.max(EXACT_TOTAL_UP_TO, depth);
        TopDocs top = searcher.search(matching, new TopScoreDocCollectorManager(depth, null, countUpTo));
        boolean totalIsLowerBound = top.totalHits.relation != TotalHits.Relation.EQUAL_TO;
        // Past the threshold Lucene's figure depends on segment layout and skipping; the threshold
        // itself is a bound that stays the same from one index version to the next.
        long totalHits = totalIsLowerBound ? countUpTo : top.totalHits.value;
        ScoreDoc[] rescored = rescoreForProximity(searcher, parsed, top.scoreDocs);
        List<ScoreDoc> ranked = diversify(searcher.getIndexReader(), rescored);
        List<ScoreDoc> page =
                ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));

        List<SearchHit> hits = new ArrayList<>(page.size());
        if (!page.isEmpty()) {
            List<List<HighlightSpan>> matches = highlight(searcher, parsed, page);
            StoredFields stored = searcher.storedFields();
            for (int i = 0; i < page.size(); i++) {
                ScoreDoc scoreDoc = page.get(i);
                StoredPassage passage = PassageDocuments.readPassage(stored.document(scoreDoc.doc));
                String text = passage.passage().text();
                hits.add(new SearchHit(
                        request.offset() + i + 1,
                        passage.passage(),
                        passage.metadata(),
                        scoreDoc.score,
                        Snippets.excerpt(text, matches.get(i), settings.snippetMaxChars()),
                        TextFragmentLinks.link(passage.metadata().url(), text)));
            }
        }
        List<String> didYouMean = List.of();
        List<String> closestTitles = List.of();
        if (totalHits == 0
                && request.filters().source().filter(s -> !s.isBlank()).isPresent()) {
            // "No passages match" would hide the real problem: no document is that source.
            Optional<String> unknown =
                    SourceNames.unknown(searcher, request.filters().source().orElseThrow());
            if (unknown.isPresent()) {
                throw new QueryException(unknown.get());
            }
        }
        if (totalHits == 0) {
            didYouMean = didYouMean(searcher.getIndexReader(), parsed);
            closestTitles = closestTitles(searcher, parsed);
        }
        long took = System.nanoTime() - started;
        LOG.debug(
                "search [{}] {}: {}{} hits, page of {} in {} µs",
                parsed.normalized(),
                request.filters(),
                totalHits,
                totalIsLowerBound ? "+" : "",
                hits.size(),
                took / 1_000);
        return new SearchResults(
                parsed.normalized(),
                totalHits,
                totalIsLowerBound,
                request.offset(),
                hits,
                took,
                didYouMean,
                closestTitles);
    }

    /**
     * The query that selects passages and gives their first-pass BM25 score: the words over body,
     * title and section, the phrases, the exclusions and the filters.
     */
    Query matchingQuery(ParsedQuery parsed, SearchFilters filters) {
        BooleanQuery.Builder root = new BooleanQuery.Builder();
        if (!parsed.terms().isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            parsed.terms().forEach(term -> counts.merge(term, 1, Integer::sum));
            BooleanQuery.Builder bag = new BooleanQuery.Builder();
            counts.forEach((term, count) -> bag.add(acrossFields(term, count), Occur.SHOULD));
            // With a quoted phrase the phrase is what must match; the loose words then only rank.
            root.add(bag.build(), parsed.phrases().isEmpty() ? Occur.MUST : Occur.SHOULD);
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            root.add(phraseAcrossFields(phrase), Occur.MUST);
        }
        for (String term : new LinkedHashSet<>(parsed.excludedTerms())) {
            root.add(acrossFields(term, 1), Occur.MUST_NOT);
        }
        for (QueryPhrase phrase : parsed.excludedPhrases()) {
            root.add(phraseAcrossFields(phrase), Occur.MUST_NOT);
        }
        root.add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), Occur.FILTER);
        filters.source()
                .filter(source -> !source.isBlank())
                .ifPresent(source -> root.add(SourceNames.filter(source), Occur.FILTER));
        filters.author()
                .filter(author -> !author.isBlank())
                .ifPresent(author -> root.add(
                        new TermQuery(new Term(IndexSchema.AUTHOR_KEY, PassageDocuments.keyword(author))),
                        Occur.FILTER));
        if (filters.from().isPresent() || filters.to().isPresent()) {
            long from = filters.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
            long to = filters.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
            root.add(LongPoint.newRangeQuery(IndexSchema.PUBLISHED_DAY, from, to), Occur.FILTER);
        }
        return root.build();
    }

    /**
     * The proximity boost: a sloppy phrase over the query's distinct terms in the body, scoring more
     * the closer together they are. Empty for a single term.
     */
    private Optional<Query> proximityQuery(ParsedQuery parsed) {
        List<String> distinct = parsed.distinctTerms();
        if (distinct.size() < 2 || settings.proximityBoost() <= 0) {
            return Optional.empty();
        }
        PhraseQuery.Builder near = new PhraseQuery.Builder().setSlop(settings.proximitySlop());
        List<String> used = distinct.subList(0, Math.min(distinct.size(), settings.maxProximityTerms()));
        for (int i = 0; i < used.size(); i++) {
            near.add(new Term(IndexSchema.BODY, used.get(i)), i);
        }
        return Optional.of(new BoostQuery(near.build(), settings.proximityBoost()));
    }

    /**
     * Adds the proximity score to the first {@code candidateWindow} candidates and re-sorts them;
     * the rest keep their BM25 order behind them. Scoring proximity only where it can change the
     * visible ranking keeps sloppy phrase matching off the thousands of other matches, and the
     * window is fixed so every page sees the same order.
     */
    private ScoreDoc[] rescoreForProximity(IndexSearcher searcher, ParsedQuery parsed, ScoreDoc[] candidates)
            throws IOException {
        Optional<Query> proximity = proximityQuery(parsed);
        int head = Math.min(candidates.length, settings.candidateWindow());
        if (proximity.isEmpty() || head == 0) {
            return candidates;
        }
        ScoreDoc[] window = Arrays.copyOf(candidates, head);
        TopDocs rescored = new QueryRescorer(proximity.get()) {
            @Override
            protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                return secondPassMatches ? firstPassScore + secondPassScore : firstPassScore;
            }
        }.rescore(searcher, new TopDocs(new TotalHits(head, TotalHits.Relation.EQUAL_TO), window), head);
        ScoreDoc[] result = Arrays.copyOf(rescored.scoreDocs, candidates.length);
        System.arraycopy(candidates, head, result, head, candidates.length - head);
        return result;
    }

    /**
     * One term scored over body, title and section as a single BM25F field: a title or section
     * occurrence counts as {@code titleBoost} or {@code sectionBoost} body occurrences, inside one
     * saturating BM25 score. Summing separate per-field BM25 scores instead rewards a term for
     * appearing in several fields twice over; on SciFact that cost 0.03 nDCG@10 with a title boost of 2.
     * Wrapped in a {@link SaturatedTermQuery} so Lucene can skip passages that cannot reach the top.
     */
    private Query acrossFields(String term, int weight) {
        CombinedFieldQuery combined = new CombinedFieldQuery.Builder()
                .addField(IndexSchema.BODY, 1f)
                .addField(IndexSchema.TITLE, settings.titleBoost())
                .addField(IndexSchema.SECTION, settings.sectionBoost())
                .addTerm(new BytesRef(term))
                .build();
        return boosted(new SaturatedTermQuery(combined), weight);
    }

    private Query phraseAcrossFields(QueryPhrase phrase) {
        if (phrase.terms().size() == 1) {
            return acrossFields(phrase.terms().get(0), 1);
        }
        return new BooleanQuery.Builder()
                .add(phrase(IndexSchema.BODY, phrase), Occur.SHOULD)
                .add(boosted(phrase(IndexSchema.TITLE, phrase), settings.titleBoost()), Occur.SHOULD)
                .add(boosted(phrase(IndexSchema.SECTION, phrase), settings.sectionBoost()), Occur.SHOULD)
                .build();
    }

    private static Query phrase(String field, QueryPhrase phrase) {
        PhraseQuery.Builder builder = new PhraseQuery.Builder();
        for (int i = 0; i < phrase.terms().size(); i++) {
            builder.add(
                    new Term(field, phrase.terms().get(i)), phrase.positions().get(i));
        }
        return builder.build();
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }

    /**
     * Reorders the ranked candidates so that, among the first {@code diversityTop}, no document has
     * more than {@code diversityMaxPerDocument} passages while candidates from other documents exist
     * within the candidate window. Everything else keeps its rank order. Promotions only come from the
     * first {@code candidateWindow} candidates, so every page sees the same order.
     */
    private List<ScoreDoc> diversify(IndexReader reader, ScoreDoc[] candidates) throws IOException {
        int n = candidates.length;
        int window = Math.min(n, settings.candidateWindow());
        int top = Math.min(n, settings.diversityTop());
        if (top == 0) {
            // The rule is off: the ranking stands as BM25 and the proximity boost made it.
            return List.of(candidates);
        }
        String[] docIds = docIds(reader, candidates, window);
        boolean[] taken = new boolean[n];
        Map<String, Integer> perDocument = new HashMap<>();
        List<ScoreDoc> ordered = new ArrayList<>(n);
        for (int position = 0; position < top; position++) {
            int pick = -1;
            int firstFree = -1;
            for (int i = 0; i < window; i++) {
                if (taken[i]) {
                    continue;
                }
                if (firstFree < 0) {
                    firstFree = i;
                }
                if (perDocument.getOrDefault(docIds[i], 0) < settings.diversityMaxPerDocument()) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                pick = firstFree;
            }
            taken[pick] = true;
            perDocument.merge(docIds[pick], 1, Integer::sum);
            ordered.add(candidates[pick]);
        }
        for (int i = 0; i < n; i++) {
            if (!taken[i]) {
                ordered.add(candidates[i]);
            }
        }
        return ordered;
    }

    /** Document ids of the first {@code count} candidates, read from doc values leaf by leaf. */
    private static String[] docIds(IndexReader reader, ScoreDoc[] candidates, int count) throws IOException {
        String[] ids = new String[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> candidates[i].doc));
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        SortedDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = candidates[i].doc;
            int wantedLeaf = ReaderUtil.subIndex(doc, leaves);
            if (wantedLeaf != leafIndex) {
                leafIndex = wantedLeaf;
                leaf = leaves.get(leafIndex);
                values = leaf.reader().getSortedDocValues(IndexSchema.DOC_ID);
            }
            if (values != null && leaf != null && values.advanceExact(doc - leaf.docBase)) {
                ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            } else {
                ids[i] = "#" + doc;
            }
        }
        return ids;
    }

    /** Spans of the query's words in each page hit's body, from the offsets in the postings. */
    private List<List<HighlightSpan>> highlight(IndexSearcher searcher, ParsedQuery parsed, List<ScoreDoc> page)
            throws IOException {
        BooleanQuery.Builder wanted = new BooleanQuery.Builder();
        for (String term : parsed.distinctTerms()) {
            wanted.add(new TermQuery(new Term(IndexSchema.BODY, term)), Occur.SHOULD);
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            wanted.add(phrase(IndexSchema.BODY, phrase), Occur.SHOULD);
        }
        int[] docIds = new int[page.size()];
        for (int i = 0; i < docIds.length; i++) {
            docIds[i] = page.get(i).doc;
        }
        SpanHighlighter highlighter = new SpanHighlighter(UnifiedHighlighter.builder(searcher, index.analyzer())
                .withFormatter(new SpanPassageFormatter())
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(MAX_HIGHLIGHT_CHARS)
                .withMaxNoHighlightPassages(0)
                .withHighlightPhrasesStrictly(true)
                .withWeightMatches(false));
        Object[] formatted = highlighter.spans(wanted.build(), docIds);
        List<List<HighlightSpan>> spans = new ArrayList<>(docIds.length);
        for (Object value : formatted) {
            List<HighlightSpan> list = new ArrayList<>();
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof HighlightSpan span) {
                        list.add(span);
                    }
                }
            }
            spans.add(list);
        }
        return spans;
    }

    /**
     * Corrected versions of the query: each word the corpus never uses is replaced by the closest
     * corpus spelling (the best one, then alternatives for the first such word).
     */
    private List<String> didYouMean(IndexReader reader, ParsedQuery parsed) throws IOException {
        Map<String, List<String>> byWord = new LinkedHashMap<>();
        int tried = 0;
        for (String word : new LinkedHashSet<>(parsed.words())) {
            if (IndexSchema.englishStopWords().contains(word)
                    || word.length() > MAX_CORRECTABLE_WORD_LENGTH
                    || isNumber(word)
                    || reader.docFreq(new Term(IndexSchema.BODY_WORDS, word)) > 0) {
                continue;
            }
            // Each lookup walks the term dictionary; a long query of unknown words (pasted noise)
            // must not cost a lookup per word, and five corrections say enough.
            if (++tried > MAX_WORDS_TO_CORRECT) {
                break;
            }
            List<String> options = corrections(reader, word);
            if (!options.isEmpty()) {
                byWord.put(word, options);
            }
        }
        if (byWord.isEmpty()) {
            return List.of();
        }
        Map<String, String> best = new HashMap<>();
        byWord.forEach((word, options) -> best.put(word, options.get(0)));
        Set<String> queries = new LinkedHashSet<>();
        queries.add(replaceWords(parsed.text(), best));
        Map.Entry<String, List<String>> first = byWord.entrySet().iterator().next();
        for (String alternative : first.getValue().subList(1, first.getValue().size())) {
            Map<String, String> variant = new HashMap<>(best);
            variant.put(first.getKey(), alternative);
            queries.add(replaceWords(parsed.text(), variant));
        }
        return List.copyOf(queries).subList(0, Math.min(MAX_SUGGESTIONS, queries.size()));
    }

    /** A year or count is not a typo: "2036" must not be "corrected" to the corpus's "2035". */
    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }

    /** The closest corpus spellings of a word the corpus never uses, best first; cached per index version. */
    private List<String> corrections(IndexReader reader, String word) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        CorrectionKey key = helper == null ? null : new CorrectionKey(helper.getKey(), word);
        List<String> known = key == null ? null : corrections.getIfPresent(key);
        if (known != null) {
            return known;
        }
        SuggestWord[] suggestions = spellChecker.suggestSimilar(
                new Term(IndexSchema.BODY_WORDS, word), MAX_SUGGESTIONS, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        List<String> options = new ArrayList<>(suggestions.length);
        for (SuggestWord suggestion : suggestions) {
            options.add(suggestion.string);
        }
        List<String> found = List.copyOf(options);
        if (key != null) {
            corrections.put(key, found);
        }
        return found;
    }

    private static String replaceWords(String text, Map<String, String> replacements) {
        String result = text;
        for (Map.Entry<String, String> entry : replacements.entrySet()) {
            Pattern word = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(entry.getKey()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            result = word.matcher(result).replaceAll(Matcher.quoteReplacement(entry.getValue()));
        }
        return result;
    }

    /**
     * Titles of the documents closest to the query: shared analyzed terms count one, terms within a
     * small edit distance (typos) count one half.
     */
    private List<String> closestTitles(IndexSearcher searcher, ParsedQuery parsed) throws IOException {
        Set<String> queryTerms = new HashSet<>(parsed.terms());
        parsed.phrases().forEach(phrase -> queryTerms.addAll(phrase.terms()));
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        record Scored(String title, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (DocumentSummary summary : PassageIndex.documents(searcher)) {
            String title = summary.metadata().title();
            Set<String> titleTerms = analyzedTerms(title);
            double score = 0;
            for (String term : queryTerms) {
                if (titleTerms.contains(term)) {
                    score += 1;
                } else if (titleTerms.stream().anyMatch(candidate -> closeSpelling(term, candidate))) {
                    score += 0.5;
                }
            }
            if (score > 0) {
                scored.add(new Scored(title, score));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::title));
        return scored.stream()
                .map(Scored::title)
                .distinct()
                .limit(MAX_CLOSEST_TITLES)
                .toList();
    }

    private Set<String> analyzedTerms(String text) {
        try {
            ParsedQuery title = parser.parse(text.replace('"', ' ').replace('-', ' '));
            return new HashSet<>(title.terms());
        } catch (QueryException e) {
            return Set.of();
        }
    }

    /** Within one edit for words of 3 to 5 letters, two edits for longer words. */
    static boolean closeSpelling(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        if (shorter < 3) {
            return false;
        }
        int allowed = shorter <= 5 ? 1 : 2;
        if (Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        return editDistance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= allowed;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Exposes the highlighter's per-field object results, which our formatter fills with spans. */
    private static final class SpanHighlighter extends UnifiedHighlighter {

        SpanHighlighter(UnifiedHighlighter.Builder builder) {
            super(builder);
        }

        Object[] spans(Query query, int[] docIds) throws IOException {
            int[] maxPassages = {1};
            Map<String, Object[]> byField =
                    highlightFieldsAsObjects(new String[] {IndexSchema.BODY}, query, docIds, maxPassages);
            Object[] values = byField.get(IndexSchema.BODY);
            return values == null ? new Object[docIds.length] : values;
        }
    }
}
