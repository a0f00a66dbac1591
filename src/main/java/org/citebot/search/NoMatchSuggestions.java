package org.citebot.search;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.index.IndexSchema;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.text.EditDistance;

/**
 * What a reply offers when nothing matches: the query with each word the corpus never uses
 * replaced by its closest corpus spelling ("did you mean"), and the titles of the documents closest
 * to the query. The engine's port knows the vocabulary and the closest spellings; what is
 * offered, and in which words, is decided here for every engine alike.
 */
final class NoMatchSuggestions {

    static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_CLOSEST_TITLES = 3;
    /** Unknown words of one query that "did you mean" tries to correct. */
    static final int MAX_WORDS_TO_CORRECT = 5;
    /** Longer "words" are noise (hashes, pasted URLs) with no corpus spelling near them. */
    static final int MAX_CORRECTABLE_WORD_LENGTH = 24;

    private final UserQueryParser parser;

    NoMatchSuggestions(UserQueryParser parser) {
        this.parser = parser;
    }

    /**
     * Corrected versions of the query: each word the corpus never uses is replaced by the closest
     * corpus spelling (the best one, then alternatives for the first such word).
     */
    List<String> didYouMean(SearchPort.Session passages, ParsedQuery parsed, Audience audience) throws IOException {
        Map<String, List<String>> byWord = new LinkedHashMap<>();
        int tried = 0;
        for (String word : new LinkedHashSet<>(parsed.words())) {
            if (IndexSchema.englishStopWords().contains(word)
                    || word.length() > MAX_CORRECTABLE_WORD_LENGTH
                    || isNumber(word)
                    || passages.usesWord(word)) {
                continue;
            }
            // Each lookup walks the term dictionary; a long query of unknown words (pasted noise)
            // must not cost a lookup per word, and five corrections say enough.
            if (++tried > MAX_WORDS_TO_CORRECT) {
                break;
            }
            // A word only another server's added article uses is never suggested, since the
            // suggestion would tell of the article.
            List<String> options = passages.seenBy(passages.corrections(word, MAX_SUGGESTIONS), audience);
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
     * Titles of the documents closest to the query: shared analyzed terms count one, terms within a
     * small edit distance (typos) count one half. Only documents {@code audience} sees are named.
     */
    List<String> closestTitles(List<DocumentSummary> documents, ParsedQuery parsed, Audience audience) {
        Set<String> queryTerms = new HashSet<>(parsed.terms());
        parsed.phrases().forEach(phrase -> queryTerms.addAll(phrase.terms()));
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        record Scored(String title, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (DocumentSummary summary : documents) {
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
