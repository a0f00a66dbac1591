package org.citebot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.citebot.semantic.EmbeddingModels;
import org.citebot.solr.SolrSettings;
import org.citebot.text.EditDistance;

/**
 * Reads {@code citebot.yaml}, applies {@code CITEBOT_*} environment overrides and validates every
 * value into a {@link CitebotConfig}. Unknown keys and bad values stop start-up with a message
 * naming the key; the bot token is never read from here (only from {@code DISCORD_TOKEN}).
 */
public final class ConfigLoader {

    static final ConfigKey<Path> CORPUS_DIR = new ConfigKey<>("corpus.dir", ConfigValues.path(), Path.of("seeds"));
    static final ConfigKey<Long> CORPUS_MAX_FILE_SIZE =
            new ConfigKey<>("corpus.maxFileSize", ConfigValues.bytes(1, 1024L * 1024 * 1024), 10L * 1024 * 1024);
    static final ConfigKey<Duration> CORPUS_FILE_TIMEOUT = new ConfigKey<>(
            "corpus.fileTimeout",
            ConfigValues.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
            Duration.ofSeconds(60));
    static final ConfigKey<Boolean> CORPUS_WATCH = new ConfigKey<>("corpus.watch", ConfigValues.bool(), false);
    static final ConfigKey<Duration> CORPUS_WATCH_DEBOUNCE = new ConfigKey<>(
            "corpus.watchDebounce",
            ConfigValues.duration(Duration.ofMillis(100), Duration.ofHours(1)),
            Duration.ofSeconds(5));
    static final ConfigKey<Path> INDEX_DIR = new ConfigKey<>("index.dir", ConfigValues.path(), Path.of("data/index"));
    static final ConfigKey<Duration> INDEX_REINDEX_TIMEOUT = new ConfigKey<>(
            "index.reindexTimeout",
            ConfigValues.duration(Duration.ofSeconds(10), Duration.ofDays(1)),
            Duration.ofMinutes(30));
    static final ConfigKey<Path> STATE_DB =
            new ConfigKey<>("state.db", ConfigValues.path(), Path.of("data/citebot.db"));
    static final ConfigKey<Optional<String>> STATE_URL =
            new ConfigKey<>("state.url", ConfigValues.stateUrl().andThen(Optional::of), Optional.empty());
    static final ConfigKey<Optional<String>> STATE_USER =
            new ConfigKey<>("state.user", ConfigValues.roleName(), Optional.empty());
    static final ConfigKey<Duration> QUERY_LOG_RETENTION = new ConfigKey<>(
            "state.queryLogRetention",
            ConfigValues.duration(Duration.ofDays(1), Duration.ofDays(3650)),
            Duration.ofDays(30));
    static final ConfigKey<Integer> CACHE_MAX_ENTRIES =
            new ConfigKey<>("cache.maxEntries", ConfigValues.integer(0, 10_000_000), 10_000);
    static final ConfigKey<Long> CACHE_MAX_BYTES = new ConfigKey<>(
            "cache.maxBytes", ConfigValues.bytes(1024L * 1024, 64L * 1024 * 1024 * 1024), 64L * 1024 * 1024);
    static final ConfigKey<Duration> CACHE_EXPIRE_AFTER = new ConfigKey<>(
            "cache.expireAfter",
            ConfigValues.duration(Duration.ofSeconds(1), Duration.ofDays(7)),
            Duration.ofMinutes(30));
    static final ConfigKey<Integer> CACHE_SESSIONS =
            new ConfigKey<>("cache.sessions", ConfigValues.integer(100, 10_000_000), 50_000);
    static final ConfigKey<Long> CACHE_SESSION_BYTES = new ConfigKey<>(
            "cache.sessionBytes", ConfigValues.bytes(1024L * 1024, 64L * 1024 * 1024 * 1024), 16L * 1024 * 1024);
    static final ConfigKey<Integer> SEARCH_RESULTS = new ConfigKey<>("search.results", ConfigValues.integer(1, 10), 3);
    static final ConfigKey<String> SEARCH_MODE = new ConfigKey<>(
            "search.mode",
            ConfigValues.oneOf(CitebotConfig.Search.HYBRID, CitebotConfig.Search.LEXICAL),
            CitebotConfig.Search.HYBRID);
    static final ConfigKey<String> SEARCH_MODEL = new ConfigKey<>(
            "search.model",
            ConfigValues.oneOf(EmbeddingModels.names().toArray(String[]::new)),
            EmbeddingModels.BGE_SMALL_EN);
    static final ConfigKey<Optional<Path>> SEARCH_EMBEDDING_CACHE =
            new ConfigKey<>("search.embeddingCache", ConfigValues.path().andThen(Optional::of), Optional.empty());
    static final ConfigKey<String> SEARCH_BACKEND = new ConfigKey<>(
            "search.backend",
            ConfigValues.oneOf(CitebotConfig.Search.EMBEDDED, CitebotConfig.Search.SOLR),
            CitebotConfig.Search.EMBEDDED);
    static final ConfigKey<List<String>> SEARCH_SOLR_ZK_HOSTS =
            new ConfigKey<>("search.solr.zkHosts", ConfigValues.zkHosts(), List.of());
    static final ConfigKey<List<URI>> SEARCH_SOLR_URLS =
            new ConfigKey<>("search.solr.urls", ConfigValues.urls(), List.of());
    static final ConfigKey<String> SEARCH_SOLR_COLLECTION =
            new ConfigKey<>("search.solr.collection", ConfigValues.solrName(), "citebot");
    static final ConfigKey<Integer> SEARCH_SOLR_SHARDS =
            new ConfigKey<>("search.solr.shards", ConfigValues.integer(1, 1024), 1);
    static final ConfigKey<Integer> SEARCH_SOLR_REPLICAS =
            new ConfigKey<>("search.solr.replicas", ConfigValues.integer(1, 100), 2);
    static final ConfigKey<Duration> SEARCH_SOLR_GENERATION_POLL = new ConfigKey<>(
            "search.solr.generationPoll",
            ConfigValues.duration(Duration.ofMillis(100), Duration.ofMinutes(1)),
            SolrSettings.DEFAULT_GENERATION_POLL);
    static final ConfigKey<List<String>> DISCORD_GUILDS =
            new ConfigKey<>("discord.guilds", ConfigValues.snowflakes(), List.of());
    static final ConfigKey<URI> DISCORD_REST_URL =
            new ConfigKey<>("discord.restUrl", ConfigValues.url(false), URI.create("https://discord.com/api/v10/"));
    static final ConfigKey<URI> DISCORD_GATEWAY_URL =
            new ConfigKey<>("discord.gatewayUrl", ConfigValues.url(true), URI.create("wss://gateway.discord.gg/"));
    static final ConfigKey<Integer> DISCORD_SHARDS_TOTAL =
            new ConfigKey<>("discord.shards.total", ConfigValues.integer(1, 4096), 1);
    static final ConfigKey<List<Integer>> DISCORD_SHARDS_IDS =
            new ConfigKey<>("discord.shards.ids", ConfigValues.shardIds(), List.of());
    static final ConfigKey<Boolean> DISCORD_PRIVATE_BY_DEFAULT =
            new ConfigKey<>("discord.privateByDefault", ConfigValues.bool(), true);
    static final ConfigKey<String> LOGGING_FORMAT =
            new ConfigKey<>("logging.format", ConfigValues.oneOf("text", "json"), "text");
    static final ConfigKey<Duration> DISCORD_DEFER_AFTER = new ConfigKey<>(
            "discord.deferAfter",
            ConfigValues.duration(Duration.ZERO, Duration.ofMillis(2500)),
            Duration.ofMillis(1500));
    static final ConfigKey<List<String>> MODERATOR_ROLES =
            new ConfigKey<>("moderators.roles", ConfigValues.snowflakes(), List.of());
    static final ConfigKey<Optional<java.net.InetSocketAddress>> OPS_LISTEN = new ConfigKey<>(
            "ops.listen",
            ConfigValues.optionalListenAddress(),
            Optional.of(java.net.InetSocketAddress.createUnresolved("127.0.0.1", 8081)));
    static final ConfigKey<Optional<String>> MODERATOR_LOG_CHANNEL =
            new ConfigKey<>("moderators.logChannel", ConfigValues.optionalSnowflake(), Optional.empty());
    static final ConfigKey<List<String>> OPERATOR_USERS =
            new ConfigKey<>("operators.users", ConfigValues.snowflakes(), List.of());
    static final ConfigKey<Integer> RATE_LIMIT_SEARCHES =
            new ConfigKey<>("rateLimit.searches", ConfigValues.integer(1, 1000), 5);
    static final ConfigKey<Duration> RATE_LIMIT_WINDOW = new ConfigKey<>(
            "rateLimit.window",
            ConfigValues.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
            Duration.ofSeconds(10));
    static final ConfigKey<Integer> RATE_LIMIT_BUTTONS =
            new ConfigKey<>("rateLimit.buttons", ConfigValues.integer(1, 1000), 10);
    static final ConfigKey<Integer> RATE_LIMIT_AUTOCOMPLETE =
            new ConfigKey<>("rateLimit.autocomplete", ConfigValues.integer(1, 1000), 40);
    static final ConfigKey<Integer> RATE_LIMIT_LOOKUPS =
            new ConfigKey<>("rateLimit.lookups", ConfigValues.integer(1, 1000), 5);
    static final ConfigKey<Integer> RATE_LIMIT_DIGEST_PREVIEWS =
            new ConfigKey<>("rateLimit.digestPreviews", ConfigValues.integer(1, 1000), 2);

