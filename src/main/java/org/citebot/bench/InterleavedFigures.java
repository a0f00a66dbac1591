package org.citebot.bench;

/**
 * citebot and bare Lucene timed in one loop, each question asked of both in turn (which of the two
 * goes first alternates from one question to the next), so both meet the machine in the same
 * moments. Timed one after the other, on a shared machine, the two engines can meet loads that
 * differ by more than the gap between them; this is the comparison the speed targets take.
 *
 * @param rounds timed rounds of the question set
 * @param citebot citebot's latencies, one thread
 * @param lucene bare Lucene's latencies on the same questions, one thread
 */
public record InterleavedFigures(int rounds, LatencyFigures citebot, LatencyFigures lucene) {

    /** citebot's median over bare Lucene's. */
    public double p50Ratio() {
        return citebot.p50Micros() / lucene.p50Micros();
    }

    /** citebot's 99th percentile over bare Lucene's. */
    public double p99Ratio() {
        return citebot.p99Micros() / lucene.p99Micros();
    }
}
