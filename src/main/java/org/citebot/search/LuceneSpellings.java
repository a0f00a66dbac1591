package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.citebot.passages.Audience;

/**
 * The embedded index's spelling vocabulary for "did you mean": the words of the passages' text
 * ({@code body_words}) and their closest spellings by Lucene's {@link DirectSpellChecker}, cached
 * per index version, so a burst of the same typo costs one dictionary walk.
 */
final class LuceneSpellings {

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

    private record CorrectionKey(IndexReader.CacheKey reader, String word, int max) {}

    LuceneSpellings() {
        this.spellChecker = new DirectSpellChecker();
        spellChecker.setMinQueryLength(3);
    }

    /** Whether some passage's text holds {@code word}. */
    static boolean uses(IndexSearcher searcher, String word) throws IOException {
        return searcher.getIndexReader().docFreq(new Term(IndexSchema.BODY_WORDS, word)) > 0;
    }

    /** The closest corpus spellings of a word the corpus never uses, best first; cached per index version. */
    List<String> corrections(IndexSearcher searcher, String word, int max) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        CorrectionKey key = helper == null ? null : new CorrectionKey(helper.getKey(), word, max);
        List<String> known = key == null ? null : corrections.getIfPresent(key);
        if (known != null) {
            return known;
        }
        SuggestWord[] suggestions = spellChecker.suggestSimilar(
                new Term(IndexSchema.BODY_WORDS, word), max, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
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

    /** The {@code options} some passage {@code audience} sees holds. */
    static List<String> seenBy(IndexSearcher searcher, List<String> options, Audience audience) throws IOException {
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
}
