package org.citebot.eval.beir;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Published figures a run is compared with: Anserini's BM25 regressions as recorded in the shared
 * evaluation README. These are the targets, quoted, never measurements.
 *
 * @param run which published run the figures belong to
 */
public record PublishedFigures(String run, Map<Measure, Double> figures) {

    public PublishedFigures {
        figures = Map.copyOf(figures);
    }

    /** The published figure of {@code measure}, when there is one. */
    public Optional<Double> figure(Measure measure) {
        return Optional.ofNullable(figures.get(measure));
    }

    /** Anserini BM25 flat on SciFact: one field = title + "\n" + text. */
    public static final PublishedFigures SCIFACT_FLAT = of("Anserini BM25 flat (SciFact)", 0.6789, 0.9253, 0.9767);

    /** Anserini BM25 multifield on SciFact: title and text fields with equal weight. */
    public static final PublishedFigures SCIFACT_MULTIFIELD =
            of("Anserini BM25 multifield (SciFact)", 0.6647, 0.9076, 0.9800);

    /** Anserini BM25 on CACM, trec_eval without {@code -c}. */
    public static final PublishedFigures CACM_BM25 =
            new PublishedFigures("Anserini BM25 (CACM)", Map.of(Measure.MAP, 0.3123, Measure.P_30, 0.1942));

    /**
     * What a profile's run on a collection compares with: on SciFact the flat run for the Anserini
     * profile and the multifield run for citebot's (which, like it, keeps titles in their own field);
     * on CACM the one published BM25 run.
     */
    public static Optional<PublishedFigures> forRun(String collection, String profile) {
        if (collection.contains("scifact")) {
            return Optional.of(profile.equals("anserini") ? SCIFACT_FLAT : SCIFACT_MULTIFIELD);
        }
        if (collection.contains("cacm")) {
            return Optional.of(CACM_BM25);
        }
        return Optional.empty();
    }

    private static PublishedFigures of(String run, double ndcg10, double recall100, double recall1000) {
        Map<Measure, Double> figures = new EnumMap<>(Measure.class);
        figures.put(Measure.NDCG_10, ndcg10);
        figures.put(Measure.RECALL_100, recall100);
        figures.put(Measure.RECALL_1000, recall1000);
        return new PublishedFigures(run, figures);
    }
}
