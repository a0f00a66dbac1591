package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citebot.questions.QueryLog;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The query log ({@link QueryLog}) on SQLite and on PostgreSQL, for one process and for several. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class QueryLogTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String GUILD = "111111111111111111";
    private static final String OTHER_GUILD = "222222222222222222";

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    private StateBackend.Database database;
    private StateStore store;
    private QueryLog log;

    @BeforeEach
    void open() {
        database = backend.create(dir);
        reopen();
    }

    private void reopen() {
        store = database.open(Clock.fixed(NOW, ZoneOffset.UTC));
        log = new SqlQueryLog(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The question asked publicly in {@code guild} by each of {@code askers}, a second apart. */
    private void askedPublicly(String query, String guild, Instant at, long results, String... askers) {
        for (int i = 0; i < askers.length; i++) {
            log.recordPublic(query, guild, askers[i], at.plusSeconds(i), results);
        }
    }

    @Test
    void sharedQuestions_afterThreeDifferentMembersAskedPublicly_mostAskedFirst() {
        askedPublicly("nato summit", GUILD, NOW.minusSeconds(60), 4, "u1", "u2", "u3", "u1");
        askedPublicly("nuclear", GUILD, NOW.minusSeconds(30), 9, "u4", "u5", "u6");
        askedPublicly("nuclear", OTHER_GUILD, NOW.minusSeconds(30), 9, "u1", "u2", "u3");
        askedPublicly("old", GUILD, NOW.minus(Duration.ofDays(3)), 1, "u1", "u2", "u3");

        assertThat(log.sharedQuestions(GUILD, NOW.minus(Duration.ofDays(1)), 10))
                .containsExactly(new FrequentQuery("nato summit", 4), new FrequentQuery("nuclear", 3));
    }

    @Test
    void recordPublic_saysWhenTheThirdDifferentMemberMadeItShared() {
        List<Boolean> shared = new ArrayList<>();
        for (String asker : List.of("u1", "u1", "u2", "u1", "u3", "u4")) {
            shared.add(log.recordPublic("zeppelin raids", GUILD, asker, NOW, 2));
        }

        assertThat(shared).containsExactly(false, false, false, false, true, false);
    }

    @Test
    void sharedQuestions_oneMemberAskingAgainAndAgain_neverShared() {
        askedPublicly("my own question", GUILD, NOW.minusSeconds(60), 4, "u1", "u1", "u1", "u1", "u1");
        askedPublicly("two of us", GUILD, NOW.minusSeconds(60), 4, "u1", "u2", "u1", "u2");

        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void sharedQuestions_privateAndDirectMessageQuestions_neverShared() {
        for (int i = 0; i < 5; i++) {
            log.record("a private worry", Optional.of(GUILD), NOW.minusSeconds(i), 3);
            log.record("a dm question", Optional.empty(), NOW.minusSeconds(i), 3);
        }
        askedPublicly("a private worry", GUILD, NOW, 3, "u1", "u2");

        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10)).isEmpty();
        assertThat(log.unanswered(GUILD, Instant.EPOCH, 10)).isEmpty();
        assertThat(log.frequentEverywhere(Instant.EPOCH, 10))
                .as("still warmed into the cache after a reindex")
                .extracting(FrequentQuery::query)
                .contains("a private worry", "a dm question");
    }

    @Test
    void sharedQuestions_sameMemberOnThreeDays_countsOnceADayNotThrice() {
        Instant day1 = Instant.parse("2026-11-20T10:00:00Z");
        Instant day2 = Instant.parse("2026-11-21T10:00:00Z");
        Instant day3 = Instant.parse("2026-11-22T10:00:00Z");

        log.recordPublic("daily question", GUILD, "u1", day1, 2);
        log.recordPublic("daily question", GUILD, "u1", day2, 2);
        log.recordPublic("daily question", GUILD, "u2", day2, 2);
        log.recordPublic("daily question", GUILD, "u1", day3, 2);
        log.recordPublic("daily question", GUILD, "u2", day3, 2);

        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10)).isEmpty();
        assertThat(log.recordPublic("daily question", GUILD, "u3", day3, 2)).isTrue();
    }

    @Test
    void sharedQuestions_onlyThoseThatFoundPassages() {
        askedPublicly("zeppelin", GUILD, NOW, 0, "u1", "u2", "u3");

        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void unanswered_publicQuestionsThatFoundNothing_oneAskerIsEnough() {
        log.recordPublic("zeppelin", GUILD, "u1", NOW, 0);
        log.recordPublic("nato", GUILD, "u1", NOW, 3);
        log.record("private zeppelin", Optional.of(GUILD), NOW, 0);

        assertThat(log.unanswered(GUILD, NOW.minusSeconds(1), 10)).containsExactly(new FrequentQuery("zeppelin", 1));
        assertThat(log.unanswered(OTHER_GUILD, NOW.minusSeconds(1), 10)).isEmpty();
    }

    @Test
    void purgeOlderThan_removesOnlyEntriesPastRetention_andQuestionsNotSharedWithinIt() {
        askedPublicly("old", GUILD, NOW.minus(Duration.ofDays(31)), 1, "u1", "u2", "u3");
        askedPublicly("new", GUILD, NOW.minus(Duration.ofDays(29)), 1, "u1", "u2", "u3");

        assertThat(log.purgeOlderThan(NOW, Duration.ofDays(30))).isEqualTo(3);
        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10))
                .extracting(FrequentQuery::query)
                .containsExactly("new");
        assertThat(count("SELECT COUNT(*) FROM shared_questions")).isEqualTo(1);
    }

    @Test
    void storage_holdsNoMemberId_andNoAskerHashPastItsSaltsDay() {
        log.recordPublic("kherson", GUILD, "123456789012345678", NOW, 2);
        log.recordPublic("kherson", GUILD, "223456789012345678", NOW, 2);
        String stored = dump("question_askers") + dump("query_log") + dump("shared_questions");
        assertThat(stored).doesNotContain("123456789012345678", "223456789012345678");
        assertThat(count("SELECT COUNT(*) FROM question_askers")).isEqualTo(2);

        // The next day draws a new salt; the old hashes could not be matched any more, and are gone.
        log.recordPublic("another question", GUILD, "323456789012345678", NOW.plus(Duration.ofDays(1)), 2);
        assertThat(count("SELECT COUNT(*) FROM question_askers WHERE query = 'kherson'"))
                .isZero();

        // A restart loses the salt with the process: its hashes no longer count for anyone, and the
        // first public search of the next day, by any process, deletes them.
        store.close();
        reopen();
        log.recordPublic("another question", GUILD, "323456789012345678", NOW.plus(Duration.ofDays(1)), 2);
        log.recordPublic("another question", GUILD, "423456789012345678", NOW.plus(Duration.ofDays(1)), 2);
        assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10))
                .as("two members since the restart, however many hashes the stopped process left")
                .isEmpty();
        log.recordPublic("third question", GUILD, "523456789012345678", NOW.plus(Duration.ofDays(2)), 2);
        assertThat(count("SELECT COUNT(*) FROM question_askers")).isEqualTo(1);
    }

    /**
     * Two processes on one database (each its own connections and salt), as when several citebot
     * processes share PostgreSQL: every search of both counts in the shared figures, a process's
     * new salt does not delete the other's hashes, and a member asking through both never counts
     * twice.
     */
    @Test
    void twoProcesses_shareTheFigures_andEachCountsOnlyItsOwnAskers() {
        try (StateStore otherStore = database.open(Clock.fixed(NOW, ZoneOffset.UTC))) {
            QueryLog other = new SqlQueryLog(otherStore);
            log.recordPublic("frontline", GUILD, "u1", NOW, 5);
            log.recordPublic("frontline", GUILD, "u2", NOW, 5);
            other.recordPublic("frontline", GUILD, "u1", NOW, 5);
            other.recordPublic("frontline", GUILD, "u2", NOW, 5);
            other.recordPublic("nothing found", GUILD, "u7", NOW, 0);
            other.record("quiet", Optional.empty(), NOW, 2);

            assertThat(count("SELECT COUNT(*) FROM question_askers WHERE query = 'frontline'"))
                    .as("the second process's first search kept the first one's hashes")
                    .isEqualTo(4);
            assertThat(log.sharedQuestions(GUILD, Instant.EPOCH, 10))
                    .as("u1 and u2 through both processes are two members, not four")
                    .isEmpty();

            assertThat(log.recordPublic("frontline", GUILD, "u3", NOW, 5)).isTrue();
            assertThat(other.sharedQuestions(GUILD, Instant.EPOCH, 10))
                    .as("read by the other process: every public ask of both")
                    .containsExactly(new FrequentQuery("frontline", 5));
            assertThat(log.unanswered(GUILD, Instant.EPOCH, 10)).containsExactly(new FrequentQuery("nothing found", 1));
            assertThat(log.frequentEverywhere(Instant.EPOCH, 10))
                    .extracting(FrequentQuery::query)
                    .containsExactly("frontline", "quiet");
        }
    }

    @Test
    void schema_storesNoUserIds() {
        for (String table : List.of("query_log", "question_askers", "shared_questions")) {
            assertThat(columns(table)).doesNotContain("user", "member");
        }
        assertThat(columns("query_log")).contains("query", "guild_id", "asked_at", "result_count", "public");
    }

    private String columns(String table) {
        return store.read(c -> {
            StringBuilder names = new StringBuilder();
            DatabaseMetaData metadata = c.getMetaData();
            try (ResultSet rs = metadata.getColumns(null, null, table, "%")) {
                while (rs.next()) {
                    names.append(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT))
                            .append(' ');
                }
            }
            return names.toString();
        });
    }

    private String dump(String table) {
        return store.read(c -> {
            StringBuilder all = new StringBuilder();
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        all.append(rs.getString(i)).append('|');
                    }
                }
            }
            return all.toString();
        });
    }

    private int count(String sql) {
        return StateStoreTest.count(store, sql);
    }
}
