package org.citebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.citebot.backend.SearchBackend;
import org.citebot.cluster.IdentifyBuckets;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.GuildPreferences;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.OperatorCheck;
import org.citebot.command.OperatorPolicy;
import org.citebot.command.ServerChannels;
import org.citebot.command.ShardStatus;
import org.citebot.command.SourcesCommand;
import org.citebot.command.StatusSource;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigException;
import org.citebot.digest.DigestComposer;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.DigestRuns;
import org.citebot.digest.DigestScheduler;
import org.citebot.digest.DigestSection;
import org.citebot.digest.DigestService;
import org.citebot.digest.DigestSettings;
import org.citebot.extract.ArticleExtractor;
import org.citebot.fetch.SafeFetcher;
import org.citebot.index.IndexInUseException;
import org.citebot.ops.ReadinessCheck;
import org.citebot.passages.Audience;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.PassageStore;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog;
import org.citebot.reindex.AnnouncementClaims;
import org.citebot.reindex.CorpusWatcher;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reindex.ReindexService;
import org.citebot.reindex.ReindexSummary;
import org.citebot.reply.Reply;
import org.citebot.reply.StyledText;
import org.citebot.search.CacheStatistics;
import org.citebot.search.CachingPassageSearch;
import org.citebot.search.PassageSearch;
import org.citebot.sources.HonestLinks;
import org.citebot.sources.LinkChecker;
import org.citebot.sources.LinkReports;
import org.citebot.sources.StoredArticles;
import org.citebot.state.SqlAddedSources;
import org.citebot.state.SqlAnnouncementClaims;
import org.citebot.state.SqlAnswerVotes;
import org.citebot.state.SqlCorpusGenerations;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.SqlDigestSettingsStore;
import org.citebot.state.SqlGuildPreferences;
import org.citebot.state.SqlIdentifyBuckets;
import org.citebot.state.SqlQueryLog;
import org.citebot.state.SqlReindexLock;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every object of a running citebot by hand, in start-up order, and
 * closes them in reverse. The constructor reads as the list: metrics, state, search and its cache,
 * reindex, catalog, digest, housekeeping, commands ({@link CommandWiring}, the one place a command
 * is added). Front ends (console, Discord) receive the pieces they use from here and hand back, once
 * connected, how to post, whom to trust and which channels exist.
 */
