package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citebot.command.GuildPreferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guild settings ({@link GuildPreferences}) on SQLite and on PostgreSQL: read from memory, and
 * changed through one process, honoured by another after its next refresh.
 */
@ParameterizedClass
@EnumSource(StateBackend.class)
class GuildPreferencesTest {

    private static final String GUILD = "555555555555555555";
    private static final String CHANNEL = "666666666666666666";

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private StateBackend.Database database;
    private StateStore store;

    @BeforeEach
    void open() {
        database = backend.create(dir);
        store = database.open(clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void privateByDefault_unsetGuild_isEmpty_setThenChanged_readsLatest() {
        SqlGuildPreferences settings = new SqlGuildPreferences(store);

        assertThat(settings.privateByDefault("222222222222222222")).isEmpty();
        settings.setPrivateByDefault("222222222222222222", true);
        settings.setPrivateByDefault("222222222222222222", false);
        assertThat(settings.privateByDefault("222222222222222222")).contains(false);
        assertThat(new SqlGuildPreferences(store).privateByDefault("222222222222222222"))
                .as("read back from the database")
                .contains(false);
    }

    @Test
    void logChannel_setClearedAndListed_withoutTouchingPrivateAnswers() {
        SqlGuildPreferences settings = new SqlGuildPreferences(store);
        settings.setPrivateByDefault(GUILD, true);

        settings.setLogChannel(GUILD, Optional.of(CHANNEL));
        settings.setLogChannel("777777777777777777", Optional.of("888888888888888888"));
        assertThat(settings.logChannel(GUILD)).contains(CHANNEL);
        assertThat(settings.logChannels())
                .containsExactly(Map.entry(GUILD, CHANNEL), Map.entry("777777777777777777", "888888888888888888"));

        settings.setLogChannel(GUILD, Optional.empty());
        assertThat(settings.logChannel(GUILD)).isEmpty();
        assertThat(settings.privateByDefault(GUILD)).contains(true);
        assertThat(new SqlGuildPreferences(store).logChannels()).containsOnlyKeys("777777777777777777");
        assertThat(new SqlGuildPreferences(store).privateByDefault("777777777777777777"))
                .isEmpty();
    }

    @Test
    void reads_afterTheFirst_comeFromMemory() {
        SqlGuildPreferences settings = new SqlGuildPreferences(store);
        settings.setPrivateByDefault(GUILD, true);
        store.transaction(c -> c.createStatement().executeUpdate("DELETE FROM guild_settings"));

        assertThat(settings.privateByDefault(GUILD)).contains(true);
    }

    /**
     * A moderator's change through one process reaches another at its next refresh, and only
     * then: the other's reads stay in memory in between. Several changes in a row arrive as the
     * last one.
     */
    @Test
    void refresh_changeMadeByAnotherProcess_isReadIntoMemory() {
        try (StateStore otherStore = database.open(clock)) {
            SqlGuildPreferences here = new SqlGuildPreferences(store);
            SqlGuildPreferences there = new SqlGuildPreferences(otherStore);
            assertThat(here.privateByDefault(GUILD)).isEmpty();
            assertThat(here.logChannel("777777777777777777")).isEmpty();

            there.setPrivateByDefault(GUILD, true);
            there.setPrivateByDefault(GUILD, false);
            there.setLogChannel(GUILD, Optional.of(CHANNEL));
            there.setLogChannel("777777777777777777", Optional.of("888888888888888888"));
            assertThat(here.privateByDefault(GUILD)).as("before the refresh").isEmpty();

            assertThat(here.refresh()).isEqualTo(2);
            assertThat(here.privateByDefault(GUILD)).contains(false);
            assertThat(here.logChannel(GUILD)).contains(CHANNEL);
            assertThat(here.logChannel("777777777777777777")).contains("888888888888888888");
            assertThat(here.refresh()).as("nothing changed since").isZero();

            there.setLogChannel(GUILD, Optional.empty());
            here.refresh();
            assertThat(here.logChannel(GUILD)).isEmpty();
            assertThat(here.privateByDefault(GUILD)).contains(false);
        }
    }

    /**
     * The propagation as the composition root runs it (a refresh every second), measured: a change
     * made through another process is honoured within a couple of seconds.
     */
    @Test
    void refreshEverySecond_changeThroughAnotherProcess_honouredWithinSeconds() {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        try (StateStore otherStore = database.open(clock)) {
            SqlGuildPreferences here = new SqlGuildPreferences(store);
            SqlGuildPreferences there = new SqlGuildPreferences(otherStore);
            assertThat(here.privateByDefault(GUILD)).isEmpty();
            refresher.scheduleWithFixedDelay(here::refresh, 1, 1, TimeUnit.SECONDS);

            long changed = System.nanoTime();
            there.setPrivateByDefault(GUILD, true);
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> here.privateByDefault(GUILD).orElse(false));
            System.out.printf(
                    "%s: a setting changed through one process was honoured by another after %d ms%n",
                    backend, Duration.ofNanos(System.nanoTime() - changed).toMillis());
        } finally {
            refresher.shutdownNow();
        }
    }
}
