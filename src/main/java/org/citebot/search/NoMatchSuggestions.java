package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.util.ArrayList;
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
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.citebot.index.AudienceFilter;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageIndex;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.text.EditDistance;

/**
 * What a reply offers when nothing matches: the query with each word the corpus never uses
 * replaced by its closest corpus spelling ("did you mean"), and the titles of the documents closest
 * to the query. Spelling corrections are cached per index version, so a burst of the same typo
 * costs one dictionary walk.
 */
final class NoMatchSuggestions {

    private static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_CLOSEST_TITLES = 3;
    /** Unknown words of one query that "did you mean" tries to correct. */
    static final int MAX_WORDS_TO_CORRECT = 5;
    /** Longer "words" are noise (hashes, pasted URLs) with no corpus spelling near them. */
    static final int MAX_CORRECTABLE_WORD_LENGTH = 24;
    /** Corrections per index version and word, so a burst of the same typo costs one lookup. */
    static final int CORRECTION_CACHE_SIZE = 4096;
    /**
     * Bytes the corrections hold at most. Words are at most 24 characters and their corrections
     * within two edits of them, so 4096 entries stay near 1.5 MiB; the bound keeps it so whatever
     * the spell checker returns.
     */
    static final long CORRECTION_CACHE_BYTES = 2L * 1024 * 1024;

    private final UserQueryParser parser;
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

    NoMatchSuggestions(UserQueryParser parser) {
        this.parser = parser;
        this.spellChecker = new DirectSpellChecker();
        spellChecker.setMinQueryLength(3);
    }

    /**
     * Corrected versions of the query: each word the corpus never uses is replaced by the closest
     * corpus spelling (the best one, then alternatives for the first such word).
     */
    List<String> didYouMean(IndexSearcher searcher, ParsedQuery parsed, Audience audience) throws IOException {
        IndexReader reader = searcher.getIndexReader();
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
            List<String> options = seen(searcher, corrections(reader, word), audience);
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

    /**
     * The {@code options} some passage {@code audience} sees holds: a word only another server's
     * added article uses is never suggested, since the suggestion would tell of the article.
     */
    private static List<String> seen(IndexSearcher searcher, List<String> options, Audience audience)
            throws IOException {
        Optional<Query> visible = AudienceFilter.of(audience);
        if (visible.isEmpty() || options.isEmpty()) {
            return options;
        }
        List<String> kept = new ArrayList<>(options.size());
        for (String option : options) {
            Query used = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.BODY_WORDS, option)), BooleanClause.Occur.FILTER)
                    .add(visible.get(), BooleanClause.Occur.FILTER)
                    .build();
            if (searcher.count(used) > 0) {
                kept.add(option);
            }
        }
        return kept;
    }

    /**
     * Titles of the documents closest to the query: shared analyzed terms count one, terms within a
     * small edit distance (typos) count one half. Only documents {@code audience} sees are named.
     */
    List<String> closestTitles(IndexSearcher searcher, ParsedQuery parsed, Audience audience) throws IOException {
        Set<String> queryTerms = new HashSet<>(parsed.terms());
        parsed.phrases().forEach(phrase -> queryTerms.addAll(phrase.terms()));
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        record Scored(String title, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (DocumentSummary summary : PassageIndex.documents(searcher)) {
            if (!audience.sees(summary.origin())) {
                continue;
            }
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
        return EditDistance.between(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= allowed;
    }
}
