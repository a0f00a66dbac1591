package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.citebot.digest.DigestRuns;
import org.citebot.digest.DigestRuns.DigestRun;
import org.citebot.digest.DigestRuns.State;
import org.citebot.digest.DigestSettingsStore.StoredDigestSettings;
import org.citebot.digest.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The digest's records ({@link DigestRuns}, digest settings) on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class DigestRunsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);
    /** Claimers racing for each day: each with a connection (and a store) of its own. */
    private static final int RACERS = 8;
    /** Days raced for, one after the other, so that the claims really overlap many times. */
    private static final int RACED_DAYS = 25;

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-04T06:00:00Z"), ZoneOffset.UTC);
    private StateBackend.Database database;

    @BeforeEach
    void createDatabase() {
        database = backend.create(dir);
    }

    private static DigestRun run(LocalDate day, State state, String nonce) {
        return new DigestRun(
                "g1",
                day,
                state,
                Optional.of(nonce),
                Optional.of("c1"),
                Optional.empty(),
                Optional.of("d#0"),
                Instant.parse("2026-05-04T06:00:00Z"),
                Optional.empty());
    }

    @Test
    void claim_oneRunPerGuildAndDay_replacingOnlyTheGivenStates() {
        try (StateStore store = database.open(clock)) {
            DigestRuns runs = new SqlDigestRuns(store);

            assertThat(runs.claim(run(DAY, State.SKIPPED, "n0"), Set.of())).isTrue();
            assertThat(runs.claim(run(DAY, State.SENDING, "n1"), Set.of())).isFalse();
            assertThat(runs.claim(run(DAY, State.SENDING, "n1"), EnumSet.of(State.MISSED, State.FAILED)))
                    .isFalse();
            assertThat(runs.claim(run(DAY, State.SENDING, "n1"), EnumSet.of(State.SKIPPED)))
                    .isTrue();
            assertThat(runs.claim(run(DAY, State.SENDING, "n2"), EnumSet.of(State.SKIPPED)))
                    .isFalse();
            assertThat(runs.sending()).extracting(DigestRun::nonce).containsExactly(Optional.of("n1"));

            runs.markPosted("g1", DAY, "m9");
            DigestRun posted = runs.find("g1", DAY).orElseThrow();
            assertThat(posted.state()).isEqualTo(State.POSTED);
            assertThat(posted.messageId()).contains("m9");
            assertThat(posted.nonce()).contains("n1");
            assertThat(runs.sending()).isEmpty();
            assertThat(runs.passagesSince("g1", DAY.minusDays(29), DAY.plusDays(1)))
                    .containsExactly("d#0");
            assertThat(runs.passagesSince("g1", DAY.minusDays(29), DAY)).isEmpty();
        }
    }

    @Test
    void mark_runThatWasNeverClaimed_failsInsteadOfInventingOne() {
        try (StateStore store = database.open(clock)) {
            DigestRuns runs = new SqlDigestRuns(store);

            assertThatThrownBy(() -> runs.mark("g1", DAY, State.FAILED, Optional.of("gone")))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("no digest run for guild g1");
            assertThat(runs.find("g1", DAY)).isEmpty();
        }
    }

    @Test
    void mark_transientFailureKeepsItSending_thenFailedWithTheReason() {
        try (StateStore store = database.open(clock)) {
            DigestRuns runs = new SqlDigestRuns(store);
            runs.claim(run(DAY, State.SENDING, "n1"), Set.of());

            runs.mark("g1", DAY, State.SENDING, Optional.of("Discord 503"));
            assertThat(runs.sending()).extracting(DigestRun::error).containsExactly(Optional.of("Discord 503"));

            runs.mark("g1", DAY, State.FAILED, Optional.of("channel deleted"));
            assertThat(runs.sending()).isEmpty();
            assertThat(runs.find("g1", DAY).orElseThrow().error()).contains("channel deleted");
        }
    }

    /**
     * Two processes both scheduling the guild: the one that claimed a send holds it for the lease,
     * the other may take it over only once the lease ran out (the claimer died), the claimer
     * restarted under its name takes it back at once, and a send marked for a retry is free to any.
     */
    @Test
    void takeOver_aSendInAnotherProcesssLease_onlyOnceTheLeaseRanOut() {
        MutableClock now = new MutableClock(clock.instant());
        Duration lease = Duration.ofMinutes(2);
        try (StateStore a = database.open(now);
                StateStore b = database.open(now)) {
            DigestRuns first = new SqlDigestRuns(a, "a", lease);
            DigestRuns second = new SqlDigestRuns(b, "b", lease);
            assertThat(first.claim(run(DAY, State.SENDING, "n1"), Set.of())).isTrue();

            assertThat(second.takeOver("g1", DAY)).as("within a's lease").isFalse();
            assertThat(first.takeOver("g1", DAY))
                    .as("a restarted takes its own back")
                    .isTrue();

            now.advance(lease.plusSeconds(1));
            assertThat(second.takeOver("g1", DAY)).as("a's lease ran out").isTrue();
            assertThat(first.takeOver("g1", DAY)).as("now within b's lease").isFalse();

            second.mark("g1", DAY, State.SENDING, Optional.of("Discord 503"));
            assertThat(first.takeOver("g1", DAY))
                    .as("a send waiting for its retry")
                    .isTrue();

            first.markPosted("g1", DAY, "m1");
            assertThat(second.takeOver("g1", DAY)).as("a posted run").isFalse();
            assertThat(first.takeOver("g1", DAY)).isFalse();
        }
    }

    /**
     * Eight claimers, each with its own connection as separate processes would have, released
     * together by a barrier, claim the same guild's day; then the next day. Exactly one wins each
     * day, and the run stored is the winner's. Then the same race to replace a missed day.
     */
    @Test
    void claim_racingClaimersOnSeparateConnections_exactlyOneWinsEachDay() throws Exception {
        List<StateStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int i = 0; i < RACERS; i++) {
                stores.add(database.open(clock));
            }
            for (int day = 0; day < RACED_DAYS; day++) {
                LocalDate date = DAY.plusDays(day);
                Set<State> replaceable = day % 2 == 0 ? Set.of() : EnumSet.of(State.MISSED);
                if (!replaceable.isEmpty()) {
                    new SqlDigestRuns(stores.get(0)).claim(run(date, State.MISSED, "down"), Set.of());
                }
                Map<String, Boolean> outcomes = race(stores, pool, date, replaceable);

                assertThat(outcomes.values())
                        .as("winners of %s (replacing %s)", date, replaceable)
                        .containsOnlyOnce(true);
                String winner = outcomes.entrySet().stream()
                        .filter(Map.Entry::getValue)
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow();
                DigestRun stored =
                        new SqlDigestRuns(stores.get(0)).find("g1", date).orElseThrow();
                assertThat(stored.nonce()).contains(winner);
                assertThat(stored.state()).isEqualTo(State.SENDING);
            }
        } finally {
            pool.shutdownNow();
            stores.forEach(StateStore::close);
        }
    }

    private static Map<String, Boolean> race(
            List<StateStore> stores, ExecutorService pool, LocalDate date, Set<State> replaceable) throws Exception {
        CyclicBarrier start = new CyclicBarrier(stores.size());
        Map<String, Future<Boolean>> claims = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) {
            DigestRuns runs = new SqlDigestRuns(stores.get(i));
            String nonce = "racer" + i + "-" + date;
            claims.put(nonce, pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return runs.claim(run(date, State.SENDING, nonce), replaceable);
            }));
        }
        Map<String, Boolean> outcomes = new HashMap<>();
        for (Map.Entry<String, Future<Boolean>> claim : claims.entrySet()) {
            outcomes.put(claim.getKey(), claim.getValue().get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void settingsAndSeenDocuments_surviveReopening() {
        try (StateStore store = database.open(clock)) {
            new SqlDigestSettingsStore(store)
                    .save(new StoredDigestSettings(
                            "g1",
                            "c1",
                            LocalTime.of(8, 0),
                            ZoneId.of("Europe/Berlin"),
                            List.of("new", "passage"),
                            true,
                            Optional.of("paused"),
                            3));
            new SqlDigestRuns(store).replaceSeenDocuments("g1", Map.of("a", "h1", "b", "h2"));
            new SqlDigestRuns(store).replaceSeenDocuments("g1", Map.of("b", "h3"));
        }
        try (StateStore store = database.open(clock)) {
            StoredDigestSettings settings =
                    new SqlDigestSettingsStore(store).find("g1").orElseThrow();
            assertThat(settings.time()).isEqualTo(LocalTime.of(8, 0));
            assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(settings.sections()).containsExactly("new", "passage");
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.pausedNote()).contains("paused");
            assertThat(settings.consecutiveFailures()).isEqualTo(3);
            assertThat(new SqlDigestRuns(store).seenDocuments("g1")).isEqualTo(Map.of("b", "h3"));
            assertThat(new SqlDigestRuns(store).seenDocuments("g2")).isEmpty();
        }
    }

    @Test
    void settings_savedAgain_replaceTheGuildsRow_andAllListsEveryGuild() {
        try (StateStore store = database.open(clock)) {
            SqlDigestSettingsStore settings = new SqlDigestSettingsStore(store);
            settings.save(new StoredDigestSettings(
                    "g2", "c2", LocalTime.of(9, 30), ZoneId.of("UTC"), List.of(), true, Optional.empty(), 0));
            settings.save(new StoredDigestSettings(
                    "g1", "c1", LocalTime.of(8, 0), ZoneId.of("UTC"), List.of("new"), true, Optional.empty(), 0));
            settings.save(new StoredDigestSettings(
                    "g1", "c9", LocalTime.of(7, 0), ZoneId.of("Asia/Tokyo"), List.of(), false, Optional.empty(), 1));

            assertThat(settings.all())
                    .extracting(StoredDigestSettings::guildId, StoredDigestSettings::channelId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("g1", "c9"),
                            org.assertj.core.groups.Tuple.tuple("g2", "c2"));
            StoredDigestSettings g1 = settings.find("g1").orElseThrow();
            assertThat(g1.enabled()).isFalse();
            assertThat(g1.sections()).isEmpty();
            assertThat(g1.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        }
    }
}
