package org.citebot.eval.beir;

import java.util.function.ToDoubleFunction;

/** The measures citebot reports, with their trec_eval names and the run depth each one needs. */
public enum Measure {
    NDCG_10("nDCG@10", 10, EffectivenessScores::ndcgAt10),
    RECALL_100("R@100", 100, EffectivenessScores::recallAt100),
    RECALL_1000("R@1000", 1000, EffectivenessScores::recallAt1000),
    MAP("MAP", 1000, EffectivenessScores::map),
    P_30("P@30", 30, EffectivenessScores::precisionAt30);

    private final String label;
    private final int depthNeeded;
    private final ToDoubleFunction<EffectivenessScores> value;

    Measure(String label, int depthNeeded, ToDoubleFunction<EffectivenessScores> value) {
        this.label = label;
        this.depthNeeded = depthNeeded;
        this.value = value;
    }

    /** How reports name it, e.g. {@code nDCG@10}. */
    public String label() {
        return label;
    }

    /**
     * The run depth the measure needs to be comparable with published figures, which come from
     * 1000-deep runs: a shallower run does not report it.
     */
    public int depthNeeded() {
        return depthNeeded;
    }

    /** This measure's value in {@code scores}. */
    public double of(EffectivenessScores scores) {
        return value.applyAsDouble(scores);
    }
}
