package org.citebot.eval.beir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * trec_eval's measures, computed the way trec_eval 9 computes them so figures compare with published
 * ones:
 *
 * <ul>
 *   <li>a query's hits are ordered by score, descending, ties broken by document id in
 *       <em>descending</em> string order (trec_eval re-sorts the run and ignores its ranks);
 *   <li>a document is relevant when its grade is at least 1; unjudged documents count as not relevant;
 *   <li>{@code ndcg_cut.k}: gain = grade; the hit at 1-based rank r is discounted by log2(r + 1), as
 *       in trec_eval 9.0.8 and later and pytrec_eval (older trec_eval releases left rank 2
 *       undiscounted, which scores SciFact about 0.04 higher); the ideal ranking orders the judged
 *       grades;
 *   <li>{@code recall.k}: relevant hits in the first k over the number of relevant documents;
 *   <li>{@code map}: precision at each relevant hit of the whole ranking, summed, over the number of
 *       relevant documents (so relevant documents never retrieved count 0);
 *   <li>{@code P.k}: relevant hits in the first k over k, however many hits there are.
 * </ul>
 *
 * A query without relevant documents scores 0 on every measure.
 */
public final class TrecEval {

    private TrecEval() {}

    /**
     * Means of the measures over the queries {@code averaging} selects from {@code judgements}.
     * Queries of the run that are not judged are ignored, as trec_eval ignores them.
     */
    public static EffectivenessScores evaluate(RelevanceJudgements judgements, RankedRun run, AveragingMode averaging) {
        double ndcg = 0;
        double recall100 = 0;
        double recall1000 = 0;
        double map = 0;
        double p30 = 0;
        int queries = 0;
        for (String queryId : judgements.queryIds()) {
            List<ScoredDocument> hits = run.hits(queryId);
            if (hits.isEmpty() && averaging == AveragingMode.JUDGED_AND_RETRIEVED) {
                continue;
            }
            List<String> ranking = trecOrder(hits);
            Map<String, Integer> grades = judgements.grades(queryId);
            ndcg += ndcgAt(10, ranking, grades);
            recall100 += recallAt(100, ranking, grades);
            recall1000 += recallAt(1000, ranking, grades);
            map += averagePrecision(ranking, grades);
            p30 += precisionAt(30, ranking, grades);
            queries++;
        }
        if (queries == 0) {
            return new EffectivenessScores(
                    0, 0, 0, 0, 0, 0, judgements.queryIds().size());
        }
        return new EffectivenessScores(
                ndcg / queries,
                recall100 / queries,
                recall1000 / queries,
                map / queries,
                p30 / queries,
                queries,
                judgements.queryIds().size());
    }

    /**
     * The document ids of {@code hits} in trec_eval's order: score descending, then document id
     * descending.
     *
     * @throws IllegalArgumentException when a document is listed twice (trec_eval refuses such runs)
     */
    public static List<String> trecOrder(List<ScoredDocument> hits) {
        List<ScoredDocument> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingDouble(ScoredDocument::score)
                .reversed()
                .thenComparing(ScoredDocument::docId, Comparator.reverseOrder()));
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(sorted.size());
        for (ScoredDocument hit : sorted) {
            if (!seen.add(hit.docId())) {
                throw new IllegalArgumentException("document " + hit.docId() + " retrieved twice for one query");
            }
            ids.add(hit.docId());
        }
        return ids;
    }

    /** nDCG over the first {@code k} of {@code ranking}, with trec_eval's discount. */
    public static double ndcgAt(int k, List<String> ranking, Map<String, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int grade = grades.getOrDefault(ranking.get(i), 0);
            if (grade > 0) {
                dcg += grade / discount(i + 1);
            }
        }
        List<Integer> ideal = grades.values().stream()
                .filter(grade -> grade > 0)
                .sorted(Comparator.reverseOrder())
                .toList();
        double idealDcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idealDcg += ideal.get(i) / discount(i + 1);
        }
        return idealDcg > 0 ? dcg / idealDcg : 0;
    }

    /** The discount of the 1-based {@code rank}: log2(rank + 1), so 1 at rank 1. */
    static double discount(int rank) {
        return Math.log(rank + 1) / Math.log(2);
    }

    /** Share of the relevant documents found in the first {@code k} of {@code ranking}. */
    public static double recallAt(int k, List<String> ranking, Map<String, Integer> grades) {
        long relevant = relevantCount(grades);
        if (relevant == 0) {
            return 0;
        }
        return (double) relevantIn(k, ranking, grades) / relevant;
    }

    /** Relevant documents in the first {@code k} of {@code ranking}, over {@code k}. */
    public static double precisionAt(int k, List<String> ranking, Map<String, Integer> grades) {
        return (double) relevantIn(k, ranking, grades) / k;
    }

    /** Average precision over the whole of {@code ranking}, divided by all relevant documents. */
    public static double averagePrecision(List<String> ranking, Map<String, Integer> grades) {
        long relevant = relevantCount(grades);
        if (relevant == 0) {
            return 0;
        }
        double sum = 0;
        int found = 0;
        for (int i = 0; i < ranking.size(); i++) {
            if (grades.getOrDefault(ranking.get(i), 0) > 0) {
                found++;
                sum += (double) found / (i + 1);
            }
        }
        return sum / relevant;
    }

    private static int relevantIn(int k, List<String> ranking, Map<String, Integer> grades) {
        int found = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (grades.getOrDefault(ranking.get(i), 0) > 0) {
                found++;
            }
        }
        return found;
    }

    private static long relevantCount(Map<String, Integer> grades) {
        return grades.values().stream().filter(grade -> grade > 0).count();
    }
}
