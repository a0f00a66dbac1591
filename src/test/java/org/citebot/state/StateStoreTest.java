package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
}
