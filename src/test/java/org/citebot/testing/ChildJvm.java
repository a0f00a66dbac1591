package org.citebot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A second JVM on the test class path, for tests that stop a real process the way an operator or
 * the kernel would: {@link #terminate} sends SIGTERM (shutdown hooks run), {@link #kill} SIGKILL
 * (nothing runs). Standard output and error are collected line by line.
 */
public final class ChildJvm implements AutoCloseable {

    /** sqlite-jdbc's system property for where it extracts its native library (else java.io.tmpdir). */
    public static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    /**
     * JVM options for a short-lived child: the quick compiler only and the smallest collector, which
     * roughly halve the CPU a command-line run costs on a small machine.
     */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    private final Process process;
    private final Path nativeLibraries;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process, Path nativeLibraries) {
        this.process = process;
        this.nativeLibraries = nativeLibraries;
        this.reader = new Thread(this::collectOutput, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args}; {@code environment} is added to this JVM's own
     * environment, minus any {@code DISCORD_TOKEN} the machine running the tests may have.
     */
    public static ChildJvm start(Class<?> main, Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), main, environment, args);
    }

    /**
     * Like {@link #start(Class, Map, String...)} with JVM options first, e.g. {@link #QUICK_START} for
     * short-lived children of which a test starts many.
     */
    public static ChildJvm start(
            List<String> jvmOptions, Class<?> main, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // SQLite's native library is extracted into a folder of the child's own: children starting
        // together in one shared folder raced, one deleting as stale a library another was loading.
        Path nativeLibraries = Files.createTempDirectory("citebot-child-native-");
        command.add("-D" + SQLITE_TMPDIR + "=" + nativeLibraries);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), nativeLibraries);
    }

    /** The child's process id, as citebot records it in an index folder it holds. */
    public long pid() {
        return process.pid();
    }

    /** Writes {@code line} to the child's standard input, for children that wait to be told to go on. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Every line the child printed so far, standard output and error interleaved. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Waits for a line starting with {@code prefix}; fails with the output if the child exits first. */
    public String awaitLineStartingWith(String prefix, Duration timeout) {
        return awaitLine(line -> line.startsWith(prefix), "a line starting with " + prefix, timeout);
    }

    /** Waits for a line matching {@code wanted}; fails with the output if the child exits first. */
    public String awaitLine(Predicate<String> wanted, String description, Duration timeout) {
        await("child prints " + description)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> output.stream().anyMatch(wanted) || !process.isAlive());
        return output.stream()
                .filter(wanted)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child exited with " + process.exitValue()
                        + " before printing " + description + "; its output:" + System.lineSeparator()
                        + String.join(System.lineSeparator(), output)));
    }

    /**
     * SIGTERM, as {@code docker stop} or systemd sends it; returns the exit code. Sent through the
     * process handle: {@code Process#destroy} would also close our end of the child's output, and
     * what it prints while shutting down would be lost.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: the process ends at once, no shutdown hook runs; returns the exit code. */
    public int kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit(Duration.ofSeconds(10));
    }

    /** Waits for the child to end by itself; returns the exit code, failing with its output after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited)
                .as("child exited within %s; its output: %s", timeout, String.join(System.lineSeparator(), output))
                .isTrue();
        // The pipe closes with the process; the reader has the last lines soon after.
        reader.join(10_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(nativeLibraries)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Already gone, or left for the system's cleaning of its temporary folder.
        }
    }

    /** The folder the child extracts SQLite's native library into, its own; deleted on {@link #close}. */
    public Path nativeLibraries() {
        return nativeLibraries;
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            // The process was killed; its output ends here.
        }
    }
}
