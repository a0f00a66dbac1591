package org.citebot.bench;

import java.util.Arrays;

/**
 * Latencies of one timed run: percentiles from the sorted samples (nearest rank), and the
 * throughput of the whole run.
 *
 * @param threads how many threads searched at once
 * @param samples how many timed calls the percentiles are taken over
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param meanMicros mean latency in microseconds
 * @param queriesPerSecond timed calls over the wall-clock time of the run, all threads together
 */
public record LatencyFigures(
        int threads, int samples, double p50Micros, double p99Micros, double meanMicros, double queriesPerSecond) {

    /** Figures from raw latencies in nanoseconds and the run's wall-clock time. */
    public static LatencyFigures of(int threads, long[] latencyNanos, long wallNanos) {
        if (latencyNanos.length == 0 || wallNanos <= 0) {
            throw new IllegalArgumentException("a timed run needs samples and time");
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new LatencyFigures(
                threads,
                sorted.length,
                percentile(sorted, 50) / 1_000.0,
                percentile(sorted, 99) / 1_000.0,
                sum / sorted.length / 1_000.0,
                sorted.length * 1e9 / wallNanos);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with p% of samples at or below it. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
