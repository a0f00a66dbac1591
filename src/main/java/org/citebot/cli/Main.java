package org.citebot.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citebot.app.LogFormat;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigException;
import org.citebot.config.ConfigLoader;
import org.citebot.corpus.ManifestException;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.state.StateStoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * citebot's command line: {@code run} (the default) starts the Discord bot when {@code
 * DISCORD_TOKEN} is set and the local console otherwise; {@code index} and {@code search} serve
 * scripts and CI. Exit codes: 0 success, 1 failure, 2 bad input or configuration.
 */
@Command(
        name = "citebot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Answers questions with cited passages from a group's corpus, in Discord or at a local console.",
        subcommands = {
            RunCommand.class,
            IndexCommand.class,
            SearchCliCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            ExtractCli.class,
            SourcesCli.class,
            SolrCli.class,
            HealthcheckCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    /** Exit code for bad input or an invalid configuration. */
    static final int EXIT_USAGE = 2;
    /** Exit code for a failure that is not the user's input. */
    static final int EXIT_FAILURE = 1;

    static final Path DEFAULT_CONFIG = Path.of("config/citebot.yaml");

    /**
     * How long a command waits for another citebot process that is building the index (a first
     * search, {@code citebot index}, a bot starting up) before giving up with a message.
     */
    static final Duration BUILD_WAIT = Duration.ofMinutes(2);

    @Option(
            names = {"-c", "--config"},
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "Configuration file (default: ${DEFAULT-VALUE} if present).",
            defaultValue = "config/citebot.yaml")
    Path configFile = DEFAULT_CONFIG;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;
    private InputStream input = System.in;

    Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv()));
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and tests. */
    static int execute(String[] args, Map<String, String> environment) {
        return execute(
                args,
                environment,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return execute(args, environment, System.in, out, err);
    }

    /** Runs the command line reading answers to questions from {@code in}; returns the exit code. */
    static int execute(
            String[] args, Map<String, String> environment, InputStream in, PrintWriter out, PrintWriter err) {
        Main main = new Main(environment);
        main.input = in;
        CommandLine commandLine = new CommandLine(main);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A broken sources.yaml is bad input like a broken config: exit 2 with the reason.
            if (e instanceof ConfigException || e instanceof ManifestException) {
                cmd.getErr().println("citebot: " + e.getMessage());
                return EXIT_USAGE;
            }
            // An unreachable or unusable state database stops start-up like an unreachable Discord.
            if (e instanceof StateStoreException) {
                cmd.getErr().println("citebot: " + e.getMessage());
                return EXIT_FAILURE;
            }
            // The passage store down (Solr out of reach) is an outage, not a bug: one line, no trace.
            Optional<StoreUnavailableException> outage = StoreUnavailableException.in(e);
            if (outage.isPresent()) {
                cmd.getErr().println(unavailable(outage.get()));
                return EXIT_FAILURE;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The one line a command prints when the passage store is down: the notice, then the reason. */
    static String unavailable(StoreUnavailableException outage) {
        return "citebot: " + StoreUnavailableException.NOTICE + " (" + outage.getMessage() + ")";
    }

    /** With no subcommand, citebot runs the bot (or the console). */
    @Override
    public Integer call() throws Exception {
        return new RunCommand(this, spec).call();
    }

    /** The configuration from {@code --config} and the environment; throws naming the bad key. */
    CitebotConfig config() {
        return config(Map.of());
    }

    /**
     * The configuration as {@link #config()} loads it, with {@code overrides} (environment variables
     * of config keys, such as {@code CITEBOT_SEARCH_SOLR_ZK_HOSTS}) set above the environment's own:
     * how a command's options stand in for keys and are checked as they are.
     */
    CitebotConfig config(Map<String, String> overrides) {
        boolean explicit = !configFile.equals(DEFAULT_CONFIG);
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(overrides);
        CitebotConfig config = new ConfigLoader(merged).load(Optional.of(configFile), explicit);
        LogFormat.parse(config.ops().logFormat()).apply();
        return config;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Where a command reads a person's answers, such as a confirmation. */
    InputStream input() {
        return input;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"citebot " + (version == null ? "(development build)" : version)};
        }
    }
}
