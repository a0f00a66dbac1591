package org.citebot.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link BenchReport} as plain-text tables for a terminal (the JSON form is Jackson's). Used
 * by {@code citebot bench}.
 */
public final class BenchReportWriter {

    public void writeText(BenchReport report, PrintWriter out) {
        BenchEnvironment env = report.environment();
        out.printf(Locale.ROOT, "citebot bench, %s%n", env.date());
        out.printf(
                Locale.ROOT,
                "Java %s (%s), %s, %d cores, max heap %d MB, JVM args: %s; Lucene %s, SQLite %s%n",
                env.javaVersion(),
                env.javaVm(),
                env.os(),
                env.processors(),
                env.maxHeapBytes() >> 20,
                env.jvmArguments().isBlank() ? "(none)" : env.jvmArguments(),
                env.lucene(),
                env.sqlite());
        out.printf(
                Locale.ROOT,
                "System load average (1 min): %.2f at start, %.2f at end%n",
                env.loadAverageAtStart(),
                env.loadAverageAtEnd());
        out.printf(Locale.ROOT, "Hybrid rows' vectors: %s%n", report.hybridVectors());
        if (!report.solr().isEmpty()) {
            out.printf(Locale.ROOT, "Solr rows: %s%n", report.solr());
        }
        QualityFigures quality = report.quality();
        out.printf(
                Locale.ROOT,
                "%nQuality, %s (%d queries): nDCG@10 citebot %.4f, FTS5 bm25 %.4f%n",
                quality.collection(),
                quality.queries(),
                quality.citebotNdcgAt10(),
                quality.fts5NdcgAt10());
        for (SizeReport size : report.sizes()) {
            writeSize(size, out);
        }
        for (SemanticStart start : report.semanticStart()) {
            out.printf(
                    Locale.ROOT,
                    "%n== first hybrid start on the seeds ==%nmodel loaded in %.0f ms; %d passages embedded and"
                            + " indexed in %.0f ms; heap %.1f MB after a full GC%n",
                    start.modelLoadMillis(),
                    start.passages(),
                    start.indexMillis(),
                    start.heapBytes() / 1e6);
        }
        out.printf(Locale.ROOT, "%nTargets%n");
        for (SizeReport size : report.sizes()) {
            for (TargetCheck target : size.targets()) {
                out.printf(
                        Locale.ROOT,
                        "  %-8s %-48s %-22s %s%n",
                        passages(size.passages()),
                        target.target(),
                        target.measured(),
                        target.met() ? "met" : "MISSED");
            }
        }
        for (TargetCheck target : report.targets()) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s %-48s %-22s %s%n",
                    "SciFact",
                    target.target(),
                    target.measured(),
                    target.met() ? "met" : "MISSED");
        }
        out.flush();
    }

    private static void writeSize(SizeReport size, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%n== %s passages (%d documents, %.1f MB of text), %d queries ==%n",
                passages(size.passages()),
                size.documents(),
                size.textBytes() / 1e6,
                size.queries());
        out.printf(Locale.ROOT, "%-20s %10s %12s %8s %10s%n", "indexing", "seconds", "passages/s", "MB/s", "index MB");
        for (Map.Entry<String, IndexingFigures> entry : size.indexing().entrySet()) {
            IndexingFigures f = entry.getValue();
            out.printf(
                    Locale.ROOT,
                    "%-20s %10.2f %12.0f %8.2f %10s%n",
                    entry.getKey(),
                    f.seconds(),
                    f.passagesPerSecond(),
                    f.megabytesPerSecond(),
                    f.indexBytes() == BenchEngine.INDEX_BYTES_UNKNOWN
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f", f.indexBytes() / 1e6));
        }
        out.printf(
                Locale.ROOT,
                "%-20s %9s %9s | %9s %9s %9s %7s | %9s %9s %9s %7s | %8s %8s %6s%n",
                "search, top 5",
                "ready ms",
                "reopen ms",
                "p50 µs",
                "p99 µs",
                "q/s",
                "n",
                "4t p50",
                "4t p99",
                "4t q/s",
                "n",
                "heap MB",
                "+heap MB",
                "empty");
        for (Map.Entry<String, SearchFigures> entry : size.search().entrySet()) {
            SearchFigures f = entry.getValue();
            out.printf(
                    Locale.ROOT,
                    "%-20s %9.1f %9.1f | %9.0f %9.0f %9.0f %7d | %9.0f %9.0f %9.0f %7d | %8.1f %8.1f %6d%n",
                    entry.getKey(),
                    f.readyMillis(),
                    f.reopenMillis(),
                    f.oneThread().p50Micros(),
                    f.oneThread().p99Micros(),
                    f.oneThread().queriesPerSecond(),
                    f.oneThread().samples(),
                    f.fourThreads().p50Micros(),
                    f.fourThreads().p99Micros(),
                    f.fourThreads().queriesPerSecond(),
                    f.fourThreads().samples(),
                    f.heapBytes() / 1e6,
                    f.heapDeltaBytes() / 1e6,
                    f.emptyResults());
        }
        InterleavedFigures interleaved = size.interleaved();
        out.printf(
                Locale.ROOT,
                "citebot and lucene asked each question in turn, 1 thread, %d rounds: citebot p50 %.0f µs, p99 %.0f µs;"
                        + " lucene p50 %.0f µs, p99 %.0f µs; citebot / lucene %.2fx at p50, %.2fx at p99%n",
                interleaved.rounds(),
                interleaved.citebot().p50Micros(),
                interleaved.citebot().p99Micros(),
                interleaved.lucene().p50Micros(),
                interleaved.lucene().p99Micros(),
                interleaved.p50Ratio(),
                interleaved.p99Ratio());
        for (Map.Entry<String, EmbeddingFigures> entry : size.embedding().entrySet()) {
            EmbeddingFigures f = entry.getValue();
            out.printf(
                    Locale.ROOT,
                    "%s embedding: %d passages embedded in %.1f s (%.1f passages/s), %d from the embedding cache;"
                            + " a new question's embedding p50 %.1f ms, p99 %.1f ms (the search rows above time"
                            + " questions whose vectors are cached)%n",
                    entry.getKey(),
                    f.embedded(),
                    f.modelSeconds(),
                    f.passagesPerSecond(),
                    f.reused(),
                    f.questions().p50Micros() / 1000,
                    f.questions().p99Micros() / 1000);
        }
        CacheFigures cache = size.cache();
        out.printf(
                Locale.ROOT,
                "cached lookup (hit): p50 %.1f µs, p99 %.1f µs (%d samples)%n",
                cache.hitLookups().p50Micros(),
                cache.hitLookups().p99Micros(),
                cache.hitLookups().samples());
        out.printf(
                Locale.ROOT,
                "  of which query normalization alone: p50 %.1f µs, p99 %.1f µs%n",
                cache.normalizeOnly().p50Micros(),
                cache.normalizeOnly().p99Micros());
        out.printf(
                Locale.ROOT,
                "Zipf s=%.1f over %d queries, %d lookups, cache of %d entries: hit ratio %.3f; stream p50 %.1f µs,"
                        + " p99 %.0f µs%n",
                cache.zipfExponent(),
                cache.zipfDistinctQueries(),
                cache.zipfLookups(),
                cache.zipfCacheEntries(),
                cache.zipfHitRatio(),
                cache.zipfStream().p50Micros(),
                cache.zipfStream().p99Micros());
        StageProfile profile = size.profile();
        out.printf(
                Locale.ROOT,
                "citebot search by stage (%d queries, mean %.0f µs, %d samples):%n",
                profile.queries(),
                profile.meanMicros(),
                profile.samples());
        writeStages(profile, out);
        for (Map.Entry<String, StageProfile> entry : size.indexingProfiles().entrySet()) {
            StageProfile indexing = entry.getValue();
            out.printf(
                    Locale.ROOT,
                    "%s indexing by stage (untimed run: %d passages, %.1f µs a passage, %d samples, all threads):%n",
                    entry.getKey(),
                    indexing.queries(),
                    indexing.meanMicros(),
                    indexing.samples());
            writeStages(indexing, out);
        }
        out.printf(Locale.ROOT, "citebot / baseline:%n");
        // A line per baseline: its indexing ratios, later its search ratios.
        String last = "";
        for (Ratio ratio : size.ratios()) {
            if (!ratio.baseline().equals(last)) {
                if (!last.isEmpty()) {
                    out.println();
                }
                out.printf(Locale.ROOT, "  vs %s:", ratio.baseline());
                last = ratio.baseline();
            }
            out.printf(Locale.ROOT, " %s %.2f;", ratio.figure(), ratio.ratio());
        }
        if (!last.isEmpty()) {
            out.println();
        }
    }

    private static void writeStages(StageProfile profile, PrintWriter out) {
        for (StageProfile.StageCost stage : profile.stages()) {
            out.printf(
                    Locale.ROOT,
                    "  %-60s %5.1f%% %8.1f µs%n",
                    stage.stage(),
                    stage.share() * 100,
                    stage.microsPerQuery());
        }
    }

    static String passages(int count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return count / 1_000_000 + "M";
        }
        if (count >= 1_000 && count % 1_000 == 0) {
            return count / 1_000 + "k";
        }
        return Integer.toString(count);
    }
}
