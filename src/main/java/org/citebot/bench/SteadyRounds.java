package org.citebot.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides when an engine's warm-up is over, from the median latency of each untimed round: at least
 * a minimum of rounds, then more until {@value #STEADY_ROUNDS} rounds in a row fail to bring the best
 * median down by 3%, so one slow round on a shared machine does not end it, up to a maximum. A fixed
 * few rounds favoured the engine with the least code to compile: citebot's search (parsing,
 * rescoring, highlighting, snippets, links) was still getting faster after three rounds of the 300
 * questions, bare Lucene's much smaller one was not.
 */
final class SteadyRounds {

    /** A round whose median is below this share of the best so far is still getting faster. */
    static final double FASTER = 0.97;

    /** Rounds in a row that must fail to get faster before the engine counts as warm. */
    static final int STEADY_ROUNDS = 2;

    private final int minRounds;
    private final int maxRounds;
    private final List<Long> medians = new ArrayList<>();
    private long best = Long.MAX_VALUE;
    private int withoutGain;

    SteadyRounds(int minRounds, int maxRounds) {
        if (minRounds < 1 || maxRounds < minRounds) {
            throw new IllegalArgumentException("warm-up rounds: at least 1, and a maximum not below the minimum");
        }
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
    }

    /**
     * Records a finished round's median latency.
     *
     * @return whether the warm-up is over
     */
    boolean record(long medianNanos) {
        medians.add(medianNanos);
        withoutGain = medianNanos < FASTER * best ? 0 : withoutGain + 1;
        best = Math.min(best, medianNanos);
        return medians.size() >= maxRounds || (medians.size() >= minRounds && withoutGain >= STEADY_ROUNDS);
    }

    /** The medians recorded, round by round, for the log. */
    List<Long> medians() {
        return List.copyOf(medians);
    }
}
