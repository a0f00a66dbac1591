package org.citebot.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;

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

    public static void main(String[] args) {
        long started = System.nanoTime();
        int exit = Main.execute(args, Map.of());
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
