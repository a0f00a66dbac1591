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
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
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
    private Optional<JDA> jda = Optional.empty();

    /**
     * @param token the bot token, from the environment only
     * @param config where Discord is (REST and gateway URLs) and which guilds get guild commands
     */
    public DiscordBot(
            String token, CitebotConfig.Discord config, CommandRegistry registry, InteractionListener listener) {
        this.token = token;
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
        if (jda.isPresent()) {
            throw new IllegalStateException("already started");
        }
        // Built before connecting: a command Discord would reject fails here, with its name.
        CommandRegistrar registrar = new CommandRegistrar(commandData.build(registry.specs()));
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

    /** The connected client, for the composition root's tests and health checks. */
    public Optional<JDA> jda() {
        return jda;
    }

    /** Shuts JDA down cleanly: waits for the gateway to close, then forces it after 10 s. */
    @Override
    public synchronized void close() {
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

    private JDA connect() {
        String gateway = config.gatewayUrl().toString();
        try {
            return JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfig(new RestConfig().setBaseUrl(config.restUrl().toString()))
                    .setSessionController(new FixedGatewayController(gateway))
                    .setEnableShutdownHook(false)
                    .setRateLimitElastic(restPool(), true)
                    .addEventListeners(listener)
                    .build();
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
        List<String> guilds = config.guilds();
        if (guilds.isEmpty()) {
            registrar.registerGlobally(connected);
        } else {
            for (String guild : guilds) {
                registrar.registerInGuild(connected, guild);
            }
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
