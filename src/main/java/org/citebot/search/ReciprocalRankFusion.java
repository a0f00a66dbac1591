package org.citebot.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each ranking gives an item
 * {@code 1 / (k + rank)}, ranks counted from 1, and the fused order sorts by the sum. It needs no
 * tuning and no comparable scores, which is why the hybrid search uses it to merge the BM25F and the
 * vector rankings: their scores live on different scales.
 */
final class ReciprocalRankFusion {

    /** The constant of the original paper, which the published SciFact hybrid figures use too. */
    static final int DEFAULT_K = 60;

    private ReciprocalRankFusion() {}

    /** An item of the fused ranking, with its fused score and its 1-based rank in each input (0: absent). */
    record Fused<T>(T item, double score, int[] ranks) {}

    /**
     * The items of {@code rankings} (each best first, no repeats within one) in fused order. Ties
     * keep the order in which the items were first met, ranking by ranking.
     */
    static <T> List<Fused<T>> fuse(List<List<T>> rankings, int k) {
        double[] weights = new double[rankings.size()];
        java.util.Arrays.fill(weights, 1.0);
        return fuse(rankings, weights, k);
    }

    /** Like {@link #fuse(List, int)}, each ranking's contributions multiplied by its weight. */
    static <T> List<Fused<T>> fuse(List<List<T>> rankings, double[] weights, int k) {
        Map<T, double[]> scores = new LinkedHashMap<>();
        Map<T, int[]> ranks = new HashMap<>();
        for (int r = 0; r < rankings.size(); r++) {
            List<T> ranking = rankings.get(r);
            for (int i = 0; i < ranking.size(); i++) {
                T item = ranking.get(i);
                scores.computeIfAbsent(item, key -> new double[1])[0] += weights[r] / (k + i + 1);
                ranks.computeIfAbsent(item, key -> new int[rankings.size()])[r] = i + 1;
            }
        }
        List<Fused<T>> fused = new ArrayList<>(scores.size());
        for (Map.Entry<T, double[]> entry : scores.entrySet()) {
            fused.add(new Fused<>(entry.getKey(), entry.getValue()[0], ranks.get(entry.getKey())));
        }
        // List.sort is stable, so equal scores keep first-met order.
        fused.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
        return fused;
    }
}
