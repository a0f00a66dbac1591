package org.citebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citebot.command.ActionHandler;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.HelpCommand;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.RateLimiter;
import org.citebot.command.ReindexCommand;
import org.citebot.command.SearchActionHandler;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchSessions;
import org.citebot.command.SettingsCommand;
import org.citebot.config.CitebotConfig;
import org.citebot.reindex.CorpusWatcher;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reindex.ReindexService;
import org.citebot.state.GuildSettings;
import org.citebot.state.ReindexLog;
import org.citebot.state.StateStore;
import org.jspecify.annotations.Nullable;
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
    private final ReindexService reindex;
    private final CommandRegistry registry;
    private final ErrorBoundary errors = new ErrorBoundary();
    /** Set by the front end once it can post; until then announcements go nowhere. */
    private volatile ModeratorLog moderatorLog = ModeratorLog.NONE;
    private @Nullable ScheduledExecutorService watcherExecutor;
    private @Nullable CorpusWatcher watcher;

    private Citebot(CitebotConfig config, Clock clock, StateStore state, SearchEngine engine) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.state = state;
        this.engine = engine;
        this.reindex = new ReindexService(engine.indexer(), engine.index(), config.corpus().dir(),
                new ReindexLog(state), reply -> moderatorLog.announce(reply), clock);
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
            citebot.reindex.failInterruptedRuns();
            if (config.corpus().watch()) {
                citebot.startWatcher();
            }
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

    private void startWatcher() throws IOException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corpus-watcher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CorpusWatcher started = new CorpusWatcher(config.corpus().dir(), config.corpus().watchDebounce(), executor,
                    CorpusWatcher.reindexing(reindex));
            started.start();
            watcher = started;
            watcherExecutor = executor;
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
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
        commands.add(new ReindexCommand(reindex, moderators, clock));
        List<ActionHandler> actions = List.of(new SearchActionHandler(engine.search(), sessions));
        return new CommandRegistry(commands, actions);
    }

    public CommandRegistry registry() {
        return registry;
    }

    public ErrorBoundary errors() {
        return errors;
    }

    /** The single-flight reindex service behind /reindex and the corpus watcher. */
    public ReindexService reindex() {
        return reindex;
    }

    /**
     * Where reindex runs (and later other moderator actions) are announced: the Discord adapter
     * passes one that posts to {@code moderators.logChannel} once it is connected.
     */
    public void announceModeratorActionsTo(ModeratorLog log) {
        this.moderatorLog = log;
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
            if (watcher != null) {
                watcher.close();
            }
            if (watcherExecutor != null) {
                // Not shutdownNow: interrupting Lucene's file channels mid-write fails the writer. A
                // running reindex finishes; closing the index waits for it anyway.
                watcherExecutor.shutdown();
                awaitQuietly(watcherExecutor);
            }
            engine.close();
        } finally {
            state.close();
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("corpus watcher's reindex still running after 10 s; closing the index waits for it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
