package org.citebot.bench;

/**
 * What one search setup measured on one corpus: how long it took to become ready on the existing
 * index, its uncached latencies at one and four threads, and the heap it holds once warm.
 *
 * @param readyMillis open the index and answer the first query, the first time in this JVM (which
 *     has indexed, so some classes are loaded and the index files are in the page cache)
 * @param reopenMillis the same again after closing, median of three: what a restart costs once the
 *     code is loaded and compiled
 * @param oneThread latencies with one searching thread
 * @param fourThreads latencies with four threads searching at once
 * @param heapBytes heap in use after warm-up and a full GC, with this setup open and nothing else
 * @param heapDeltaBytes {@code heapBytes} minus the heap in use before the setup was opened
 * @param emptyResults queries of the set that returned no hit (or could not be run)
 */
public record SearchFigures(
        double readyMillis,
        double reopenMillis,
        LatencyFigures oneThread,
        LatencyFigures fourThreads,
        long heapBytes,
        long heapDeltaBytes,
        int emptyResults) {}
