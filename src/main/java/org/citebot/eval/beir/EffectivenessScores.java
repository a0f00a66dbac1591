package org.citebot.eval.beir;

/**
 * The trec_eval measures citebot reports for a run, each a mean over {@code queries} queries.
 *
 * @param ndcgAt10 trec_eval {@code ndcg_cut.10}
 * @param recallAt100 trec_eval {@code recall.100}
 * @param recallAt1000 trec_eval {@code recall.1000}
 * @param map trec_eval {@code map} over the whole ranking
 * @param precisionAt30 trec_eval {@code P.30}
 * @param queries how many queries the means are taken over
 * @param judgedQueries how many queries have judgements; more than {@code queries} when averaging
 *     over judged queries with hits left out some that retrieved nothing
 */
public record EffectivenessScores(
        double ndcgAt10,
        double recallAt100,
        double recallAt1000,
        double map,
        double precisionAt30,
        int queries,
        int judgedQueries) {}
