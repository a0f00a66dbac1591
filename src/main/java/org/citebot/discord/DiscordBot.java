package org.citebot.discord;

import java.io.Closeable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.citebot.cluster.IdentifyBuckets;
import org.citebot.command.CommandRegistry;
import org.citebot.config.CitebotConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's connection to Discord, from login to shutdown: connects JDA to the configured REST and
 * gateway URLs (Discord itself, a proxy, or the test suite's fake) without privileged intents,
 * registers the commands where they changed, and hands interactions to the listener. Built and
 * closed by the composition root; the token is used, never logged.
 */
public final class DiscordBot implements Closeable {

    static final String REJECTED_TOKEN =
            "Discord rejected the token in DISCORD_TOKEN; check it in the Developer Portal "
                    + "(Bot → Reset Token) and set it again.";
    static final String MALFORMED_TOKEN = "DISCORD_TOKEN is empty or contains spaces; paste the bot token exactly as "
            + "the Developer Portal shows it.";

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    /** How long the shards of a process may take to log in: identifies are 5 s apart per bucket. */
    private static final Duration SHARDS_READY_WAIT = Duration.ofMinutes(5);
    /**
     * Threads carrying out REST calls at once; further calls wait their turn in JDA's queue. JDA's
     * own pool would start a thread for every call in flight, 200 for a burst of 200 interactions.
     */
    static final int REST_THREADS = 16;
    /** Names of the REST threads, numbered from 1. */
    static final String REST_THREAD_NAME = "citebot-discord-rest-";

    private final String token;
    private final CitebotConfig.Discord config;
    private final CommandRegistry registry;
    private final InteractionListener listener;
    private final CommandDataFactory commandData;
    private final Optional<IdentifyBuckets> identifyBuckets;
    private Optional<JDA> jda = Optional.empty();
    private Optional<ShardManager> manager = Optional.empty();

    /**
     * @param token the bot token, from the environment only
     * @param config where Discord is (REST and gateway URLs) and which guilds get guild commands
     */
    public DiscordBot(
            String token, CitebotConfig.Discord config, CommandRegistry registry, InteractionListener listener) {
        this(token, config, registry, listener, Optional.empty());
    }

    /**
     * @param identifyBuckets where processes sharing the bot reserve their identifies (the shared
     *     state database); empty: this process spaces its own shards' identifies, as JDA does
     */
    public DiscordBot(
            String token,
            CitebotConfig.Discord config,
            CommandRegistry registry,
            InteractionListener listener,
            Optional<IdentifyBuckets> identifyBuckets) {
        this.token = token;
        this.identifyBuckets = identifyBuckets;
        this.config = config;
        this.registry = registry;
        this.listener = listener;
        this.commandData = new CommandDataFactory();
    }

    /**
     * Logs in, waits until the gateway is ready and registers the commands; returns when citebot
     * answers interactions.
     *
     * @throws DiscordStartException when the token is rejected or the connection fails
     * @throws InterruptedException when interrupted while waiting for the gateway
     */
    public synchronized void start() throws InterruptedException {
        if (jda.isPresent() || manager.isPresent()) {
            throw new IllegalStateException("already started");
        }
        // Built before connecting: a command Discord would reject fails here, with its name.
        CommandRegistrar registrar = new CommandRegistrar(commandData.build(registry.specs()));
        if (config.shards().total() > 1) {
            startShards(registrar);
            return;
        }
        JDA connected = connect();
        jda = Optional.of(connected);
        try {
            connected.awaitReady();
        } catch (IllegalStateException e) {
            close();
            throw new DiscordStartException(
                    "Discord closed the gateway connection during login (" + connected.getStatus()
                            + "); check DISCORD_TOKEN and the gateway URL " + config.gatewayUrl(),
                    e);
        }
        LOG.info(
                "Connected to Discord as {} (gateway {}, REST {})",
                connected.getSelfUser().getName(),
                config.gatewayUrl(),
                config.restUrl());
        try {
            register(registrar, connected);
        } catch (RuntimeException e) {
            // Commands registered earlier keep working; a failed update is worth a warning, not a dead bot.
            LOG.warn("Could not register the commands; the ones Discord has stay in place", e);
        }
    }

    /**
     * Connects this process's shards with JDA's shard manager and waits until each is ready. The
     * gateway URL and the identify concurrency come from Discord's {@code GET gateway/bot}.
     */
    private void startShards(CommandRegistrar registrar) throws InterruptedException {
        CitebotConfig.Shards shards = config.shards();
        ShardManager started = connectShards(shards);
        manager = Optional.of(started);
        long deadline = System.nanoTime() + SHARDS_READY_WAIT.toNanos();
        try {
            // The manager builds its shards one by one on a thread of its own.
            while (started.getShards().size() < shards.ids().size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "only " + started.getShards().size() + " of "
                                    + shards.ids().size() + " shards started within " + SHARDS_READY_WAIT.toMinutes()
                                    + " min");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            for (JDA shard : started.getShards()) {
                shard.awaitReady();
            }
        } catch (IllegalStateException e) {
            close();
            throw new DiscordStartException(
                    "Discord's gateway did not let every shard of " + shards.ids() + " log in (" + e.getMessage()
                            + "); check DISCORD_TOKEN and discord.shards.total",
                    e);
        }
        JdaShards connected = JdaShards.managed(started);
        LOG.info(
                "Connected to Discord as {}: shards {} of {} (REST {})",
                connected.any().getSelfUser().getName(),
                shards.ids(),
                shards.total(),
                config.restUrl());
        try {
            register(registrar, connected);
        } catch (RuntimeException e) {
            LOG.warn("Could not register the commands; the ones Discord has stay in place", e);
        }
    }

    /** The connected shards of this process, for the Discord edge's posts and the health checks. */
    public Optional<JdaShards> shards() {
        return jda.map(JdaShards::single).or(() -> manager.map(JdaShards::managed));
    }

    /** Shuts JDA down cleanly: waits for the gateway to close, then forces it after 10 s. */
    @Override
    public synchronized void close() {
        if (manager.isPresent()) {
            closeShards(manager.get());
            manager = Optional.empty();
            return;
        }
        if (jda.isEmpty()) {
            return;
        }
        JDA connected = jda.get();
        jda = Optional.empty();
        connected.shutdown();
        try {
            if (!connected.awaitShutdown(SHUTDOWN_WAIT)) {
                LOG.warn("Discord connection did not close within {} s; forcing it", SHUTDOWN_WAIT.toSeconds());
                connected.shutdownNow();
            }
        } catch (InterruptedException e) {
            connected.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Disconnected from Discord");
    }

    private static void closeShards(ShardManager shards) {
        List<JDA> all = List.copyOf(shards.getShards());
        shards.shutdown();
        try {
            for (JDA shard : all) {
                if (!shard.awaitShutdown(SHUTDOWN_WAIT)) {
                    LOG.warn(
                            "Shard {} did not close within {} s; forcing it",
                            shard.getShardInfo(),
                            SHUTDOWN_WAIT.toSeconds());
                    shard.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            all.forEach(JDA::shutdownNow);
            Thread.currentThread().interrupt();
        }
        LOG.info("Disconnected from Discord");
    }

    private ShardManager connectShards(CitebotConfig.Shards shards) {
        return connecting(() -> DefaultShardManagerBuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setRestConfigProvider(
                        shard -> new RestConfig().setBaseUrl(config.restUrl().toString()))
                .setShardsTotal(shards.total())
                .setShards(shards.ids())
                .setSessionController(identifyBuckets
                        .<SessionController>map(CoordinatedSessionController::new)
                        .orElseGet(ConcurrentSessionController::new))
                .setEnableShutdownHook(false)
                // One pool for every shard's REST calls; daemon threads that end when idle.
                .setRateLimitElastic(restPool(), false)
                .addEventListeners(listener)
                .build());
    }

    private JDA connect() {
        String gateway = config.gatewayUrl().toString();
        return connecting(() -> JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(config.restUrl().toString()))
                .setSessionController(new FixedGatewayController(gateway))
                .setEnableShutdownHook(false)
                .setRateLimitElastic(restPool(), true)
                .addEventListeners(listener)
                .build());
    }

    /** Builds the connection, turning JDA's refusals into messages that say what to do. */
    private <T> T connecting(Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidTokenException e) {
            throw new DiscordStartException(REJECTED_TOKEN);
        } catch (IllegalArgumentException e) {
            // JDA checks the token's shape before sending it; its message names no token, ours says what to do.
            if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
                throw new DiscordStartException(MALFORMED_TOKEN);
            }
            throw new DiscordStartException("Cannot connect to Discord: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DiscordStartException(
                    "Cannot reach Discord's REST API at " + config.restUrl() + " ("
                            + e.getClass().getSimpleName() + "); check the network and the configured URL",
                    e);
        }
    }

    /** A fixed pool for JDA's blocking HTTP calls; idle threads end after a minute, JDA shuts it down. */
    private static ExecutorService restPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                REST_THREADS, REST_THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, REST_THREAD_NAME + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void register(CommandRegistrar registrar, JDA connected) {
        register(registrar, JdaShards.single(connected));
    }

    /** Global commands through any shard; a server's through its shard, servers of other processes' shards by them. */
    private void register(CommandRegistrar registrar, JdaShards connected) {
        List<String> guilds = config.guilds();
        if (guilds.isEmpty()) {
            registrar.registerGlobally(connected.any());
            return;
        }
        for (String guild : guilds) {
            if (connected.all().size() > 1 && !config.shards().owns(guild)) {
                continue;
            }
            registrar.registerInGuild(connected.guild(guild).map(Guild::getJDA).orElse(connected.any()), guild);
        }
    }

    /**
     * Points the gateway connection at the configured URL. JDA asks its session controller for the
     * gateway rather than Discord, so this is where a proxy or the test fake is chosen; one instance
     * per JDA, since the adapter spaces logins of the same instance five seconds apart.
     */
    private static final class FixedGatewayController extends SessionControllerAdapter {

        private final String gateway;

        FixedGatewayController(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public String getGateway() {
            return gateway;
        }
    }
}
