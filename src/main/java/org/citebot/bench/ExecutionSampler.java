package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Samples the Java threads' stacks with JDK Flight Recorder while some work runs and counts the
 * samples by the stage a classifier reads off each stack, so a stage profile needs no code of the
 * profiled work instrumented. The search and the indexing profiles share it.
 */
final class ExecutionSampler {

    /** Work to sample. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /** The stage of one sample, from the sampled thread's name and its frames (innermost first); null to leave it out. */
    @FunctionalInterface
    interface Classifier {
        @Nullable
        String stage(String threadName, List<RecordedFrame> frames);
    }

    private ExecutionSampler() {}

    private static void runOnThread(String threadName, Work work) throws IOException {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                threadName);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while profiling", e);
        }
        if (failure[0] != null) {
            throw new IOException("the profiled work failed: " + failure[0], failure[0]);
        }
    }

    /**
     * Runs {@code work} on a new thread called {@code threadName}, waiting for it, while sampling
     * every {@code period}; returns the samples per stage, in order of first appearance. The
     * recording is written to a temporary file in {@code workDir} and deleted.
     *
     * @throws IOException when the work failed (its failure is the cause) or the wait was interrupted
     */
    static Map<String, Integer> sample(
            Path workDir, Duration period, String threadName, Work work, Classifier classifier) throws IOException {
        Path dump = Files.createTempFile(workDir, "profile-", ".jfr");
        try {
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(period).withStackTrace();
                recording.setToDisk(true);
                recording.start();
                try {
                    runOnThread(threadName, work);
                } finally {
                    recording.stop();
                    recording.dump(dump);
                }
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
                RecordedThread sampled = event.getThread("sampledThread");
                RecordedStackTrace stack = event.getStackTrace();
                if (sampled == null || stack == null) {
                    continue;
                }
                String name = sampled.getJavaName() == null ? "" : sampled.getJavaName();
                String stage = classifier.stage(name, stack.getFrames());
                if (stage != null) {
                    counts.merge(stage, 1, Integer::sum);
                }
            }
            return counts;
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
