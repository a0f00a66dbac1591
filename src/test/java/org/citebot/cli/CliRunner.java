package org.citebot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the command line in the test's JVM, as scripts run it, keeping what it printed; public for
 * the end-to-end tests that run it beside a bot.
 */
public final class CliRunner {

    /** The real seed corpus, as surefire names it. */
    static final Path SEEDS =
            Path.of(System.getProperty("citebot.seeds", "seeds")).toAbsolutePath();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Writes {@code dir/citebot.yaml}: the seeds as corpus, the index and the database inside {@code dir}. */
    static Path writeConfig(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("citebot.yaml"),
                "corpus:\n  dir: " + SEEDS + "\nindex:\n  dir: " + dir.resolve("index") + "\nstate:\n  db: "
                        + dir.resolve("citebot.db") + "\n");
    }

    /** Runs {@code args} with an empty environment; returns the exit code. */
    int run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code args} with {@code environment} as the process's environment; returns the exit code. */
    public int run(Map<String, String> environment, String... args) {
        return Main.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Everything printed on standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Everything printed on standard error so far. */
    public String err() {
        return err.toString();
    }
}
