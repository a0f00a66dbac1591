package org.citebot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM on the test class path, for tests that stop a real process the way an operator or
 * the kernel would: {@link #terminate} sends SIGTERM (shutdown hooks run), {@link #kill} SIGKILL
 * (nothing runs). Standard output and error are collected line by line.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
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

    /** Like {@link #start(Class, Map, String...)} with JVM options, such as {@code -Xmx256m}, before the class. */
    public static ChildJvm start(
            List<String> jvmOptions, Class<?> main, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start());
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

    /** Waits for the child to end by itself; returns the exit code, failing if it is still running. */
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
