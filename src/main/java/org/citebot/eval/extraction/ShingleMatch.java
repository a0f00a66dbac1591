package org.citebot.eval.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one extracted article body matches its ground truth: true positive, false positive and false
 * negative counts over word 4-gram shingles, normalised to sum to 1 so that a long page weighs no
 * more than a short one. The benchmark's evaluator defines the measure; this is its Java form.
 *
 * @param truePositives shingles in both, counted with multiplicity
 * @param falsePositives shingles extracted beyond the ground truth's count
 * @param falseNegatives shingles of the ground truth the extraction lacks
 */
public record ShingleMatch(double truePositives, double falsePositives, double falseNegatives) {

    static final int SHINGLE_LENGTH = 4;

    /** Compares an extracted body with the expected one. */
    public static ShingleMatch of(String expected, String extracted) {
        Map<List<String>, Integer> truth = shingles(expected);
        Map<List<String>, Integer> predicted = shingles(extracted);
        Set<List<String>> keys = new HashSet<>(truth.keySet());
        keys.addAll(predicted.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (List<String> key : keys) {
            int trueCount = truth.getOrDefault(key, 0);
            int predictedCount = predicted.getOrDefault(key, 0);
            tp += Math.min(trueCount, predictedCount);
            fp += Math.max(0, predictedCount - trueCount);
            fn += Math.max(0, trueCount - predictedCount);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleMatch(tp / sum, fp / sum, fn / sum) : new ShingleMatch(0, 0, 0);
    }

    /** Precision of this page; 1 when nothing is wrong, 0 when nothing was extracted or matched. */
    double precision() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falsePositives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falsePositives);
    }

    /** Recall of this page, with the same conventions as {@link #precision()}. */
    double recall() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falseNegatives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falseNegatives);
    }

    /** Whether the page counts towards the average precision (it predicted something). */
    boolean hasPrediction() {
        return truePositives + falsePositives > 0;
    }

    /** Whether the page counts towards the average recall (it expected something). */
    boolean hasExpectation() {
        return truePositives + falseNegatives > 0;
    }

    /**
     * Word tokens as the evaluator's {@code \w+} finds them in Python: runs of letters, digits (any
     * numeric character) and underscores. Combining marks are not word characters there, so they
     * split words here too.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            boolean word = isWordCharacter(codePoint);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    private static boolean isWordCharacter(int codePoint) {
        if (codePoint == '_') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Every run of four tokens, counted; a text shorter than that is one shingle of what it has. */
    private static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = tokens(text);
        Map<List<String>, Integer> counts = new HashMap<>();
        int last = Math.max(1, tokens.size() - SHINGLE_LENGTH + 1);
        for (int i = 0; i < last; i++) {
            List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + SHINGLE_LENGTH));
            if (!shingle.isEmpty()) {
                counts.merge(List.copyOf(shingle), 1, Integer::sum);
            }
        }
        return counts;
    }
}
