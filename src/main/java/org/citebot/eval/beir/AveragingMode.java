package org.citebot.eval.beir;

/**
 * Which queries a mean is taken over, the choice trec_eval makes with or without {@code -c}.
 */
public enum AveragingMode {

    /**
     * trec_eval {@code -c}: every query of the relevance judgements; a judged query without a single
     * hit counts 0. BEIR's published figures are averaged this way.
     */
    ALL_JUDGED,

    /**
     * trec_eval without {@code -c}: only queries that have both judgements and at least one hit.
     * Anserini's published CACM figures are averaged this way.
     */
    JUDGED_AND_RETRIEVED
}
