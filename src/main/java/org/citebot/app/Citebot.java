package org.citebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.citebot.command.ActionHandler;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.DigestCommand;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.FindSourcesCommand;
import org.citebot.command.GuildPreferences;
import org.citebot.command.HelpCommand;
import org.citebot.command.MemberLimits;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.OperatorCheck;
import org.citebot.command.OperatorPolicy;
import org.citebot.command.PendingSources;
import org.citebot.command.ReindexCommand;
import org.citebot.command.SearchActionHandler;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchRecorder;
import org.citebot.command.SearchSessions;
import org.citebot.command.SearchSuggestions;
import org.citebot.command.ServerChannels;
import org.citebot.command.SettingsCommand;
import org.citebot.command.SourcesActionHandler;
import org.citebot.command.SourcesCommand;
import org.citebot.command.StatusCommand;
import org.citebot.command.StatusSource;
import org.citebot.command.VoteActionHandler;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigException;
import org.citebot.digest.DigestComposer;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.DigestRuns;
import org.citebot.digest.DigestScheduler;
import org.citebot.digest.DigestSection;
import org.citebot.digest.DigestService;
import org.citebot.digest.DigestSettings;
import org.citebot.digest.IndexDigestCorpus;
import org.citebot.extract.ArticleExtractor;
import org.citebot.fetch.SafeFetcher;
import org.citebot.index.Audience;
import org.citebot.index.DocumentSummary;
import org.citebot.index.IndexInUseException;
import org.citebot.index.IndexMetadata;
import org.citebot.ops.ReadinessCheck;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog;
import org.citebot.reindex.CorpusWatcher;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reindex.ReindexService;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.StyledText;
import org.citebot.search.CacheStatistics;
import org.citebot.search.CachingPassageSearch;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchRequest;
import org.citebot.sources.HonestLinks;
import org.citebot.sources.LinkChecker;
import org.citebot.sources.LinkReports;
import org.citebot.sources.StoredArticles;
import org.citebot.state.SqlAddedSources;
import org.citebot.state.SqlAnswerVotes;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.SqlDigestSettingsStore;
import org.citebot.state.SqlGuildPreferences;
import org.citebot.state.SqlQueryLog;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every object of a running citebot by hand, in start-up order
 * (state, index, search and cache, catalog, commands, background tasks), and closes them in
 * reverse. Front ends (console, Discord) receive the pieces they use from here.
 */
