package org.citebot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words that make a question a question ("why", "how many", "according to", "what did … say
 * about", "take place"), which say nothing about what is asked and should neither match nor be bolded.
 * The parser drops them from the unquoted words before analysis; quoted, they are kept like any
 * other word, and a question made of nothing else keeps its words, so it still searches.
 */
final class QuestionFiller {

    /** Single words that only frame a question. */
    private static final Set<String> WORDS = Set.of(
            "who",
            "whom",
            "whose",
            "what",
            "whats",
            "what's",
            "when",
            "where",
            "why",
            "how",
            "which",
            "whether",
            "do",
            "does",
            "did",
            "can",
            "could",
            "would",
            "should",
            "shall",
            "might",
            "has",
            "have",
            "had",
            "been",
            "am",
            "were",
            "i",
            "me",
            "my",
            "we",
            "us",
            "our",
            "you",
            "your",
            "please",
            "tell",
            "explain",
            "describe",
            "many",
            "much",
            "according",
            "say",
            "says",
            "said",
            "about",
            "regarding",
            "concerning",
            "happen",
            "happens",
            "happened",
            "happening");

    /** Word sequences that frame a question only together; alone, each word may carry meaning. */
    private static final List<List<String>> SEQUENCES = List.of(
            List.of("take", "place"),
            List.of("took", "place"),
            List.of("taken", "place"),
            List.of("taking", "place"),
            List.of("takes", "place"),
            List.of("talk", "about"),
            List.of("talks", "about"),
            List.of("mean", "by"),
            List.of("the", "article"),
            List.of("the", "articles"),
            List.of("the", "corpus"),
            List.of("the", "author"),
            List.of("the", "authors"));

    private QuestionFiller() {}

    /** {@code words} (unquoted words in the order typed, punctuation attached) without the question's framing. */
    static List<String> strip(List<String> words) {
        List<String> bare = new ArrayList<>(words.size());
        for (String word : words) {
            bare.add(bare(word));
        }
        boolean[] drop = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            for (List<String> sequence : SEQUENCES) {
                if (matchesAt(bare, i, sequence)) {
                    for (int k = 0; k < sequence.size(); k++) {
                        drop[i + k] = true;
                    }
                }
            }
            if (WORDS.contains(bare.get(i))) {
                drop[i] = true;
            }
        }
        List<String> kept = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            if (!drop[i]) {
                kept.add(words.get(i));
            }
        }
        return kept;
    }

    /** Whether {@code words} hold anything to search for once the framing is gone. */
    static boolean hasContent(List<String> words) {
        return words.stream().anyMatch(QuestionFiller::hasLetterOrDigit);
    }

    private static boolean matchesAt(List<String> bare, int start, List<String> sequence) {
        if (start + sequence.size() > bare.size()) {
            return false;
        }
        for (int k = 0; k < sequence.size(); k++) {
            if (!bare.get(start + k).equals(sequence.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The word lower-cased without the punctuation around it ("Why?" is "why", "it's" stays). */
    private static String bare(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    private static boolean hasLetterOrDigit(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
