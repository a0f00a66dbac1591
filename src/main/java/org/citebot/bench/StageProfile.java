package org.citebot.bench;

import java.util.List;

/**
 * Where citebot's uncached search spends its time, from JDK Flight Recorder's execution samples of
 * the searching thread, each attributed to the pipeline stage on its stack.
 *
 * @param queries searches run while recording
 * @param meanMicros mean latency of those searches
 * @param samples execution samples attributed
 * @param stages the stages, most expensive first
 */
public record StageProfile(int queries, double meanMicros, int samples, List<StageCost> stages) {

    public StageProfile {
        stages = List.copyOf(stages);
    }

    /**
     * One stage's share of the samples and the time per query it stands for.
     *
     * @param microsPerQuery {@code share} of the mean latency
     */
    public record StageCost(String stage, int samples, double share, double microsPerQuery) {}
}