public final class Citebot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Citebot.class);

    /** How far back autocomplete looks for a server's frequent queries. */
    static final Duration FREQUENT_QUERY_PERIOD = Duration.ofDays(30);

    static final int FREQUENT_QUERY_SUGGESTIONS = 25;
    /** How many of the most frequent recent queries are re-run after a reindex. */
    static final int WARM_UP_QUERIES = 20;
    /**
     * How often guild settings changed by other processes sharing the state database are read into
     * memory: the longest a moderator's change takes to reach every process.
     */
    static final Duration SETTINGS_REFRESH = Duration.ofSeconds(1);

    private final CitebotConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final StateStore state;
    private final SearchEngine engine;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final QueryLog queryLog;
    private final AnswerVotes votes;
    private final Optional<CachingPassageSearch> cache;
    private final PassageSearch search;
    private final HonestLinks honestLinks;
    private final CorpusCatalog catalog;
    /** Each server's shared questions for autocomplete, by guild id; read again every minute. */
    private final Map<String, List<String>> frequentQueries = new ConcurrentHashMap<>();

    private final ScheduledExecutorService background;
    /** Only the settings refresh, so a long digest run on {@link #background} never delays it. */
    private final ScheduledExecutorService settingsRefresh;
    /** Only the link check, whose polite spacing between requests must never delay a digest. */
    private final ScheduledExecutorService linkCheckExecutor;

    private final LinkChecker linkChecker;

    private final ErrorBoundary errors = new ErrorBoundary(failure -> metrics.counter(
                    "citebot.errors", "kind", failure.getClass().getSimpleName())
            .increment());
    private final ReindexService reindex;
    private final ModeratorPolicy moderators;
    private final OperatorPolicy operators;
    private final SqlGuildPreferences guildSettings;
    private final DigestService digests;
    private final DigestScheduler digestScheduler;
    private final CommandRegistry registry;
    /** Set by the front end with the digest's poster; until then curation notes are only logged. */
    private volatile @Nullable DigestPoster notesPoster;
    /** Set by the front end once it can post; until then announcements go nowhere. */
    private volatile ModeratorLog moderatorLog = ModeratorLog.NONE;
    /** Set by the front end once connected; until then the operators are the configured ones and the console. */
    private volatile OperatorCheck platformOperators = OperatorCheck.NONE;
    /** Set by the front end once it sees Discord's servers; until then channel options are not checked. */
    private volatile ServerChannels serverChannels = ServerChannels.UNCHECKED;

    private @Nullable ScheduledExecutorService watcherExecutor;
    private @Nullable CorpusWatcher watcher;

    private Citebot(CitebotConfig config, Clock clock, StateStore state, SearchEngine engine) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.state = state;
        this.engine = engine;
        this.queryLog = new SqlQueryLog(state);
        this.votes = new SqlAnswerVotes(state);
        Ticker ticker = Ticker.systemTicker();
        Timer searchLatency = Timer.builder("citebot.search.latency")
                .description("Time to search and highlight one page of passages (cache misses only)")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        PassageSearch timed =
                request -> searchLatency.record(() -> engine.search().search(request));
        this.cache = config.cache().maxEntries() == 0
                ? Optional.empty()
                : Optional.of(new CachingPassageSearch(
                        timed,
                        engine.search()::normalize,
                        this::indexGeneration,
                        config.cache().maxEntries(),
                        config.cache().maxBytes(),
                        config.cache().expireAfter(),
                        ticker));
        // After the cache, so a page the link check found changed loses its deep links at once.
        this.honestLinks = new HonestLinks(cache.<PassageSearch>map(c -> c).orElse(timed), new SqlAddedSources(state));
        this.search = honestLinks;
        bindMetrics();
        this.reindex = new ReindexService(
                engine.indexer(),
                engine.index(),
                config.corpus().dir(),
                new SqlReindexRuns(state),
                announcement -> moderatorLog.announce(announcement),
                this::reindexFinished,
                config.index().reindexTimeout(),
                clock);
        this.catalog = new CorpusCatalog(engine.index());
        this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-background");
            thread.setDaemon(true);
            return thread;
        });
        this.settingsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-settings-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.linkCheckExecutor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-link-check");
            thread.setDaemon(true);
            return thread;
        });
        this.linkChecker = new LinkChecker(
                new SqlAddedSources(state),
                new SafeFetcher(CurationSetup.fetchSettings(config.sources().fetch())),
                new ArticleExtractor(),
                clock,
                config.sources().linkCheckInterval(),
                config.sources().linkCheckHostSpacing(),
                duration -> Thread.sleep(duration.toMillis()));
        this.moderators = new ModeratorPolicy(config.moderators().roles());
        this.operators = new OperatorPolicy(config.operators().users(), userId -> platformOperators.isOperator(userId));
        this.guildSettings = new SqlGuildPreferences(state);
        this.digests = buildDigests();
        // The digest shares the one background executor; its next run is computed from the clock.
        this.digestScheduler = new DigestScheduler(digests, background, clock);
        digests.onChange(digestScheduler::wakeUp);
        this.registry = buildRegistry(ticker);
    }

    private DigestService buildDigests() {
        DigestRuns runs = new SqlDigestRuns(state);
        Function<Optional<String>, Audience> audiences = CurationSetup.audiences(config);
        DigestComposer composer = new DigestComposer(
                new IndexDigestCorpus(engine::index, guild -> audiences.apply(Optional.of(guild))),
                queryLog,
                search,
                runs,
                Optional.of(votes));
        CitebotConfig.Digest digest = config.digest();
        Map<String, DigestSettings> defaults = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, CitebotConfig.DigestDefault> entry :
                digest.defaults().entrySet()) {
            defaults.put(entry.getKey(), digestDefault(entry.getKey(), entry.getValue()));
        }
        DigestService.Options options = new DigestService.Options(
                digest.grace(),
                digest.postEmptyDays(),
                digest.pauseAfterFailures(),
                config.moderators().logChannel());
        return new DigestService(
                new SqlDigestSettingsStore(state), runs, composer, defaults, options, guildSettings::logChannel, clock);
    }

    private static DigestSettings digestDefault(String guild, CitebotConfig.DigestDefault configured) {
        java.util.Set<DigestSection> sections;
        try {
            sections = configured.sections().isEmpty()
                    ? DigestSection.all()
                    : DigestSection.parse(String.join(",", configured.sections()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Invalid value for config key 'digest.defaults' (" + guild + ".sections): " + e.getMessage());
        }
        return new DigestSettings(
                guild,
                configured.channel(),
                configured.time(),
                configured.timezone(),
                sections,
                true,
                Optional.empty(),
                0,
                true);
    }

    /** Opens the state database and the index (building it from the corpus if needed), then starts. */
    public static Citebot start(CitebotConfig config, Clock clock) throws IOException {
        return start(config, clock, "citebot", Duration.ZERO, busy -> {});
    }

    /**
     * Opens the state database and the index (building it from the corpus if needed), then starts.
     *
     * @param command what this process is, recorded in the index folder for other processes' messages
     * @param patience how long to wait for another process that is building the index
     * @param waiting hears once that start-up waits for such a process
     * @throws IndexInUseException when another process holds the index
     * @throws java.nio.file.NoSuchFileException when the index must be built and the corpus folder is missing
     */
    public static Citebot start(
            CitebotConfig config, Clock clock, String command, Duration patience, Consumer<IndexInUseException> waiting)
            throws IOException {
        CitebotConfig.State where = config.state();
        StateStore state = StateStore.open(where.url(), where.user(), where.password(), clock);
        SearchEngine engine = null;
        try {
            engine = SearchEngine.openWhenFree(config, clock, command, patience, waiting);
            // The store of added articles is their source of truth: every corpus run re-creates them from it.
            engine.includeAdded(new StoredArticles(new SqlAddedSources(state)));
            engine.ensureBuilt();
            Citebot citebot = new Citebot(config, clock, state, engine);
            citebot.catalog.refresh();
            citebot.reindex.failInterruptedRuns();
            if (config.corpus().watch()) {
                citebot.startWatcher();
            }
            citebot.scheduleBackgroundWork();
            IndexMetadata metadata = engine.index().metadata();
            LOG.info("citebot ready: {} documents, {} passages", metadata.documents(), metadata.passages());
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
            CorpusWatcher started = new CorpusWatcher(
                    config.corpus().dir(),
                    config.corpus().watchDebounce(),
                    executor,
                    CorpusWatcher.reindexing(reindex));
            started.start();
            watcher = started;
            watcherExecutor = executor;
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * Records every reindex run in the metrics and, for the command line's stale-index check, when
     * the corpus was last read; follows a swap with {@link #onIndexChanged()}.
     */
    private void reindexFinished(org.citebot.reindex.ReindexSummary summary) {
        Timer.builder("citebot.reindex.runs")
                .description("Reindex runs and how long they took")
                .tag("result", summary.ok() ? "ok" : "failed")
                .tag("dryRun", Boolean.toString(summary.request().dryRun()))
                .register(metrics)
                .record(summary.took());
        if (summary.ok() && !summary.request().dryRun()) {
            engine.recordCorpusScan(summary.startedAt());
        }
        if (summary.ok() && !summary.request().dryRun() && summary.generationAfter() != summary.generationBefore()) {
            onIndexChanged();
        }
    }

    /**
     * After a reindex swapped a new index in: refresh the catalog behind /sources and autocomplete,
     * and re-run each server's most frequent recent queries so they stay warm in the new generation.
     */
    void onIndexChanged() {
        catalog.refresh();
        honestLinks.refresh();
        cache.ifPresent(c -> warmUp());
    }

    private void warmUp() {
        try {
            Instant since = clock.instant().minus(FREQUENT_QUERY_PERIOD);
            int warmed = 0;
            for (QueryLog.FrequentQuery frequent : queryLog.frequentEverywhere(since, WARM_UP_QUERIES)) {
                try {
                    search.search(
                            SearchRequest.of(frequent.query(), config.search().results()));
                    warmed++;
                } catch (RuntimeException e) {
                    LOG.debug("Warm-up query skipped: {}", e.getMessage());
                }
            }
            LOG.info("Cache warmed with {} frequent queries after the reindex", warmed);
        } catch (RuntimeException e) {
            LOG.warn("Cache warm-up failed: {}", e.toString());
        }
    }

    private CommandRegistry buildRegistry(Ticker ticker) {
        SearchSessions sessions = new SearchSessions(
                ticker,
                new SecureRandom(),
                config.cache().sessions(),
                config.cache().sessionBytes());
        MemberLimits limits = memberLimits(ticker);
        boolean configuredPrivate = config.discord().privateByDefault();
        Function<Optional<String>, Audience> audiences = CurationSetup.audiences(config);
        SearchSuggestions suggestions =
                new SearchSuggestions(guild -> sourceChoices(audiences.apply(guild)), this::querySuggestions, true);

        SearchCommand searchCommand = new SearchCommand(
                search,
                sessions,
                limits,
                config.search().results(),
                guild -> guild.flatMap(guildSettings::privateByDefault).orElse(guild.isPresent() && configuredPrivate),
                suggestions,
                recorder(),
                audiences);
        List<Command> commands = new ArrayList<>();
        commands.add(searchCommand);
        commands.add(new FindSourcesCommand(searchCommand, config.search().results()));
        SourcesCommand.Curation curation = new SourcesCommand.Curation(
                CurationSetup.curation(
                        config, new SqlAddedSources(state), CurationSetup.writerFor(engine.index()), clock),
                audiences,
                this::noteInModeratorLog,
                this::onIndexChanged);
        PendingSources previews = new PendingSources(ticker);
        commands.add(new SourcesCommand(this::documents, limits, curation, moderators, previews));
        commands.add(new StatusCommand(statusSource(), clock, startedAt, limits));
        // Help lists the registry it belongs to; the lambda reads the field only when help is asked for.
        commands.add(new HelpCommand(() -> this.registry.specs()));
        ServerChannels channels = (guild, channel) -> serverChannels.isMessageChannelOf(guild, channel);
        commands.add(new SettingsCommand(
                guildSettings,
                moderators,
                configuredPrivate,
                config.moderators().logChannel(),
                channels));
        commands.add(new ReindexCommand(reindex, operators, clock));
        commands.add(new DigestCommand(digests, moderators, channels, limits));
        List<ActionHandler> actions = List.of(
                new SearchActionHandler(search, sessions, limits),
                new VoteActionHandler(search, sessions, votes, limits, clock),
                new SourcesActionHandler(this::documents, limits, curation, moderators, previews));
        return new CommandRegistry(commands, actions);
    }

    /** Each member's budgets ({@code rateLimit.*}); every refusal is counted. */
    private MemberLimits memberLimits(Ticker ticker) {
        CitebotConfig.RateLimit configured = config.rateLimit();
        return MemberLimits.of(
                Map.of(
                        MemberLimits.Action.SEARCH, configured.searches(),
                        MemberLimits.Action.BUTTON, configured.buttons(),
                        MemberLimits.Action.AUTOCOMPLETE, configured.autocomplete(),
                        MemberLimits.Action.LOOKUP, configured.lookups(),
                        MemberLimits.Action.DIGEST_PREVIEW, configured.digestPreviews()),
                configured.window(),
                clock,
                ticker,
                () -> metrics.counter("citebot.ratelimit.refusals").increment());
    }

    private void bindMetrics() {
        // Discord's failure handlers are static callbacks deep in the adapter; they count through
        // Micrometer's global composite, which this registry joins until close().
        io.micrometer.core.instrument.Metrics.addRegistry(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        cache.ifPresent(c -> {
            FunctionCounter.builder("citebot.cache.hits", c, x -> x.statistics().hits())
                    .register(metrics);
            FunctionCounter.builder(
                            "citebot.cache.misses", c, x -> x.statistics().misses())
                    .register(metrics);
            FunctionCounter.builder(
                            "citebot.cache.evictions", c, x -> x.statistics().evictions())
                    .register(metrics);
            Gauge.builder("citebot.cache.size", c, x -> x.statistics().size()).register(metrics);
        });
    }

    /** Conditions the ops endpoint's {@code /readyz} checks: the index answers. */
    public List<ReadinessCheck> readinessChecks() {
        return List.of(new ReadinessCheck("index", () -> {
            try {
                engine.index().metadata();
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.of("index not readable: " + e.getMessage());
            }
        }));
    }

    /** Every meter citebot records, served by the ops endpoint in Prometheus format. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    private SearchRecorder recorder() {
        return (results, invoker, shownPublicly) -> {
            try {
                // result_count is "at least" for common queries (SearchResults#totalIsLowerBound), and 0
                // when nothing answered well; the log only ever asks whether it is zero.
                Optional<String> guild = invoker.guildId();
                if (shownPublicly && guild.isPresent()) {
                    boolean nowShared = queryLog.recordPublic(
                            results.normalizedQuery(),
                            guild.get(),
                            invoker.userId(),
                            clock.instant(),
                            results.answeringHits());
                    if (nowShared) {
                        // Offered from the next keystroke on, not a minute later.
                        frequentQueries.remove(guild.get());
                    }
                } else {
                    queryLog.record(results.normalizedQuery(), guild, clock.instant(), results.answeringHits());
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not record a search in the query log: {}", e.toString());
            }
        };
    }

    private StatusSource statusSource() {
        return new StatusSource() {
            @Override
            public Optional<IndexMetadata> index() {
                try {
                    return Optional.of(engine.index().metadata());
                } catch (IOException e) {
                    LOG.warn("Could not read the index metadata for /status: {}", e.toString());
                    return Optional.empty();
                }
            }

            @Override
            public Optional<CacheStatistics> cache() {
                return cache.map(CachingPassageSearch::statistics);
            }

            @Override
            public Optional<AnswerVotes.Tally> feedback() {
                return Optional.of(votes.tally(clock.instant().minus(Duration.ofDays(30))));
            }
        };
    }

    private void scheduleBackgroundWork() {
        long refreshMillis = SETTINGS_REFRESH.toMillis();
        settingsRefresh.scheduleWithFixedDelay(
                this::refreshGuildSettings, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        refreshFrequentQueries();
        background.scheduleWithFixedDelay(this::refreshFrequentQueries, 1, 1, TimeUnit.MINUTES);
        background.scheduleWithFixedDelay(this::purgeQueryLog, 0, 1, TimeUnit.DAYS);
        long linkCheckMillis = config.sources().linkCheckInterval().toMillis();
        linkCheckExecutor.scheduleWithFixedDelay(
                this::checkLinksLogged, linkCheckMillis, linkCheckMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads guild settings other processes changed; never throws, so the schedule goes on. */
    private void refreshGuildSettings() {
        try {
            int changed = guildSettings.refresh();
            if (changed > 0) {
                LOG.debug("Guild settings: {} changed server(s) read from the state database", changed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read changed guild settings (trying again in {}): {}", SETTINGS_REFRESH, e.toString());
        }
    }

    /** Recomputes each server's shared questions for autocomplete; never throws. */
    void refreshFrequentQueries() {
        try {
            Instant since = clock.instant().minus(FREQUENT_QUERY_PERIOD);
            Map<String, List<String>> fresh = new java.util.HashMap<>();
            for (String guild : frequentQueries.keySet()) {
                fresh.put(guild, frequentFor(guild, since));
            }
            frequentQueries.putAll(fresh);
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh frequent queries: {}", e.toString());
        }
    }

    /** Questions asked publicly in the server by enough different members to be offered to others. */
    private List<String> frequentFor(String guild, Instant since) {
        return queryLog.sharedQuestions(guild, since, FREQUENT_QUERY_SUGGESTIONS).stream()
                .map(QueryLog.FrequentQuery::query)
                .toList();
    }

    private void purgeQueryLog() {
        try {
            int removed =
                    queryLog.purgeOlderThan(clock.instant(), config.state().queryLogRetention());
            if (removed > 0) {
                LOG.info(
                        "Query log: removed {} searches older than {}",
                        removed,
                        config.state().queryLogRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not purge the query log: {}", e.toString());
        }
    }

    private List<Choice> sourceChoices(Audience audience) {
        CorpusCatalog.Snapshot snapshot = catalog.get();
        List<Choice> choices = new ArrayList<>();
        for (DocumentSummary document : snapshot.documents()) {
            if (!audience.sees(document.origin())) {
                continue;
            }
            choices.add(SearchSuggestions.sourceChoice(document.metadata().title(), document.docId()));
        }
        for (String publisher : snapshot.vocabulary().publishers()) {
            choices.add(SearchSuggestions.sourceChoice(publisher, publisher));
        }
        return choices;
    }

    /**
     * In a server, its shared questions first, then titles and section headings; in a direct
     * message (or the console) titles and headings only, since nobody else's questions belong
     * there. The first keystroke of a server not seen since start reads its questions once; later
     * ones are served from memory.
     */
    private List<String> querySuggestions(Optional<String> guild) {
        List<String> frequent = guild.map(g -> frequentQueries.computeIfAbsent(
                        g, id -> frequentFor(id, clock.instant().minus(FREQUENT_QUERY_PERIOD))))
                .orElse(List.of());
        CorpusCatalog.Snapshot snapshot = catalog.get();
        List<String> all = new ArrayList<>(frequent);
        all.addAll(snapshot.vocabulary().titles());
        all.addAll(snapshot.vocabulary().sections());
        return all;
    }

    private List<DocumentSummary> documents() {
        return catalog.get().documents();
    }

    private long indexGeneration() {
        try {
            return engine.index().metadata().generation();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts posting digests through {@code poster} (the Discord front end, once connected): due and
     * interrupted digests run at once, then on schedule.
     */
    public void startDigests(DigestPoster poster) {
        notesPoster = poster;
        // Every post the digest makes (the digest itself, and moderator notes) is counted by outcome.
        digests.attach(new DigestPoster() {
            @Override
            public org.citebot.digest.PostResult post(
                    String guild, String channel, org.citebot.reply.Reply reply, String nonce) {
                org.citebot.digest.PostResult result = poster.post(guild, channel, reply, nonce);
                if (result instanceof org.citebot.digest.PostResult.Failed failed) {
                    metrics.counter(
                                    "citebot.digest.failures",
                                    "kind",
                                    failed.kind().name().toLowerCase(java.util.Locale.ROOT))
                            .increment();
                } else {
                    metrics.counter("citebot.digest.posts").increment();
                }
                return result;
            }

            @Override
            public org.citebot.digest.EarlierPost find(String guild, String channel, String nonce, Instant since) {
                return poster.find(guild, channel, nonce, since);
            }
        });
        digestScheduler.start();
    }

    /**
     * Posts a curation note (who added or removed a source) in the server's moderator log, off the
     * caller's thread; without a poster or a log channel it is only logged.
     */
    private void noteInModeratorLog(String guild, StyledText note) {
        DigestPoster poster = notesPoster;
        Optional<String> channel = digests.moderatorChannel(guild);
        if (poster == null || channel.isEmpty()) {
            LOG.info("Moderator note for server {} not posted (no log channel): {}", guild, note.text());
            return;
        }
        String nonce = "src" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        background.execute(
                () -> poster.post(guild, channel.get(), Reply.notice(note).withEphemeral(false), nonce));
    }

    /**
     * Checks the links of the added articles that are due, and posts one summary per server of what
     * broke or changed to that server's moderator log; run daily on its own thread, and by tests.
     *
     * @return what broke or changed in this run
     */
    public List<LinkChecker.Finding> checkLinks() throws InterruptedException {
        List<LinkChecker.Finding> findings = linkChecker.checkDue();
        Map<String, List<LinkChecker.Finding>> byServer = new java.util.TreeMap<>();
        for (LinkChecker.Finding finding : findings) {
            Optional<String> server = finding.source().server();
            if (server.isPresent()) {
                byServer.computeIfAbsent(server.get(), s -> new ArrayList<>()).add(finding);
            } else {
                LOG.warn(
                        "Link check: {} ({}) is {}",
                        finding.source().id(),
                        finding.source().url(),
                        finding.health().status().key());
            }
        }
        byServer.forEach((server, found) -> noteInModeratorLog(server, LinkReports.summary(found)));
        honestLinks.refresh();
        return findings;
    }

    private void checkLinksLogged() {
        try {
            checkLinks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("The link check failed; it runs again at the next interval: {}", e.toString());
        }
    }

    /** Stops the digest schedule before the poster goes away; a send in flight finishes or is retried later. */
    public void stopDigests() {
        notesPoster = null;
        digestScheduler.close();
        digests.detach();
    }

    /** The digest's schedule on the background executor; {@link DigestScheduler#wakeUp()} runs it at once. */
    public DigestScheduler digestScheduler() {
        return digestScheduler;
    }

    /** The daily digest, for front ends and tests that drive it. */
    public DigestService digests() {
        return digests;
    }

    public CitebotConfig config() {
        return config;
    }

    public CommandRegistry registry() {
        return registry;
    }

    public ErrorBoundary errors() {
        return errors;
    }

    /** Who counts as a moderator: Manage Server or a configured moderator role; front ends check it too. */
    public ModeratorPolicy moderators() {
        return moderators;
    }

    public SearchEngine engine() {
        return engine;
    }

    /** The search every command uses: the cache in front of the index, when the cache is on. */
    public PassageSearch search() {
        return search;
    }

    public Optional<CachingPassageSearch> cache() {
        return cache;
    }

    public QueryLog queryLog() {
        return queryLog;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The single-flight reindex service behind /reindex, {@code citebot index} and the corpus watcher. */
    public ReindexService reindex() {
        return reindex;
    }

    /**
     * Where reindex runs (and later other moderator actions) are announced: the Discord front end
     * passes one that posts to {@code moderators.logChannel} and every server's own log channel once
     * it is connected.
     */
    public void announceModeratorActionsTo(ModeratorLog log) {
        this.moderatorLog = log;
    }

    /**
     * How the platform names citebot's operators (on Discord, the application's owner or team), on
     * top of {@code operators.users}; the Discord front end passes one once it is connected.
     */
    public void recognizeOperatorsWith(OperatorCheck check) {
        this.platformOperators = check;
    }

    /** How commands check that a channel option names a channel of the invoker's server; the front end passes one. */
    public void checkChannelsWith(ServerChannels channels) {
        this.serverChannels = channels;
    }

    /** Per-server choices: private answers, and each server's own moderator log channel. */
    public GuildPreferences guildSettings() {
        return guildSettings;
    }

    @Override
    public void close() throws IOException {
        digestScheduler.close();
        background.shutdownNow();
        settingsRefresh.shutdownNow();
        linkCheckExecutor.shutdownNow();
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