public final class Citebot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Citebot.class);
    /** How long the cluster-wide reindex lock outlives a process killed during its reindex. */
    private static final Duration REINDEX_LEASE = Duration.ofSeconds(30);
    /** How often the corpus generation other processes publish is looked at. */
    private static final Duration CLUSTER_POLL = Duration.ofSeconds(1);
    /** How far back /status counts the helpful votes. */
    private static final Duration FEEDBACK_PERIOD = Duration.ofDays(30);

    private final CitebotConfig config;
    private final Clock clock;
    private final Metrics metrics;
    private final StateStore state;
    private final SearchBackend backend;
    private final QueryLog queryLog;
    private final SqlGuildPreferences guildSettings;
    private final AnswerVotes votes;
    private final Optional<CachingPassageSearch> cache;
    private final PassageSearch search;
    private final HonestLinks honestLinks;
    private final ErrorBoundary errors;
    private final ReindexService reindex;
    /** Which process tells a server of a reindex every process announces. */
    private final AnnouncementClaims announcementClaims;

    private final CorpusCatalog catalog;
    /** Keeps the catalog, the deep links' check and the warm answers in step with the generation serving. */
    private final PassageChanges passageChanges;
    /** The one executor of scheduled work: the digest and the housekeeping chores. */
    private final ScheduledExecutorService background;
    /** Only the settings refresh, so a long digest run on {@link #background} never delays it. */
    private final ScheduledExecutorService settingsRefresh;
    /** Follows the corpus generation other processes' reindexes publish. */
    private final ScheduledExecutorService clusterFollow;
    /** Only the link check, whose polite spacing between requests must never delay a digest. */
    private final ScheduledExecutorService linkCheckExecutor;

    private final LinkChecker linkChecker;

    private final ModeratorPolicy moderators;
    private final OperatorPolicy operators;
    private final DigestService digests;
    private final DigestScheduler digestScheduler;
    private final Housekeeping housekeeping;
    private final CommandRegistry registry;
    /** Set by the front end with the digest's poster; until then curation notes are only logged. */
    private volatile @Nullable DigestPoster notesPoster;
    /** Set by the front end once it can post; until then announcements go nowhere. */
    private volatile ModeratorLog moderatorLog = ModeratorLog.NONE;
    /** Set by the front end once connected; until then the operators are the configured ones and the console. */
    private volatile OperatorCheck platformOperators = OperatorCheck.NONE;
    /** Set by the front end once it sees Discord's servers; until then channel options are not checked. */
    private volatile ServerChannels serverChannels = ServerChannels.UNCHECKED;
    /** Set by the front end once it is connected; until then /status shows no shard. */
    private volatile Function<String, Optional<ShardStatus>> shardStatuses = guild -> Optional.empty();

    private @Nullable ScheduledExecutorService watcherExecutor;
    private @Nullable CorpusWatcher watcher;

    private Citebot(CitebotConfig config, Clock clock, Metrics metrics, StateStore state, SearchBackend backend) {
        Ticker ticker = Ticker.systemTicker();
        Instant startedAt = clock.instant();
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.state = state;
        this.backend = backend;
        this.queryLog = new SqlQueryLog(state);
        this.votes = new SqlAnswerVotes(state);
        this.guildSettings = new SqlGuildPreferences(state);
        // The store of articles added by URL, read by the deep links, the link check and curation.
        SqlAddedSources addedSources = new SqlAddedSources(state);
        PassageSearch timed = metrics.timed(backend.search());
        this.cache = answerCache(config, timed, backend, ticker);
        cache.ifPresent(metrics::watch);
        // After the cache, so a page the link check found changed loses its deep links at once.
        this.honestLinks = new HonestLinks(cache.<PassageSearch>map(c -> c).orElse(timed), addedSources);
        this.search = honestLinks;
        this.errors = new ErrorBoundary(metrics::error);
        String name = processName(config);
        this.announcementClaims = new SqlAnnouncementClaims(state, name);
        this.reindex = new ReindexService(
                backend.corpus(),
                backend.store(),
                config.corpus().dir(),
                new SqlReindexRuns(state, name),
                announcement -> moderatorLog.announce(announcement),
                this::reindexFinished,
                config.index().reindexTimeout(),
                reindexCluster(state, name),
                clock);
        this.catalog = new CorpusCatalog(backend);
        this.background = daemonExecutor("citebot-background");
        this.settingsRefresh = daemonExecutor("citebot-settings-refresh");
        this.clusterFollow = daemonExecutor("citebot-cluster-follow");
        this.linkCheckExecutor = daemonExecutor("citebot-link-check");
        this.linkChecker = new LinkChecker(
                addedSources,
                new SafeFetcher(CurationSetup.fetchSettings(config.sources().fetch())),
                new ArticleExtractor(),
                clock,
                config.sources().linkCheckInterval(),
                config.sources().linkCheckHostSpacing(),
                duration -> Thread.sleep(duration.toMillis()));
        this.moderators = new ModeratorPolicy(config.moderators().roles());
        this.operators = new OperatorPolicy(config.operators().users(), userId -> platformOperators.isOperator(userId));
        this.digests = digests(config, name, state, backend, queryLog, votes, search, guildSettings, clock);
        // The digest shares the one background executor; its next run is computed from the clock.
        this.digestScheduler = new DigestScheduler(digests, background, clock);
        digests.onChange(digestScheduler::wakeUp);
        this.housekeeping = new Housekeeping(
                queryLog,
                guildSettings,
                config.state().queryLogRetention(),
                config.search().results(),
                clock);
        this.passageChanges = new PassageChanges(
                backend.store(), catalog, honestLinks, () -> cache.ifPresent(c -> housekeeping.warmUp(search)));
        this.registry = CommandWiring.registry(
                new CommandWiring.Services(
                        config,
                        clock,
                        startedAt,
                        search,
                        catalog,
                        queryLog,
                        housekeeping,
                        guildSettings,
                        moderators,
                        operators,
                        (guild, channel) -> serverChannels.isMessageChannelOf(guild, channel),
                        reindex,
                        digests,
                        statusSource(),
                        metrics::rateLimitRefusal,
                        votes,
                        new SourcesCommand.Curation(
                                CurationSetup.curation(
                                        config, addedSources, CurationSetup.writerFor(backend.store()), clock),
                                CurationSetup.audiences(config),
                                this::noteInModeratorLog,
                                this::onIndexChanged)),
                ticker);
    }

    /** The answer cache in front of {@code timed}, keyed by the index generation; none when {@code cache.maxEntries} is 0. */
    private static Optional<CachingPassageSearch> answerCache(
            CitebotConfig config, PassageSearch timed, SearchBackend backend, Ticker ticker) {
        if (config.cache().maxEntries() == 0) {
            return Optional.empty();
        }
        return Optional.of(new CachingPassageSearch(
                timed,
                backend.normalizer(),
                () -> generation(backend.store()),
                config.cache().maxEntries(),
                config.cache().maxBytes(),
                config.cache().expireAfter(),
                ticker));
    }

    private static DigestService digests(
            CitebotConfig config,
            String name,
            StateStore state,
            SearchBackend backend,
            QueryLog queryLog,
            AnswerVotes votes,
            PassageSearch search,
            SqlGuildPreferences guildSettings,
            Clock clock) {
        DigestRuns runs = new SqlDigestRuns(state, name, SqlDigestRuns.SEND_LEASE);
        Function<Optional<String>, Audience> audiences = CurationSetup.audiences(config);
        DigestComposer composer = new DigestComposer(
                backend.digestCorpus(guild -> audiences.apply(Optional.of(guild))),
                queryLog,
                search,
                runs,
                Optional.of(votes));
        CitebotConfig.Digest digest = config.digest();
        Map<String, DigestSettings> defaults = new LinkedHashMap<>();
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
                new SqlDigestSettingsStore(state),
                runs,
                composer,
                defaults,
                options,
                guildSettings::logChannel,
                config.discord().shards()::owns,
                clock);
    }

    private static DigestSettings digestDefault(String guild, CitebotConfig.DigestDefault configured) {
        Set<DigestSection> sections;
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
        SearchBackend backend = null;
        Metrics metrics = null;
        try {
            backend = SearchBackends.open(config, clock, command, patience, waiting);
            // The store of added articles is their source of truth: every corpus run re-creates them from it.
            backend.includeAdded(new StoredArticles(new SqlAddedSources(state)));
            Optional<StoreUnavailableException> outage = buildOrDefer(backend);
            metrics = new Metrics();
            Citebot citebot = new Citebot(config, clock, metrics, state, backend);
            if (outage.isPresent()) {
                DeferredBuild deferred = new DeferredBuild(backend, citebot::onIndexChanged);
                // The thread that follows other processes' corpus runs: a build is one, and it must
                // not hold up the digests on the background thread.
                deferred.start(citebot.clusterFollow);
            }
            citebot.passageChanges.started();
            citebot.reindex.failInterruptedRuns();
            if (config.corpus().watch()) {
                citebot.startWatcher();
            }
            citebot.housekeeping.schedule(citebot.settingsRefresh, citebot.background);
            // Another process's reindex reaches this index within a second; its own thread, since
            // an update can take a while and must delay neither digests nor the settings refresh.
            citebot.clusterFollow.scheduleWithFixedDelay(
                    citebot::followCluster, 0, CLUSTER_POLL.toMillis(), TimeUnit.MILLISECONDS);
            long linkCheckMillis = config.sources().linkCheckInterval().toMillis();
            citebot.linkCheckExecutor.scheduleWithFixedDelay(
                    citebot::checkLinksLogged, linkCheckMillis, linkCheckMillis, TimeUnit.MILLISECONDS);
            if (outage.isPresent()) {
                LOG.warn(
                        "citebot started without its passages, which are out of reach ({}); members are told search"
                                + " is unavailable, /readyz says why, and the build is tried again every {} s",
                        outage.get().getMessage(),
                        DeferredBuild.RETRY.toSeconds());
            } else {
                IndexMetadata metadata = backend.store().metadata();
                LOG.info("citebot ready: {} documents, {} passages", metadata.documents(), metadata.passages());
            }
            return citebot;
        } catch (IOException | RuntimeException e) {
            if (metrics != null) {
                metrics.close();
            }
            if (backend != null) {
                backend.close();
            }
            state.close();
            throw e;
        }
    }

    /**
     * Builds the passages when they are missing; when their store is out of reach (SolrCloud down),
     * returns why instead of failing the start, so the bot can start and try again later.
     */
    private static Optional<StoreUnavailableException> buildOrDefer(SearchBackend backend) throws IOException {
        try {
            backend.ensureBuilt();
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            return Optional.of(e);
        }
    }

    /**
     * This process's name among those sharing the state database: its host and its shards, so it
     * differs between processes and stays the same across a restart (which then takes back its own
     * interrupted digest send and reindex lease at once).
     */
    static String processName(CitebotConfig config) {
        CitebotConfig.Shards shards = config.discord().shards();
        return hostName() + " shards " + ranges(shards.ids()) + " of " + shards.total();
    }

    /**
     * The name of a command-line run such as {@code citebot index} among the processes sharing the
     * state database: its host and the command, the same each time it runs there.
     */
    public static String commandLineName(String command) {
        return hostName() + " " + command;
    }

    /**
     * How a process named {@code name} takes part in the reindexes of every process on {@code
     * state}: the bot and {@code citebot index} take the same cluster-wide lease and publish the
     * same corpus generation.
     */
    public static ReindexService.Cluster reindexCluster(StateStore state, String name) {
        return new ReindexService.Cluster(
                new SqlReindexLock(state), new SqlCorpusGenerations(state), name, REINDEX_LEASE);
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME"))
                .filter(h -> !h.isBlank())
                .orElseGet(Citebot::localHostName);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** Shard ids as ranges, e.g. 0-1,3. */
    private static String ranges(List<Integer> ids) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ids.size()) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            out.append(out.isEmpty() ? "" : ",").append(ids.get(i));
            if (j > i) {
                out.append('-').append(ids.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    private static ScheduledExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void startWatcher() throws IOException {
        ScheduledExecutorService executor = daemonExecutor("corpus-watcher");
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
    private void reindexFinished(ReindexSummary summary) {
        metrics.reindexFinished(summary);
        if (summary.ok() && !summary.request().dryRun()) {
            backend.recordCorpusScan(summary.startedAt());
        }
        if (summary.ok() && !summary.request().dryRun() && summary.generationAfter() != summary.generationBefore()) {
            onIndexChanged();
        }
    }

    /**
     * Brings this process in line with the others: runs the corpus as another process's reindex
     * published it, then refreshes what it keeps of the passages if they changed under it (on
     * SolrCloud, which every process shares, another process's run or added article). While the
     * store is out of reach the run is put off: it could only fail, and would warn every second of
     * an outage the store already warned of once (the check is the backend's cached probe).
     */
    private void followCluster() {
        if (backend.unavailable().isEmpty()) {
            reindex.followCluster();
        }
        passageChanges.followServing();
    }

    /**
     * After a reindex swapped a new index in (or an added article, or the start-up build): refresh
     * the catalog behind /sources and autocomplete, and re-run each server's most frequent recent
     * queries so they stay warm in the new generation; once per generation.
     */
    void onIndexChanged() {
        passageChanges.changed();
    }

    /**
     * Conditions the ops endpoint's {@code /readyz} checks: search is available (the backend's own
     * cheap probe, which recovers by itself), and the passage store's metadata can be read.
     */
    public List<ReadinessCheck> readinessChecks() {
        return List.of(new ReadinessCheck("search", backend::unavailable), new ReadinessCheck("index", () -> {
            try {
                backend.store().metadata();
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.of("index not readable: " + e.getMessage());
            }
        }));
    }

    /** Every meter citebot records, served by the ops endpoint in Prometheus format. */
    public PrometheusMeterRegistry metrics() {
        return metrics.registry();
    }

    private StatusSource statusSource() {
        return new StatusSource() {
            @Override
            public Optional<IndexMetadata> index() {
                try {
                    return Optional.of(backend.store().metadata());
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
            public Optional<ShardStatus> shard(String guildId) {
                return shardStatuses.apply(guildId);
            }

            @Override
            public Optional<AnswerVotes.Tally> feedback() {
                return Optional.of(votes.tally(clock.instant().minus(FEEDBACK_PERIOD)));
            }
        };
    }

    private static long generation(PassageStore store) {
        try {
            return store.servingGeneration();
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
        digests.attach(metrics.counting(poster));
        digestScheduler.start();
    }

    /** Stops the digest schedule before the poster goes away; a send in flight finishes or is retried later. */
    public void stopDigests() {
        notesPoster = null;
        digestScheduler.close();
        digests.detach();
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
                byServer.computeIfAbsent(server.get(), s -> new java.util.ArrayList<>())
                        .add(finding);
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

    /** Set by the front end once connected: the shard of a server, for {@code /status}. */
    public void reportShardsWith(Function<String, Optional<ShardStatus>> shards) {
        this.shardStatuses = shards;
    }

    public CitebotConfig config() {
        return config;
    }

    /** Every command and button handler, for the front ends to dispatch to. */
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

    /** For the Discord front end's moderator log. */
    AnnouncementClaims announcementClaims() {
        return announcementClaims;
    }

    /** Per-server choices: private answers, and each server's own moderator log channel. */
    public GuildPreferences guildSettings() {
        return guildSettings;
    }

    /** The search backend the bot runs on, for tests that look beneath the commands. */
    public SearchBackend backend() {
        return backend;
    }

    /**
     * The embedded index and search service, for tests that look beneath the commands.
     *
     * @throws IllegalStateException when the bot runs on another backend
     */
    public SearchEngine engine() {
        if (backend instanceof SearchEngine embedded) {
            return embedded;
        }
        throw new IllegalStateException("citebot runs on " + config.search().backend() + ", not the embedded index");
    }

    /** The search every command uses: the cache in front of the index, when the cache is on. */
    public PassageSearch search() {
        return search;
    }

    /** The single-flight reindex service behind /reindex, {@code citebot index} and the corpus watcher. */
    public ReindexService reindex() {
        return reindex;
    }

    /**
     * Where the Discord edge reserves its shards' identifies: the state database when it is a
     * PostgreSQL several processes share; empty for SQLite, whose process is alone.
     */
    Optional<IdentifyBuckets> identifyBuckets() {
        return config.state().url().startsWith("jdbc:postgresql:")
                ? Optional.of(new SqlIdentifyBuckets(state))
                : Optional.empty();
    }

    /** The daily digest, for tests that drive it. */
    DigestService digests() {
        return digests;
    }

    /** The digest's schedule on the background executor; {@link DigestScheduler#wakeUp()} runs it at once. */
    DigestScheduler digestScheduler() {
        return digestScheduler;
    }

    QueryLog queryLog() {
        return queryLog;
    }

    Optional<CachingPassageSearch> cache() {
        return cache;
    }

    @Override
    public void close() throws IOException {
        digestScheduler.close();
        background.shutdownNow();
        settingsRefresh.shutdownNow();
        linkCheckExecutor.shutdownNow();
        try {
            // Not shutdownNow, like the watcher: an update of the index in progress finishes.
            clusterFollow.shutdown();
            awaitQuietly(clusterFollow);
            if (watcher != null) {
                watcher.close();
            }
            if (watcherExecutor != null) {
                // Not shutdownNow: interrupting Lucene's file channels mid-write fails the writer. A
                // running reindex finishes; closing the index waits for it anyway.
                watcherExecutor.shutdown();
                awaitQuietly(watcherExecutor);
            }
            backend.close();
        } finally {
            try {
                state.close();
            } finally {
                metrics.close();
            }
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a reindex or index update still running after 10 s; closing the index waits for it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
