package org.citebot.eval.extraction;

import java.util.List;

/**
 * Article-body precision, recall and F1 over a set of pages, averaged as the benchmark averages
 * them: precision over the pages that extracted something, recall over the pages that expected
 * something, and F1 as the harmonic mean of those two averages.
 *
 * @param pages how many pages were scored
 */
public record ExtractionScores(double f1, double precision, double recall, int pages) {

    /** The averages of {@code matches}, one per page. */
    public static ExtractionScores of(List<ShingleMatch> matches) {
        double precision = matches.stream()
                .filter(ShingleMatch::hasPrediction)
                .mapToDouble(ShingleMatch::precision)
                .average()
                .orElse(0);
        double recall = matches.stream()
                .filter(ShingleMatch::hasExpectation)
                .mapToDouble(ShingleMatch::recall)
                .average()
                .orElse(0);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ExtractionScores(f1, precision, recall, matches.size());
    }
}
