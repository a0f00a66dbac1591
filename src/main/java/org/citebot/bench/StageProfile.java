package org.citebot.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where citebot's uncached search (or its indexing) spends its time, from JDK Flight Recorder's
 * execution samples, each attributed to the pipeline stage on its stack.
 *
 * @param queries searches run while recording (for indexing: passages indexed)
 * @param meanMicros mean latency of those searches (for indexing: mean time per passage)
 * @param samples execution samples attributed
 * @param stages the stages, most expensive first
 */
public record StageProfile(int queries, double meanMicros, int samples, List<StageCost> stages) {

    public StageProfile {
        stages = List.copyOf(stages);
    }

    /** The profile of {@code runs} runs of {@code meanMicros} each, from the samples counted per stage. */
    static StageProfile of(int runs, double meanMicros, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<StageCost> stages = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            double share = (double) entry.getValue() / Math.max(1, total);
            stages.add(new StageCost(entry.getKey(), entry.getValue(), share, share * meanMicros));
        }
        stages.sort(Comparator.comparingInt(StageCost::samples).reversed());
        return new StageProfile(runs, meanMicros, total, stages);
    }

    /**
     * One stage's share of the samples and the time per query it stands for.
     *
     * @param microsPerQuery {@code share} of the mean latency
     */
    public record StageCost(String stage, int samples, double share, double microsPerQuery) {}
}
