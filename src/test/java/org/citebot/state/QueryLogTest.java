package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLogTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Optional<String> GUILD = Optional.of("111111111111111111");

    @TempDir
    Path dir;

    private StateStore store;
    private QueryLog log;

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("citebot.db"), Clock.fixed(NOW, ZoneOffset.UTC));
        log = new QueryLog(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void frequent_countsPerQueryMostAskedFirst_onlyInPeriodAndGuild() {
        log.record("nato summit", GUILD, NOW.minusSeconds(60), 4);
        log.record("nato summit", GUILD, NOW.minusSeconds(30), 4);
        log.record("nuclear", GUILD, NOW.minusSeconds(10), 9);
        log.record("nuclear", Optional.of("222222222222222222"), NOW, 9);
        log.record("old", GUILD, NOW.minus(Duration.ofDays(3)), 1);

        var frequent = log.frequent(GUILD, NOW.minus(Duration.ofDays(1)), 10, true);

        assertThat(frequent)
                .containsExactly(
                        new QueryLog.FrequentQuery("nato summit", 2), new QueryLog.FrequentQuery("nuclear", 1));
    }

    @Test
    void frequent_unanswered_listsOnlyQueriesThatFoundNothing() {
        log.record("zeppelin", GUILD, NOW, 0);
        log.record("nato", GUILD, NOW, 3);

        assertThat(log.frequent(GUILD, NOW.minusSeconds(1), 10, false))
                .containsExactly(new QueryLog.FrequentQuery("zeppelin", 1));
    }

    @Test
    void frequent_noGuild_meansQueriesAskedOutsideAnyGuild() {
        log.record("console question", Optional.empty(), NOW, 2);
        log.record("server question", GUILD, NOW, 2);

        assertThat(log.frequent(Optional.empty(), NOW.minusSeconds(1), 10, true))
                .extracting(QueryLog.FrequentQuery::query)
                .containsExactly("console question");
    }

    @Test
    void purgeOlderThan_removesOnlyEntriesPastRetention() {
        log.record("old", GUILD, NOW.minus(Duration.ofDays(31)), 1);
        log.record("new", GUILD, NOW.minus(Duration.ofDays(29)), 1);

        assertThat(log.purgeOlderThan(NOW, Duration.ofDays(30))).isEqualTo(1);
        assertThat(log.frequent(GUILD, Instant.EPOCH, 10, true))
                .extracting(QueryLog.FrequentQuery::query)
                .containsExactly("new");
    }

    @Test
    void schema_storesNoUserIds() {
        String columns = store.read(c -> {
            StringBuilder names = new StringBuilder();
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("PRAGMA table_info(query_log)")) {
                while (rs.next()) {
                    names.append(rs.getString("name")).append(' ');
                }
            }
            return names.toString();
        });

        assertThat(columns)
                .contains("query", "guild_id", "asked_at", "result_count")
                .doesNotContain("user");
    }
}
