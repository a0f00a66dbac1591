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
import org.jspecify.annotations.Nullable;

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
     * The titles are analyzed once per list of documents (the engine gives the same list until its
     * index changes), not once a search: at 100,000 passages that was 0.3 s of every search that
     * found nothing.
     */
    List<String> closestTitles(List<DocumentSummary> documents, ParsedQuery parsed, Audience audience) {
        Set<String> queryTerms = new HashSet<>(parsed.terms());
        parsed.phrases().forEach(phrase -> queryTerms.addAll(phrase.terms()));
        if (queryTerms.isEmpty() || documents.isEmpty()) {
            return List.of();
        }
        TitleTerms titles = titleTerms(documents);
        Map<Integer, Double> scores = new HashMap<>();
        for (String term : queryTerms) {
            Set<Integer> shared = new HashSet<>();
            for (int holder : titles.holders().getOrDefault(term, NONE)) {
                shared.add(holder);
                scores.merge(holder, 1.0, Double::sum);
            }
            Set<Integer> close = new HashSet<>();
            titles.holders().forEach((candidate, holders) -> {
                if (!candidate.equals(term) && closeSpelling(term, candidate)) {
                    for (int holder : holders) {
                        if (!shared.contains(holder) && close.add(holder)) {
                            scores.merge(holder, 0.5, Double::sum);
                        }
                    }
                }
            });
        }
        record Scored(String title, double score) {}
        List<Scored> scored = new ArrayList<>();
        scores.forEach((index, score) -> {
            DocumentSummary summary = documents.get(index);
            if (audience.sees(summary.origin())) {
                scored.add(new Scored(summary.metadata().title(), score));
            }
        });
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::title));
        return scored.stream()
                .map(Scored::title)
                .distinct()
                .limit(MAX_CLOSEST_TITLES)
                .toList();
    }

    private static final int[] NONE = new int[0];

    /**
     * The analyzed terms of a list of documents' titles, each with the documents (their places in
     * the list) whose title holds it.
     */
    private record TitleTerms(List<DocumentSummary> documents, Map<String, int[]> holders) {}

    /** The last list's title terms; a search over the same index version finds them here. */
    private volatile @Nullable TitleTerms lastTitles;

    private TitleTerms titleTerms(List<DocumentSummary> documents) {
        TitleTerms known = lastTitles;
        if (known != null && known.documents() == documents) {
            return known;
        }
        // Titles are analyzed once each, however many documents share them.
        Map<String, Set<String>> byTitle = new HashMap<>();
        Map<String, List<Integer>> holders = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            String title = documents.get(i).metadata().title();
            for (String term : byTitle.computeIfAbsent(title, this::analyzedTerms)) {
                holders.computeIfAbsent(term, t -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> compact = new HashMap<>(holders.size() * 2);
        holders.forEach((term, list) ->
                compact.put(term, list.stream().mapToInt(Integer::intValue).toArray()));
        TitleTerms built = new TitleTerms(documents, compact);
        lastTitles = built;
        return built;
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
