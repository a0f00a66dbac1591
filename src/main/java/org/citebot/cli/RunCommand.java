package org.citebot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citebot.app.Citebot;
import org.citebot.app.DiscordFrontEnd;
import org.citebot.config.CitebotConfig;
import org.citebot.console.Console;
import org.citebot.console.TextRenderer;
import org.citebot.discord.DiscordStartException;
import org.citebot.index.IndexInUseException;
import org.citebot.ops.OpsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot run} (also what plain {@code citebot} does): joins Discord when {@code
 * DISCORD_TOKEN} is set, and otherwise opens the local console on standard input.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the bot: in Discord when DISCORD_TOKEN is set, otherwise as a local console.")
final class RunCommand implements Callable<Integer> {

    static final String TOKEN_VARIABLE = "DISCORD_TOKEN";
    static final long SHUTDOWN_WAIT_SECONDS = 20;

    /** Counted down once the index and database are closed, which a shutdown hook waits for. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @ParentCommand
    Main main;

    @Option(
            names = "--discord",
            description = "Refuse to start without DISCORD_TOKEN instead of opening the console: for containers"
                    + " and services, where nobody types at a console (the Docker image runs this).")
    boolean discordOnly;

    @Spec
    CommandSpec spec;

    RunCommand() {}

    RunCommand(Main main, CommandSpec spec) {
        this.main = main;
        this.spec = spec;
    }

    @Override
    public Integer call() throws Exception {
        CitebotConfig config = main.config();
        String token = main.environment().getOrDefault(TOKEN_VARIABLE, "").strip();
        PrintWriter err = spec.commandLine().getErr();
        if (discordOnly && token.isEmpty()) {
            err.println("citebot: DISCORD_TOKEN is not set, and run --discord does not fall back to the console."
                    + " Set DISCORD_TOKEN (docker run -e DISCORD_TOKEN=...), or run the console at a terminal"
                    + " (docker run -it IMAGE run)");
            return Main.EXIT_USAGE;
        }
        if (!Files.isDirectory(config.corpus().dir())) {
            err.println(corpusNotFound(config));
            return Main.EXIT_USAGE;
        }
        Citebot citebot;
        try {
            citebot = Citebot.start(
                    config,
                    Clock.systemUTC(),
                    token.isEmpty() ? "citebot run (console)" : "citebot run (Discord bot)",
                    Main.BUILD_WAIT,
                    busy -> err.println(IndexInUseMessages.waiting(busy)));
        } catch (IndexInUseException e) {
            err.println(IndexInUseMessages.forRun(e));
            return Main.EXIT_USAGE;
        } catch (NoSuchFileException e) {
            if (Files.isDirectory(config.corpus().dir())) {
                throw e;
            }
            // The corpus folder went away between the check above and the index build.
            err.println(corpusNotFound(config));
            return Main.EXIT_USAGE;
        }
        try {
            return token.isEmpty() ? console(citebot) : discord(citebot, token);
        } finally {
            citebot.close();
            closed.countDown();
        }
    }

    private static String corpusNotFound(CitebotConfig config) {
        return "citebot: corpus folder not found: " + config.corpus().dir().toAbsolutePath()
                + " (corpus.dir in the config file, or CITEBOT_CORPUS_DIR)";
    }

    private int console(Citebot citebot) throws java.io.IOException {
        boolean interactive = System.console() != null;
        Console console = new Console(citebot.registry(), citebot.errors(), new TextRenderer(interactive));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        console.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, interactive);
        return 0;
    }

    private int discord(Citebot citebot, String token) throws InterruptedException {
        DiscordFrontEnd frontEnd;
        try {
            frontEnd = DiscordFrontEnd.start(citebot, token);
        } catch (DiscordStartException e) {
            spec.commandLine().getErr().println("citebot: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        java.util.List<org.citebot.ops.ReadinessCheck> checks = new java.util.ArrayList<>(citebot.readinessChecks());
        checks.add(frontEnd.gatewayCheck());
        OpsServer ops;
        try {
            ops = citebot.config().ops().listen().isPresent()
                    ? OpsServer.start(citebot.config().ops().listen().get(), citebot.metrics(), checks)
                    : null;
        } catch (java.io.IOException e) {
            frontEnd.close();
            spec.commandLine()
                    .getErr()
                    .println("citebot: cannot listen on ops.listen "
                            + citebot.config().ops().listen().get() + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // On SIGTERM: stop taking interactions, let the main thread close the index and database,
        // and keep the JVM alive until it has.
        Thread hook = new Thread(
                () -> {
                    frontEnd.close();
                    if (ops != null) {
                        ops.close();
                    }
                    stopped.countDown();
                    try {
                        closed.await(SHUTDOWN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "citebot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }
}
