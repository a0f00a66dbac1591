package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void open_newFile_appliesAllMigrations() {
        try (StateStore store = StateStore.open(dir.resolve("nested/citebot.db"), clock)) {
            assertThat(store.schemaVersion())
                    .isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
        }
    }

    @Test
    void open_twice_keepsDataAndDoesNotReapply() {
        Path file = dir.resolve("citebot.db");
        try (StateStore store = StateStore.open(file, clock)) {
            new GuildSettings(store).setPrivateByDefault("111111111111111111", false);
        }
        try (StateStore store = StateStore.open(file, clock)) {
            assertThat(new GuildSettings(store).privateByDefault("111111111111111111"))
                    .contains(false);
            int applied = store.read(c -> {
                try (Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM schema_migrations")) {
                    return rs.getInt(1);
                }
            });
            assertThat(applied).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void open_newMigration_appliedOnTopOfExistingData() {
        Path file = dir.resolve("citebot.db");
        StateStore.open(file, clock, Migrations.ALL).close();
        List<Migration> more = new java.util.ArrayList<>(Migrations.ALL);
        more.add(new Migration(99, "test table", List.of("CREATE TABLE t(x INTEGER)")));

        try (StateStore store = StateStore.open(file, clock, more)) {
            assertThat(store.schemaVersion()).isEqualTo(99);
        }
    }

    @Test
    void open_databaseFromNewerCitebot_refusedWithClearMessage() {
        Path file = dir.resolve("citebot.db");
        List<Migration> future = new java.util.ArrayList<>(Migrations.ALL);
        future.add(new Migration(500, "future", List.of("CREATE TABLE f(x INTEGER)")));
        StateStore.open(file, clock, future).close();

        assertThatThrownBy(() -> StateStore.open(file, clock))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("newer than this citebot");
    }

    @Test
    void transaction_failure_rollsBackEverything() {
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), clock)) {
            GuildSettings settings = new GuildSettings(store);

            assertThatThrownBy(() -> store.transaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO guild_settings VALUES ('1', 1, 'now')");
                            s.execute("INSERT INTO no_such_table VALUES (1)");
                        }
                        return null;
                    }))
                    .isInstanceOf(StateStoreException.class);
            assertThat(settings.privateByDefault("1")).isEmpty();
        }
    }

    @Test
    void guildSettings_unsetGuild_isEmpty_setThenChanged_readsLatest() {
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), clock)) {
            GuildSettings settings = new GuildSettings(store);

            assertThat(settings.privateByDefault("222222222222222222")).isEmpty();
            settings.setPrivateByDefault("222222222222222222", true);
            settings.setPrivateByDefault("222222222222222222", false);
            assertThat(settings.privateByDefault("222222222222222222")).contains(false);
        }
    }

    @Test
    void migration5_databaseAtVersion4_keepsPrivateAnswersAndGainsAnEmptyLogChannel() {
        Path file = dir.resolve("citebot.db");
        try (StateStore v4 = StateStore.open(file, clock, Migrations.ALL.subList(0, 4))) {
            assertThat(v4.schemaVersion()).isEqualTo(4);
            v4.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO guild_settings VALUES ('333333333333333333', 0, 'then')");
                }
            });
        }

        try (StateStore v5 = StateStore.open(file, clock)) {
            assertThat(v5.schemaVersion()).isGreaterThanOrEqualTo(5);
            GuildSettings settings = new GuildSettings(v5);
            assertThat(settings.privateByDefault("333333333333333333")).contains(false);
            assertThat(settings.logChannel("333333333333333333")).isEmpty();
            settings.setLogChannel("333333333333333333", Optional.of("444444444444444444"));
        }

        try (StateStore reopened = StateStore.open(file, clock)) {
            GuildSettings settings = new GuildSettings(reopened);
            assertThat(settings.privateByDefault("333333333333333333")).contains(false);
            assertThat(settings.logChannel("333333333333333333")).contains("444444444444444444");
        }
    }

    @Test
    void migration6_databaseAtVersion5_keepsOldSearchesAsPrivateOnes() {
        Path file = dir.resolve("citebot.db");
        try (StateStore v5 = StateStore.open(file, clock, Migrations.ALL.subList(0, 5))) {
            assertThat(v5.schemaVersion()).isEqualTo(5);
            v5.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 5; i++) {
                        s.executeUpdate("INSERT INTO query_log(query, guild_id, asked_at, result_count) VALUES "
                                + "('asked before', '333333333333333333', " + clock.millis() + ", 4), "
                                + "('unanswered before', '333333333333333333', " + clock.millis() + ", 0)");
                    }
                }
                return null;
            });
        }

        try (StateStore v6 = StateStore.open(file, clock)) {
            assertThat(v6.schemaVersion()).isGreaterThanOrEqualTo(6);
            QueryLog log = new QueryLog(v6);
            java.time.Instant since = clock.instant().minusSeconds(60);
            assertThat(log.frequentEverywhere(since, 10))
                    .as("kept")
                    .containsExactly(new QueryLog.FrequentQuery("asked before", 5));
            assertThat(log.sharedQuestions("333333333333333333", since, 10))
                    .as("whether they were private is unknown, so they are")
                    .isEmpty();
            assertThat(log.unanswered("333333333333333333", since, 10)).isEmpty();

            for (String asker : List.of("a", "b", "c")) {
                log.recordPublic("asked before", "333333333333333333", asker, clock.instant(), 4);
            }
            assertThat(log.sharedQuestions("333333333333333333", since, 10))
                    .as("only the public asks are counted once it is shared")
                    .containsExactly(new QueryLog.FrequentQuery("asked before", 3));
        }
    }

    @Test
    void guildSettings_logChannel_setClearedAndListed_withoutTouchingPrivateAnswers() {
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), clock)) {
            GuildSettings settings = new GuildSettings(store);
            settings.setPrivateByDefault("555555555555555555", true);

            settings.setLogChannel("555555555555555555", Optional.of("666666666666666666"));
            settings.setLogChannel("777777777777777777", Optional.of("888888888888888888"));
            assertThat(settings.logChannel("555555555555555555")).contains("666666666666666666");
            assertThat(settings.logChannels())
                    .containsExactly(
                            Map.entry("555555555555555555", "666666666666666666"),
                            Map.entry("777777777777777777", "888888888888888888"));

            settings.setLogChannel("555555555555555555", Optional.empty());
            assertThat(settings.logChannel("555555555555555555")).isEmpty();
            assertThat(settings.privateByDefault("555555555555555555")).contains(true);
            assertThat(new GuildSettings(store).logChannels()).containsOnlyKeys("777777777777777777");
            assertThat(new GuildSettings(store).privateByDefault("777777777777777777"))
                    .isEmpty();
        }
    }
}
