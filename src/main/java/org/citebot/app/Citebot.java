package org.citebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.command.ActionHandler;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.HelpCommand;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.RateLimiter;
import org.citebot.command.SearchActionHandler;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchSessions;
import org.citebot.command.SettingsCommand;
import org.citebot.config.CitebotConfig;
import org.citebot.state.GuildSettings;
import org.citebot.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every object of a running citebot by hand, in start-up order
 * (state, index, search, commands), and closes them in reverse. Front ends (console, Discord)
 * receive the pieces they use from here.
 */
public final class Citebot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Citebot.class);

    private final CitebotConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final StateStore state;
    private final SearchEngine engine;
    private final CommandRegistry registry;
    private final ErrorBoundary errors = new ErrorBoundary();

    private Citebot(CitebotConfig config, Clock clock, StateStore state, SearchEngine engine) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.state = state;
        this.engine = engine;
        this.registry = buildRegistry();
    }

    /** Opens the state database and the index (building it from the corpus if needed). */
    public static Citebot start(CitebotConfig config, Clock clock) throws IOException {
        StateStore state = StateStore.open(config.state().db(), clock);
        SearchEngine engine = null;
        try {
            engine = SearchEngine.open(config, clock);
            engine.ensureBuilt();
            Citebot citebot = new Citebot(config, clock, state, engine);
            LOG.info("citebot ready: {} documents, {} passages", engine.index().metadata().documents(),
                    engine.index().metadata().passages());
            return citebot;
        } catch (IOException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            state.close();
            throw e;
        }
    }

    private CommandRegistry buildRegistry() {
        Ticker ticker = Ticker.systemTicker();
        SearchSessions sessions = new SearchSessions(ticker, new SecureRandom());
        RateLimiter rateLimiter =
                new RateLimiter(config.rateLimit().searches(), config.rateLimit().window(), clock, ticker);
        GuildSettings guildSettings = new GuildSettings(state);
        boolean configuredPrivate = config.discord().privateByDefault();
        ModeratorPolicy moderators = new ModeratorPolicy(config.moderators().roles());

        List<Command> commands = new ArrayList<>();
        commands.add(new SearchCommand(engine.search(), sessions, rateLimiter, config.search().results(),
                guild -> guild.flatMap(guildSettings::privateByDefault).orElse(guild.isPresent() && configuredPrivate)));
        // Help lists the registry it belongs to; the lambda reads the field only when help is asked for.
        commands.add(new HelpCommand(() -> this.registry.specs()));
        commands.add(new SettingsCommand(guildSettings, moderators, configuredPrivate));
        List<ActionHandler> actions = List.of(new SearchActionHandler(engine.search(), sessions));
        return new CommandRegistry(commands, actions);
    }

    public CommandRegistry registry() {
        return registry;
    }

    public ErrorBoundary errors() {
        return errors;
    }

    public SearchEngine engine() {
        return engine;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<StateStore> state() {
        return Optional.of(state);
    }

    @Override
    public void close() throws IOException {
        try {
            engine.close();
        } finally {
            state.close();
        }
    }
}
