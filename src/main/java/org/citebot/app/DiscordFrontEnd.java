package org.citebot.app;

import java.io.Closeable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import org.citebot.discord.ApplicationOperators;
import org.citebot.discord.DiscordBot;
import org.citebot.discord.DiscordRenderer;
import org.citebot.discord.InteractionListener;
import org.citebot.discord.JdaDigestPoster;
import org.citebot.discord.JdaModeratorLog;
import org.citebot.discord.JdaServerChannels;
import org.citebot.discord.JdaShards;
import org.citebot.ops.ReadinessCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot in Discord: the JDA client, the listener and the bounded pools it runs interactions on,
 * built from a started {@link Citebot}. Closing stops taking interactions first, then lets the
 * pools finish what they hold.
 */
public final class DiscordFrontEnd implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordFrontEnd.class);

    /** Threads that run commands; searches take milliseconds, so a few serve many users. */
    static final int WORKER_THREADS = 4;
    /** Interactions that may wait for a thread before users are told citebot is busy. */
    static final int WORKER_QUEUE = 200;
    /** How long closing waits for interactions in flight. */
    static final long DRAIN_SECONDS = 10;

    /** How long one digest post may take before it is retried later with the same nonce. */
    static final Duration DIGEST_POST_TIMEOUT = Duration.ofSeconds(30);

    private final Citebot citebot;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final DiscordBot bot;

    private DiscordFrontEnd(Citebot citebot, ExecutorService workers, ScheduledExecutorService timer, DiscordBot bot) {
        this.citebot = citebot;
        this.workers = workers;
        this.timer = timer;
        this.bot = bot;
    }

    /**
     * Connects to Discord (at the configured REST and gateway URLs) and registers the commands.
     *
     * @param token the bot token from {@code DISCORD_TOKEN}; never logged
     * @throws org.citebot.discord.DiscordStartException when Discord rejects the token or cannot be reached
     */
    public static DiscordFrontEnd start(Citebot citebot, String token) throws InterruptedException {
        ExecutorService workers = InteractionListener.boundedPool(WORKER_THREADS, WORKER_QUEUE);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-interaction-timer");
            thread.setDaemon(true);
            return thread;
        });
        DiscordRenderer renderer = new DiscordRenderer();
        InteractionListener listener = new InteractionListener(
                citebot.registry(),
                renderer,
                citebot.errors(),
                workers,
                timer,
                citebot.moderators(),
                citebot.config().discord().deferAfter(),
                citebot.metrics());
        DiscordBot bot = new DiscordBot(
                token, citebot.config().discord(), citebot.registry(), listener, citebot.identifyBuckets());
        DiscordFrontEnd frontEnd = new DiscordFrontEnd(citebot, workers, timer, bot);
        try {
            bot.start();
            JdaShards shards =
                    bot.shards().orElseThrow(() -> new IllegalStateException("JDA missing after a successful start"));
            citebot.checkChannelsWith(new JdaServerChannels(shards));
            citebot.reportShardsWith(shards::status);
            citebot.recognizeOperatorsWith(ApplicationOperators.start(shards.any()));
            citebot.startDigests(new JdaDigestPoster(
                    shards, renderer, citebot.config().digest().silent(), DIGEST_POST_TIMEOUT));
            citebot.announceModeratorActionsTo(new JdaModeratorLog(
                    shards,
                    renderer,
                    citebot.config().moderators().logChannel(),
                    citebot.guildSettings()::logChannels,
                    citebot.announcementClaims()));
        } catch (InterruptedException | RuntimeException e) {
            frontEnd.close();
            throw e;
        }
        return frontEnd;
    }

    public DiscordBot bot() {
        return bot;
    }

    /** For {@code /readyz}: ready while every shard's gateway connection is up (JDA reconnects by itself). */
    public ReadinessCheck gatewayCheck() {
        return new ReadinessCheck("gateway", () -> bot.shards()
                .map(shards -> shards.all().stream()
                        .filter(jda -> jda.getStatus() != JDA.Status.CONNECTED)
                        .findFirst()
                        .map(jda -> (shards.all().size() > 1
                                        ? "shard " + jda.getShardInfo().getShardId() + " gateway "
                                        : "gateway ")
                                + jda.getStatus().name().toLowerCase(java.util.Locale.ROOT)))
                .orElse(Optional.of("not connected")));
    }

    @Override
    public void close() {
        // Order matters: stop taking interactions, let those in flight finish and send their answers
        // while JDA still runs, and only then shut JDA down (it waits for requests it has queued).
        // The listener stays: with the pool shut, an interaction arriving now is told at once that
        // citebot is shutting down, where a removed listener would leave it to time out.
        citebot.stopDigests();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Interactions still running after {} s; stopping them", DRAIN_SECONDS);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        bot.close();
    }
}
