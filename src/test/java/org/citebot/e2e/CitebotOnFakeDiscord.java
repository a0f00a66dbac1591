package org.citebot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.citebot.app.Citebot;
import org.citebot.app.DiscordFrontEnd;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.discord.fake.FakeDiscord;

/**
 * The whole citebot app, wired exactly as {@code citebot run} wires it (configuration from
 * {@code CITEBOT_*} variables, {@link Citebot#start}, {@link DiscordFrontEnd#start}), connected
 * to a local {@link FakeDiscord}: only the REST and gateway URLs differ from production. The index
 * and state database live in a directory the test owns; the corpus is the real {@code seeds/}.
 *
 * <p>Features that land later get their end-to-end tests by adding what they need to the
 * environment ({@link #start(FakeDiscord, Path, Map)}), e.g. a digest channel, and driving the fake.
 */
final class CitebotOnFakeDiscord implements AutoCloseable {

    private final FakeDiscord discord;
    private final Map<String, String> environment;
    private Citebot citebot;
    private DiscordFrontEnd frontEnd;

    private CitebotOnFakeDiscord(FakeDiscord discord, Map<String, String> environment) {
        this.discord = discord;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts citebot against {@code discord}, registering its commands in the fake's first guild.
     *
     * @param dataDir where the index and the state database go (a {@code @TempDir})
     * @param overrides further {@code CITEBOT_*} variables, e.g. {@code CITEBOT_RATE_LIMIT_SEARCHES}
     */
    static CitebotOnFakeDiscord start(FakeDiscord discord, Path dataDir, Map<String, String> overrides) {
        CitebotOnFakeDiscord app = new CitebotOnFakeDiscord(discord, environment(discord, dataDir, overrides));
        app.startApp();
        return app;
    }

    /** The variables production would be given, pointing at the fake and at {@code dataDir}. */
    static Map<String, String> environment(FakeDiscord discord, Path dataDir, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CITEBOT_DISCORD_REST_URL", discord.restUrl());
        env.put("CITEBOT_DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("CITEBOT_DISCORD_GUILDS", discord.guild().id());
        env.put("CITEBOT_CORPUS_DIR", seeds().toString());
        env.put("CITEBOT_INDEX_DIR", dataDir.resolve("index").toString());
        env.put("CITEBOT_STATE_DB", dataDir.resolve("citebot.db").toString());
        env.putAll(overrides);
        return env;
    }

    /** The real seed corpus, as surefire names it. */
    static Path seeds() {
        return Path.of(System.getProperty("citebot.seeds", "seeds"));
    }

    FakeDiscord discord() {
        return discord;
    }

    Citebot citebot() {
        return citebot;
    }

    /** Stops citebot (Discord first, then index and database) and starts it again with the same data. */
    void restart() {
        restart(() -> {});
    }

    /** Like {@link #restart()}, doing {@code whileStopped} (e.g. losing the index folder) in between. */
    void restart(Runnable whileStopped) {
        stopApp();
        whileStopped.run();
        startApp();
    }

    private void startApp() {
        CitebotConfig config = new ConfigLoader(environment).load(Optional.empty(), false);
        try {
            citebot = Citebot.start(config, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            frontEnd = DiscordFrontEnd.start(citebot, discord.token());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeCitebot();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            closeCitebot();
            throw e;
        }
    }

    private void stopApp() {
        if (frontEnd != null) {
            frontEnd.close();
            frontEnd = null;
        }
        closeCitebot();
    }

    private void closeCitebot() {
        if (citebot != null) {
            try {
                citebot.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                citebot = null;
            }
        }
    }

    /** Stops {@code app}, then closes {@code discord}, whichever of them started, whatever the first does. */
    static void stopBoth(CitebotOnFakeDiscord app, FakeDiscord discord) {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (discord != null) {
                discord.close();
            }
        }
    }

    /** Stops citebot; the fake stays up (its owner closes it). */
    @Override
    public void close() {
        stopApp();
    }
}
