package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.citebot.questions.QueryLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening, migrating and transactions of the state database, on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class StateStoreTest {

    private static final int LATEST =
            Migrations.ALL.get(Migrations.ALL.size() - 1).version();

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private StateBackend.Database database;

    @BeforeEach
    void createDatabase() {
        database = backend.create(dir);
    }

    @Test
    void open_newDatabase_appliesAllMigrationsInItsDialect() {
        try (StateStore store = database.open(clock)) {
            assertThat(store.schemaVersion()).isEqualTo(LATEST);
            assertThat(store.dialect().name()).isEqualTo(backend.name());
        }
    }

    @Test
    void open_newFileInAMissingFolder_createsTheFolder() {
        Path nested = dir.resolve("nested/deeper/citebot.db");
        try (StateStore store = StateStore.open(nested, clock)) {
            assertThat(store.schemaVersion()).isEqualTo(LATEST);
        }
        assertThat(nested).exists();
    }

    @Test
    void open_twice_keepsDataAndDoesNotReapply() {
        try (StateStore store = database.open(clock)) {
            new SqlGuildPreferences(store).setPrivateByDefault("111111111111111111", false);
        }
        try (StateStore store = database.open(clock)) {
            assertThat(new SqlGuildPreferences(store).privateByDefault("111111111111111111"))
                    .contains(false);
            assertThat(count(store, "SELECT COUNT(*) FROM schema_migrations")).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void open_newMigration_appliedOnTopOfExistingData() {
        database.open(clock, Migrations.ALL).close();
        List<Migration> more = new ArrayList<>(Migrations.ALL);
        String table = "CREATE TABLE t(x INTEGER)";
        more.add(new Migration(99, "test table", List.of(table), List.of(table)));

        try (StateStore store = database.open(clock, more)) {
            assertThat(store.schemaVersion()).isEqualTo(99);
            assertThat(count(store, "SELECT COUNT(*) FROM t")).isZero();
        }
    }

    @Test
    void open_migrationMergedLater_isAppliedEvenBelowTheHighestVersion() {
        // Version 5 stands for a branch's migration: no later version builds on what it adds.
        List<Migration> withoutFive =
                Migrations.ALL.stream().filter(m -> m.version() != 5).toList();
        database.open(clock, withoutFive).close();
        List<Migration> merged = new ArrayList<>(Migrations.ALL);
        String table = "CREATE TABLE merged_later (id INTEGER PRIMARY KEY)";
        merged.add(new Migration(LATEST + 1, "from another branch", List.of(table), List.of(table)));

        try (StateStore store = database.open(clock, merged)) {
            assertThat(store.schemaVersion()).isEqualTo(LATEST + 1);
            assertThat(count(store, "SELECT COUNT(log_channel_id) FROM guild_settings"))
                    .as("version 5's column")
                    .isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM merged_later")).isZero();
        }
    }

    @Test
    void open_databaseFromNewerCitebot_refusedWithClearMessage() {
        List<Migration> future = new ArrayList<>(Migrations.ALL);
        String table = "CREATE TABLE f(x INTEGER)";
        future.add(new Migration(500, "future", List.of(table), List.of(table)));
        database.open(clock, future).close();

        assertThatThrownBy(() -> database.open(clock))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("schema version 500, newer than this citebot");
    }

    @Test
    void open_sqliteOnlyMigration_refusedOnPostgresql_appliedOnSqlite() {
        List<Migration> sqliteOnly = List.of(new Migration(1, "a cache", List.of("CREATE TABLE c(x INTEGER)")));
        if (backend == StateBackend.SQLITE) {
            database.open(clock, sqliteOnly).close();
        } else {
            assertThatThrownBy(() -> database.open(clock, sqliteOnly))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("exists only for SQLite");
        }
    }

    @Test
    void open_severalProcessesAtOnceOnANewDatabase_allMigrateItOnce() throws Exception {
        int openers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                versions.add(pool.submit(() -> {
                    go.await();
                    try (StateStore store = database.open(clock)) {
                        return store.schemaVersion();
                    }
                }));
            }
            go.countDown();
            for (Future<Integer> version : versions) {
                assertThat(version.get(60, TimeUnit.SECONDS)).isEqualTo(LATEST);
            }
        } finally {
            pool.shutdownNow();
        }
        try (StateStore store = database.open(clock)) {
            assertThat(count(store, "SELECT COUNT(*) FROM schema_migrations")).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void transaction_failure_rollsBackEverything() {
        try (StateStore store = database.open(clock)) {
            assertThatThrownBy(() -> store.transaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO guild_settings(guild_id, updated_at) VALUES ('1', 'now')");
                            s.execute("INSERT INTO no_such_table VALUES (1)");
                        }
                        return null;
                    }))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("no_such_table");
            assertThat(new SqlGuildPreferences(store).privateByDefault("1")).isEmpty();
            assertThat(count(store, "SELECT COUNT(*) FROM guild_settings")).isZero();
        }
    }

    @Test
    void migration5_databaseAtVersion4_keepsPrivateAnswersAndGainsAnEmptyLogChannel() {
        try (StateStore v4 = database.open(clock, Migrations.ALL.subList(0, 4))) {
            assertThat(v4.schemaVersion()).isEqualTo(4);
            v4.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO guild_settings(guild_id, private_by_default, updated_at) VALUES (?, ?, 'then')")) {
                    s.setString(1, "333333333333333333");
                    s.setBoolean(2, false);
                    return s.executeUpdate();
                }
            });
        }

        try (StateStore latest = database.open(clock)) {
            SqlGuildPreferences settings = new SqlGuildPreferences(latest);
            assertThat(settings.privateByDefault("333333333333333333")).contains(false);
            assertThat(settings.logChannel("333333333333333333")).isEmpty();
            settings.setLogChannel("333333333333333333", Optional.of("444444444444444444"));
        }

        try (StateStore reopened = database.open(clock)) {
            SqlGuildPreferences settings = new SqlGuildPreferences(reopened);
            assertThat(settings.privateByDefault("333333333333333333")).contains(false);
            assertThat(settings.logChannel("333333333333333333")).contains("444444444444444444");
        }
    }

    @Test
    void migration6_databaseAtVersion5_keepsOldSearchesAsPrivateOnes() {
        try (StateStore v5 = database.open(clock, Migrations.ALL.subList(0, 5))) {
            assertThat(v5.schemaVersion()).isEqualTo(5);
            v5.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO query_log(query, guild_id, asked_at, result_count) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < 5; i++) {
                        for (String query : List.of("asked before", "unanswered before")) {
                            s.setString(1, query);
                            s.setString(2, "333333333333333333");
                            s.setLong(3, clock.millis());
                            s.setLong(4, query.startsWith("asked") ? 4 : 0);
                            s.executeUpdate();
                        }
                    }
                }
                return null;
            });
        }

        try (StateStore latest = database.open(clock)) {
            QueryLog log = new SqlQueryLog(latest);
            Instant since = clock.instant().minusSeconds(60);
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
    void migration7_databaseAtVersion6_keepsSettingsAndDropsUnsaltedAskersAtTheFirstPublicSearch() {
        try (StateStore v6 = database.open(clock, Migrations.ALL.subList(0, 6))) {
            v6.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO guild_settings(guild_id, updated_at, log_channel_id)"
                            + " VALUES ('555555555555555555', 'then', '666666666666666666')");
                    s.executeUpdate("INSERT INTO question_askers(guild_id, query, asker)"
                            + " VALUES ('555555555555555555', 'old question', 'hash-under-a-lost-salt')");
                }
                return null;
            });
        }

        try (StateStore latest = database.open(clock)) {
            assertThat(new SqlGuildPreferences(latest).logChannel("555555555555555555"))
                    .contains("666666666666666666");
            new SqlQueryLog(latest).recordPublic("new question", "555555555555555555", "u1", clock.instant(), 1);
            assertThat(count(latest, "SELECT COUNT(*) FROM question_askers WHERE query = 'old question'"))
                    .isZero();
        }
    }

    static int count(StateStore store, String sql) {
        return store.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
