package org.citebot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.citebot.app.Citebot;
import org.citebot.config.CitebotConfig;
import org.citebot.console.Console;
import org.citebot.console.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code citebot run} (also what plain {@code citebot} does): joins Discord when {@code
 * DISCORD_TOKEN} is set, and otherwise opens the local console on standard input.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: in Discord when DISCORD_TOKEN is set, otherwise as a local console.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    RunCommand() {}

    RunCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws Exception {
        CitebotConfig config = main.config();
        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            boolean interactive = System.console() != null;
            Console console = new Console(citebot.registry(), citebot.errors(), new TextRenderer(interactive));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            console.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, interactive);
        }
        return 0;
    }
}
