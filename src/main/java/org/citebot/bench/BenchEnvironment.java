package org.citebot.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.apache.lucene.util.Version;

/**
 * Where and with what a benchmark ran, printed with its figures so they can be compared. The load
 * averages tell whether other work shared the machine while it measured.
 */
public record BenchEnvironment(
        String date,
        String javaVersion,
        String javaVm,
        String os,
        int processors,
        long maxHeapBytes,
        String jvmArguments,
        double loadAverageAtStart,
        double loadAverageAtEnd,
        String lucene,
        String sqlite) {

    /** The system load average over the last minute, -1 where the platform does not tell. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static BenchEnvironment current(Instant now, String sqliteVersion, double loadAtStart) {
        return new BenchEnvironment(
                now.toString(),
                System.getProperty("java.version", "?"),
                System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.vm.version", ""),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                loadAtStart,
                loadAverage(),
                Version.LATEST.toString(),
                sqliteVersion);
    }
}
