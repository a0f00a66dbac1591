package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * trec_eval's measures on tiny hand-made rankings. The expected values are worked out by hand in the
 * comments; log2(3) = 1.5849625, log2(5) = 2.3219281.
 */
class TrecEvalTest {

    /** a is highly relevant, b and c relevant, x judged not relevant; y is unjudged. */
    private static final Map<String, Integer> GRADES = Map.of("a", 2, "b", 1, "c", 1, "x", 0);

    /** Relevant documents at ranks 2 (a, grade 2) and 4 (b, grade 1); c is never retrieved. */
    private static final List<String> RANKING = List.of("x", "a", "y", "b");

    private static final double EPSILON = 1e-9;

    @Test
    void ndcgAt_gradedRanking_discountsByLog2OfRankPlusOne() {
        // DCG = 2/log2(3) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
        // ideal: a, b, c = 2/1 + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5 = 3.1309298
        assertThat(TrecEval.ndcgAt(10, RANKING, GRADES)).isCloseTo(1.6925361 / 3.1309298, within(1e-7));
    }

    @Test
    void ndcgAt_cutOffBeforeSecondRelevantHit_usesIdealRankingCutAtSameDepth() {
        // DCG@2 = 2/log2(3) = 1.2618595; ideal@2 = 2 + 1/log2(3) = 2.6309298
        assertThat(TrecEval.ndcgAt(2, RANKING, GRADES)).isCloseTo(1.2618595 / 2.6309298, within(1e-7));
    }

    @Test
    void ndcgAt_idealRanking_isOne() {
        assertThat(TrecEval.ndcgAt(10, List.of("a", "b", "c", "x"), GRADES)).isCloseTo(1.0, within(EPSILON));
    }

    @Test
    void ndcgAt_singleRelevantAtRankTwo_isDiscountedBelowOne() {
        // 1/log2(3) over the ideal 1/1: older trec_eval releases would have said 1.0 here.
        assertThat(TrecEval.ndcgAt(10, List.of("x", "b"), Map.of("b", 1))).isCloseTo(1 / 1.5849625, within(1e-7));
    }

    @Test
    void recallAt_countsRelevantWithinCutOffOverAllRelevant() {
        assertThat(TrecEval.recallAt(2, RANKING, GRADES)).isCloseTo(1.0 / 3, within(EPSILON));
        assertThat(TrecEval.recallAt(100, RANKING, GRADES)).isCloseTo(2.0 / 3, within(EPSILON));
    }

    @Test
    void averagePrecision_missingRelevantDocument_countsZeroForIt() {
        // precision at a = 1/2, at b = 2/4; c never retrieved; (0.5 + 0.5) / 3
        assertThat(TrecEval.averagePrecision(RANKING, GRADES)).isCloseTo(1.0 / 3, within(EPSILON));
    }

    @Test
    void precisionAt_fewerHitsThanCutOff_dividesByCutOff() {
        assertThat(TrecEval.precisionAt(30, RANKING, GRADES)).isCloseTo(2.0 / 30, within(EPSILON));
        assertThat(TrecEval.precisionAt(2, RANKING, GRADES)).isCloseTo(0.5, within(EPSILON));
    }

    @Test
    void measures_queryWithoutRelevantDocuments_scoreZero() {
        Map<String, Integer> noneRelevant = Map.of("x", 0);
        List<String> ranking = List.of("x", "y");
        assertThat(TrecEval.ndcgAt(10, ranking, noneRelevant)).isZero();
        assertThat(TrecEval.recallAt(100, ranking, noneRelevant)).isZero();
        assertThat(TrecEval.averagePrecision(ranking, noneRelevant)).isZero();
        assertThat(TrecEval.precisionAt(30, ranking, noneRelevant)).isZero();
    }

    @Test
    void trecOrder_tiedScores_breaksTiesByDescendingDocumentId() {
        List<ScoredDocument> hits =
                List.of(new ScoredDocument("a", 1.0), new ScoredDocument("c", 2.0), new ScoredDocument("b", 1.0));
        assertThat(TrecEval.trecOrder(hits)).containsExactly("c", "b", "a");
    }

    @Test
    void trecOrder_documentListedTwice_isRejected() {
        List<ScoredDocument> hits = List.of(new ScoredDocument("a", 2.0), new ScoredDocument("a", 1.0));
        assertThatThrownBy(() -> TrecEval.trecOrder(hits)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluate_allJudged_countsQueryWithoutHitsAsZero() {
        RelevanceJudgements judgements = new RelevanceJudgements(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1)));
        RankedRun run = new RankedRun(Map.of(
                "q1", List.of(new ScoredDocument("a", 3.0)),
                "unjudged", List.of(new ScoredDocument("b", 1.0))));

        EffectivenessScores scores = TrecEval.evaluate(judgements, run, AveragingMode.ALL_JUDGED);

        assertThat(scores.queries()).isEqualTo(2);
        assertThat(scores.ndcgAt10()).isCloseTo(0.5, within(EPSILON));
        assertThat(scores.recallAt100()).isCloseTo(0.5, within(EPSILON));
        assertThat(scores.map()).isCloseTo(0.5, within(EPSILON));
        assertThat(scores.precisionAt30()).isCloseTo(1.0 / 60, within(EPSILON));
    }

    @Test
    void evaluate_judgedAndRetrieved_leavesOutQueryWithoutHits() {
        RelevanceJudgements judgements = new RelevanceJudgements(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1)));
        RankedRun run = new RankedRun(Map.of("q1", List.of(new ScoredDocument("a", 3.0)), "q2", List.of()));

        EffectivenessScores scores = TrecEval.evaluate(judgements, run, AveragingMode.JUDGED_AND_RETRIEVED);

        assertThat(scores.queries()).isEqualTo(1);
        assertThat(scores.judgedQueries()).isEqualTo(2);
        assertThat(scores.ndcgAt10()).isCloseTo(1.0, within(EPSILON));
        assertThat(scores.map()).isCloseTo(1.0, within(EPSILON));
    }
}
