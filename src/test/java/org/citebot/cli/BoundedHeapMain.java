package org.citebot.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citebot.testing.ChildJvm;

/**
 * The command line in a child JVM started with a small heap ({@code -Xmx256m}), for the tests that
 * show a corpus indexes within it. Runs {@code citebot} with the given arguments, then prints its
 * exit code, its wall time and the sum of the heap pools' peaks (an upper bound of the heap it used).
 */
public final class BoundedHeapMain {

    static final String EXIT = "CHILD-EXIT ";
    static final String TOOK = "CHILD-TOOK-MS ";
    static final String PEAK = "CHILD-PEAK-HEAP-MB ";

    private BoundedHeapMain() {}

    /** How a run in the child JVM ended, and what it printed. */
    record ChildRun(int exit, List<String> output) {

        /** The number printed after {@code prefix}, e.g. {@link #TOOK}. */
        long figure(String prefix) {
            return output.stream()
                    .filter(line -> line.startsWith(prefix))
                    .mapToLong(line ->
                            Long.parseLong(line.substring(prefix.length()).strip()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + output));
        }

        String printed() {
            return String.join("\n", output);
        }
    }

    /**
     * Runs {@code citebot args} in a child JVM shaped like the Docker image's (SerialGC, exit on
     * out-of-memory) with a 256 MB heap, and waits for it to end.
     */
    static ChildRun runInSmallHeap(Duration timeout, String... args) throws IOException, InterruptedException {
        try (ChildJvm child = ChildJvm.start(
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                BoundedHeapMain.class,
                Map.of(),
                args)) {
            int exit = child.awaitExit(timeout);
            return new ChildRun(exit, child.output());
        }
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        // What is measured here is reading, splitting and indexing text within the heap; embedding
        // a 200 MB corpus would take the semantic model hours (docs/benchmarks.md, hybrid search).
        int exit = Main.execute(args, Map.of("CITEBOT_SEARCH_MODE", "lexical"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(TOOK + tookMillis);
        System.out.println(PEAK + peak / (1024 * 1024));
        System.out.println(EXIT + exit);
        System.out.flush();
        System.exit(exit);
    }
}