    static final ConfigKey<Duration> DIGEST_GRACE = new ConfigKey<>(
            "digest.grace", ConfigValues.duration(Duration.ZERO, Duration.ofHours(23)), Duration.ofHours(6));
    static final ConfigKey<Boolean> DIGEST_POST_EMPTY_DAYS =
            new ConfigKey<>("digest.postEmptyDays", ConfigValues.bool(), false);
    static final ConfigKey<Integer> DIGEST_PAUSE_AFTER_FAILURES =
            new ConfigKey<>("digest.pauseAfterFailures", ConfigValues.integer(1, 30), 3);
    static final ConfigKey<Boolean> DIGEST_SILENT = new ConfigKey<>("digest.silent", ConfigValues.bool(), true);
    static final ConfigKey<Map<String, CitebotConfig.DigestDefault>> DIGEST_DEFAULTS =
            new ConfigKey<>("digest.defaults", ConfigValues.digestDefaults(), Map.of());

    static final ConfigKey<Boolean> SOURCES_VISIBLE_EVERYWHERE =
            new ConfigKey<>("sources.visibleEverywhere", ConfigValues.bool(), false);
    static final ConfigKey<Duration> SOURCES_LINK_CHECK_INTERVAL = new ConfigKey<>(
            "sources.linkCheck.interval",
            ConfigValues.duration(Duration.ofMinutes(1), Duration.ofDays(30)),
            Duration.ofDays(1));
    static final ConfigKey<Duration> SOURCES_LINK_CHECK_HOST_SPACING = new ConfigKey<>(
            "sources.linkCheck.hostSpacing",
            ConfigValues.duration(Duration.ZERO, Duration.ofMinutes(1)),
            Duration.ofSeconds(5));
    static final ConfigKey<Boolean> SOURCES_FETCH_ALLOW_LOOPBACK =
            new ConfigKey<>("sources.fetch.allowLoopback", ConfigValues.bool(), false);
    static final ConfigKey<Long> SOURCES_FETCH_MAX_BYTES =
            new ConfigKey<>("sources.fetch.maxBytes", ConfigValues.bytes(1024, 1024L * 1024 * 1024), 5L * 1024 * 1024);
    static final ConfigKey<Duration> SOURCES_FETCH_CONNECT_TIMEOUT = new ConfigKey<>(
            "sources.fetch.connectTimeout",
            ConfigValues.duration(Duration.ofMillis(100), Duration.ofMinutes(1)),
            Duration.ofSeconds(5));
    static final ConfigKey<Duration> SOURCES_FETCH_TIMEOUT = new ConfigKey<>(
            "sources.fetch.timeout",
            ConfigValues.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)),
            Duration.ofSeconds(20));
    static final ConfigKey<List<Integer>> SOURCES_FETCH_ALLOWED_PORTS =
            new ConfigKey<>("sources.fetch.allowedPorts", ConfigValues.ports(), List.of(80, 443));
    static final ConfigKey<String> SOURCES_FETCH_USER_AGENT = new ConfigKey<>(
            "sources.fetch.userAgent",
            ConfigValues.headerValue(),
            "citebot/0.1 (article fetcher of a Discord community's reading list; honours robots.txt)");

    /** Every key citebot understands, in the order of the sample configuration. */
    static final List<ConfigKey<?>> KEYS = List.of(
            CORPUS_DIR,
            CORPUS_MAX_FILE_SIZE,
            CORPUS_FILE_TIMEOUT,
            CORPUS_WATCH,
            CORPUS_WATCH_DEBOUNCE,
            INDEX_DIR,
            INDEX_REINDEX_TIMEOUT,
            STATE_DB,
            STATE_URL,
            STATE_USER,
            QUERY_LOG_RETENTION,
            CACHE_MAX_ENTRIES,
            CACHE_MAX_BYTES,
            CACHE_EXPIRE_AFTER,
            CACHE_SESSIONS,
            CACHE_SESSION_BYTES,
            SEARCH_RESULTS,
            SEARCH_MODE,
            SEARCH_MODEL,
            SEARCH_EMBEDDING_CACHE,
            SEARCH_BACKEND,
            SEARCH_SOLR_ZK_HOSTS,
            SEARCH_SOLR_URLS,
            SEARCH_SOLR_COLLECTION,
            SEARCH_SOLR_SHARDS,
            SEARCH_SOLR_REPLICAS,
            SEARCH_SOLR_GENERATION_POLL,
            DISCORD_GUILDS,
            DISCORD_REST_URL,
            DISCORD_GATEWAY_URL,
            DISCORD_SHARDS_TOTAL,
            DISCORD_SHARDS_IDS,
            DISCORD_PRIVATE_BY_DEFAULT,
            DISCORD_DEFER_AFTER,
            MODERATOR_ROLES,
            MODERATOR_LOG_CHANNEL,
            OPERATOR_USERS,
            RATE_LIMIT_SEARCHES,
            RATE_LIMIT_WINDOW,
            RATE_LIMIT_BUTTONS,
            RATE_LIMIT_AUTOCOMPLETE,
            RATE_LIMIT_LOOKUPS,
            RATE_LIMIT_DIGEST_PREVIEWS,
            OPS_LISTEN,
            LOGGING_FORMAT,
            DIGEST_GRACE,
            DIGEST_POST_EMPTY_DAYS,
            DIGEST_PAUSE_AFTER_FAILURES,
            DIGEST_SILENT,
            DIGEST_DEFAULTS,
            SOURCES_VISIBLE_EVERYWHERE,
            SOURCES_LINK_CHECK_INTERVAL,
            SOURCES_LINK_CHECK_HOST_SPACING,
            SOURCES_FETCH_ALLOW_LOOPBACK,
            SOURCES_FETCH_MAX_BYTES,
            SOURCES_FETCH_CONNECT_TIMEOUT,
            SOURCES_FETCH_TIMEOUT,
            SOURCES_FETCH_ALLOWED_PORTS,
            SOURCES_FETCH_USER_AGENT);

    private static final String ENVIRONMENT_PREFIX = "CITEBOT_";
    /** Where people put a bot token by mistake; it is only ever read from {@code DISCORD_TOKEN}. */
    private static final Set<String> TOKEN_VARIABLES = Set.of("CITEBOT_TOKEN", "CITEBOT_DISCORD_TOKEN");
    /** Read from the environment only, so never configuration keys. */
    private static final Set<String> SOLR_CREDENTIAL_VARIABLES =
            Set.of(SolrSettings.USER_VARIABLE, SolrSettings.PASSWORD_VARIABLE);
    /** Two slips (a missing, doubled or swapped letter counts as one or two) still read as a typo. */
    private static final int MAX_TYPO_DISTANCE = 2;
    /**
     * The environment variable holding the PostgreSQL password: libpq's own name, so psql and
     * citebot read the same one. Never a config key, so never in a file.
     */
    public static final String STATE_PASSWORD_VARIABLE = "PGPASSWORD";

    private final Map<String, String> environment;

    /** @param environment the process environment ({@code System.getenv()}), passed in so tests control it */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Loads the configuration.
     *
     * @param file the YAML file; when empty, or when the default file is absent, defaults apply
     * @param required whether a missing file is an error (true when the user named it explicitly)
     * @throws ConfigException naming the key or file at fault
     */
    public CitebotConfig load(Optional<Path> file, boolean required) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (file.isPresent()) {
            values.putAll(readYaml(file.get(), required));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (ConfigKey<?> key : KEYS) {
            Object value = values.remove(key.path());
            String fromEnv = environment.get(key.environmentVariable());
            if (fromEnv != null) {
                value = fromEnv;
            }
            if (value != null) {
                raw.put(key.path(), value);
            }
        }
        if (values.containsKey("discord.token") || values.containsKey("token")) {
            throw new ConfigException(
                    "The bot token must not be in " + file.map(Path::toString).orElse("the config")
                            + " (key discord.token): remove it and set the DISCORD_TOKEN environment variable instead.");
        }
        if (values.containsKey("search.solr.user") || values.containsKey("search.solr.password")) {
            throw new ConfigException("Solr credentials must not be in "
                    + file.map(Path::toString).orElse("the config") + ": remove search.solr.user and"
                    + " search.solr.password and set the " + SolrSettings.USER_VARIABLE + " and "
                    + SolrSettings.PASSWORD_VARIABLE + " environment variables instead.");
        }
        if (values.containsKey("state.password")) {
            throw new ConfigException("The state database password must not be in "
                    + file.map(Path::toString).orElse("the config") + " (key state.password): remove it and set the "
                    + STATE_PASSWORD_VARIABLE + " environment variable instead.");
        }
        if (!values.isEmpty()) {
            String where = file.map(Path::toString).orElse("configuration");
            throw new ConfigException("Unknown configuration key" + (values.size() > 1 ? "s" : "") + " in " + where
                    + ": " + String.join(", ", new TreeSet<>(values.keySet()))
                    + ". Known keys: "
                    + String.join(", ", KEYS.stream().map(ConfigKey::path).toList()));
        }
        checkEnvironment();
        return new CitebotConfig(
                new CitebotConfig.Corpus(
                        get(raw, CORPUS_DIR),
                        get(raw, CORPUS_MAX_FILE_SIZE),
                        get(raw, CORPUS_FILE_TIMEOUT),
                        get(raw, CORPUS_WATCH),
                        get(raw, CORPUS_WATCH_DEBOUNCE)),
                new CitebotConfig.Index(get(raw, INDEX_DIR), get(raw, INDEX_REINDEX_TIMEOUT)),
                state(raw),
                new CitebotConfig.Cache(
                        get(raw, CACHE_MAX_ENTRIES),
                        get(raw, CACHE_MAX_BYTES),
                        get(raw, CACHE_EXPIRE_AFTER),
                        get(raw, CACHE_SESSIONS),
                        get(raw, CACHE_SESSION_BYTES)),
                new CitebotConfig.Search(
                        get(raw, SEARCH_RESULTS),
                        get(raw, SEARCH_MODE),
                        get(raw, SEARCH_MODEL),
                        get(raw, SEARCH_EMBEDDING_CACHE),
                        backend(raw),
                        solr(raw)),
                new CitebotConfig.Discord(
                        get(raw, DISCORD_GUILDS),
                        get(raw, DISCORD_REST_URL),
                        get(raw, DISCORD_GATEWAY_URL),
                        get(raw, DISCORD_PRIVATE_BY_DEFAULT),
                        get(raw, DISCORD_DEFER_AFTER),
                        shards(raw)),
                new CitebotConfig.Moderators(get(raw, MODERATOR_ROLES), get(raw, MODERATOR_LOG_CHANNEL)),
                new CitebotConfig.RateLimit(
                        get(raw, RATE_LIMIT_SEARCHES),
                        get(raw, RATE_LIMIT_WINDOW),
                        get(raw, RATE_LIMIT_BUTTONS),
                        get(raw, RATE_LIMIT_AUTOCOMPLETE),
                        get(raw, RATE_LIMIT_LOOKUPS),
                        get(raw, RATE_LIMIT_DIGEST_PREVIEWS)),
                new CitebotConfig.Ops(get(raw, OPS_LISTEN), get(raw, LOGGING_FORMAT)),
                new CitebotConfig.Digest(
                        get(raw, DIGEST_GRACE),
                        get(raw, DIGEST_POST_EMPTY_DAYS),
                        get(raw, DIGEST_PAUSE_AFTER_FAILURES),
                        get(raw, DIGEST_SILENT),
                        get(raw, DIGEST_DEFAULTS)),
                new CitebotConfig.Operators(get(raw, OPERATOR_USERS)),
                new CitebotConfig.Sources(
                        new CitebotConfig.Fetch(
                                get(raw, SOURCES_FETCH_ALLOW_LOOPBACK),
                                get(raw, SOURCES_FETCH_MAX_BYTES),
                                get(raw, SOURCES_FETCH_CONNECT_TIMEOUT),
                                get(raw, SOURCES_FETCH_TIMEOUT),
                                get(raw, SOURCES_FETCH_ALLOWED_PORTS),
                                get(raw, SOURCES_FETCH_USER_AGENT)),
                        get(raw, SOURCES_VISIBLE_EVERYWHERE),
                        get(raw, SOURCES_LINK_CHECK_INTERVAL),
                        get(raw, SOURCES_LINK_CHECK_HOST_SPACING)));
    }

    /**
     * Rejects {@code CITEBOT_} variables that look meant for citebot but name no key, as the same
     * typo in the YAML file is rejected: those under a section's prefix ({@code CITEBOT_CORPUS_...})
     * and those a few letters away from a key's variable. Other {@code CITEBOT_} variables, which
     * may belong to a deployment's own scripts, are left alone, as is everything else ({@code
     * DISCORD_TOKEN}). Only names are ever printed, never values.
     */
    private void checkEnvironment() {
        Map<String, ConfigKey<?>> byVariable = new LinkedHashMap<>();
        KEYS.forEach(key -> byVariable.put(key.environmentVariable(), key));
        Set<String> sections = new TreeSet<>();
        KEYS.forEach(key -> sections.add(
                ConfigKey.environmentName(key.path().substring(0, key.path().indexOf('.'))) + "_"));
        List<String> problems = new ArrayList<>();
        boolean unexplained = false;
        for (String variable : new TreeSet<>(environment.keySet())) {
            String upper = variable.toUpperCase(Locale.ROOT);
            if (byVariable.containsKey(variable)
                    || !upper.startsWith(ENVIRONMENT_PREFIX)
                    || SOLR_CREDENTIAL_VARIABLES.contains(variable)) {
                continue;
            }
            if (TOKEN_VARIABLES.contains(upper)) {
                problems.add(variable + " is not read: the bot token is read only from DISCORD_TOKEN");
                continue;
            }
            Optional<String> nearest = nearest(upper, byVariable.keySet());
            if (nearest.isPresent()) {
                problems.add(variable + " names no configuration key; did you mean " + nearest.get() + " ("
                        + byVariable.get(nearest.get()).path() + ")?");
            } else if (sections.stream().anyMatch(upper::startsWith)) {
                problems.add(variable + " names no configuration key");
                unexplained = true;
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Unknown environment variable" + (problems.size() > 1 ? "s" : "") + ": "
                    + String.join("; ", problems)
                    + (unexplained ? ". Known variables: " + String.join(", ", byVariable.keySet()) : ""));
        }
    }

    /** The known variable {@code variable} is most likely a typo of, if one is close enough. */
    private static Optional<String> nearest(String variable, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = EditDistance.between(variable, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= MAX_TYPO_DISTANCE ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The shard count and this process's ids, every shard when none are named; ids must be below the count. */
    private CitebotConfig.Shards shards(Map<String, Object> raw) {
        int total = get(raw, DISCORD_SHARDS_TOTAL);
        List<Integer> ids = get(raw, DISCORD_SHARDS_IDS);
        if (ids.isEmpty()) {
            return CitebotConfig.Shards.all(total);
        }
        int highest = ids.get(ids.size() - 1);
        if (highest >= total) {
            throw new ConfigException("Invalid value for config key '" + DISCORD_SHARDS_IDS.path()
                    + "' (environment variable " + DISCORD_SHARDS_IDS.environmentVariable() + "): shard " + highest
                    + " does not exist with " + DISCORD_SHARDS_TOTAL.path() + " " + total + " (shards are 0 to "
                    + (total - 1) + ")");
        }
        return new CitebotConfig.Shards(total, ids);
    }

    /**
     * The state database: {@code state.url} when set, else the SQLite file {@code state.db}. A
     * SQLite URL names the file itself; {@code state.user} only makes sense for PostgreSQL.
     */
    private CitebotConfig.State state(Map<String, Object> raw) {
        Path db = get(raw, STATE_DB);
        String url = get(raw, STATE_URL).orElse("jdbc:sqlite:" + db);
        Optional<String> user = get(raw, STATE_USER);
        if (url.startsWith("jdbc:sqlite:")) {
            if (user.isPresent()) {
                throw new ConfigException("Config key 'state.user' (environment variable "
                        + STATE_USER.environmentVariable() + ") is set, but the state database is the SQLite file "
                        + url.substring("jdbc:sqlite:".length()) + ": set state.url to a jdbc:postgresql:// URL,"
                        + " or remove state.user");
            }
            db = Path.of(url.substring("jdbc:sqlite:".length()));
        }
        Optional<String> password =
                Optional.ofNullable(environment.get(STATE_PASSWORD_VARIABLE)).filter(p -> !p.isEmpty());
        return new CitebotConfig.State(db, url, user, password, get(raw, QUERY_LOG_RETENTION));
    }

    /**
     * The search backend; {@code solr} needs a way to reach SolrCloud, ZooKeeper or Solr's URLs, or
     * the bot would start with nothing to search.
     */
    private String backend(Map<String, Object> raw) {
        String backend = get(raw, SEARCH_BACKEND);
        if (backend.equals(CitebotConfig.Search.SOLR)
                && get(raw, SEARCH_SOLR_ZK_HOSTS).isEmpty()
                && get(raw, SEARCH_SOLR_URLS).isEmpty()) {
            throw new ConfigException("Config key 'search.backend' (environment variable "
                    + SEARCH_BACKEND.environmentVariable() + ") is solr, but SolrCloud cannot be reached: set '"
                    + SEARCH_SOLR_ZK_HOSTS.path() + "' (environment variable "
                    + SEARCH_SOLR_ZK_HOSTS.environmentVariable() + ") to its ZooKeeper hosts, or '"
                    + SEARCH_SOLR_URLS.path() + "' (environment variable " + SEARCH_SOLR_URLS.environmentVariable()
                    + ") to its Solr URLs");
        }
        return backend;
    }

    private SolrSettings solr(Map<String, Object> raw) {
        Optional<String> user =
                Optional.ofNullable(environment.get(SolrSettings.USER_VARIABLE)).filter(u -> !u.isEmpty());
        Optional<String> password = Optional.ofNullable(environment.get(SolrSettings.PASSWORD_VARIABLE))
                .filter(p -> !p.isEmpty());
        try {
            return new SolrSettings(
                    get(raw, SEARCH_SOLR_ZK_HOSTS),
                    get(raw, SEARCH_SOLR_URLS),
                    get(raw, SEARCH_SOLR_COLLECTION),
                    get(raw, SEARCH_SOLR_SHARDS),
                    get(raw, SEARCH_SOLR_REPLICAS),
                    user,
                    password,
                    get(raw, SEARCH_SOLR_GENERATION_POLL));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid Solr settings: " + e.getMessage());
        }
    }

    private <T> T get(Map<String, Object> raw, ConfigKey<T> key) {
        Object value = raw.get(key.path());
        if (value == null) {
            return key.defaultValue();
        }
        try {
            return key.parser().apply(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid value for config key '" + key.path() + "' (environment variable "
                    + key.environmentVariable() + "): " + e.getMessage());
        }
    }

    private static Map<String, Object> readYaml(Path file, boolean required) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ConfigException("Config file not found: " + file);
            }
            return Map.of();
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Object tree;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            com.fasterxml.jackson.databind.JsonNode node = yaml.readTree(text);
            // A file of only comments (every key at its default) holds no document at all.
            tree = node == null || node.isMissingNode() || node.isNull() ? null : yaml.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(
                    "Config file " + file + " is not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (tree == null) {
            return flat;
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ConfigException(
                    "Config file " + file + " must be a mapping of sections such as 'corpus:' and 'index:'");
        }
        flatten("", map, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String path = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> child && !isLeafMap(path)) {
                flatten(path + ".", child, into);
            } else if (value != null) {
                into.put(path, value instanceof List<?> list ? new ArrayList<>(list) : value);
            }
        }
    }

    private static boolean isLeafMap(String path) {
        return KEYS.stream().anyMatch(key -> key.path().equals(path));
    }
}
