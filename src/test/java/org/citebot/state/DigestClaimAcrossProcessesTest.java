package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citebot.digest.DigestRuns.DigestRun;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The digest claim across real processes: three JVMs on one state database (SQLite's file locks,
 * or PostgreSQL), released together, claim the same guild's days one after the other. Each day has
 * exactly one winner, and the run stored is the winner's. About 4 s a database.
 */
@ParameterizedClass
@EnumSource(StateBackend.class)
class DigestClaimAcrossProcessesTest {

    private static final int PROCESSES = 3;
    private static final int DAYS = 40;

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    @Test
    void processesClaimingTheSameDays_exactlyOneWinsEachDay() throws Exception {
        StateBackend.Database database = backend.create(dir);
        database.open(Clock.systemUTC()).close();
        Map<String, String> environment = database.password()
                .map(password -> Map.of("PGPASSWORD", password))
                .orElse(Map.of());
        List<ChildJvm> racers = new ArrayList<>();
        Map<LocalDate, List<String>> winners = new HashMap<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                racers.add(ChildJvm.start(
                        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                        ClaimRacerMain.class,
                        environment,
                        database.url(),
                        database.user().orElse("-"),
                        Integer.toString(DAYS),
                        "racer" + i));
            }
            for (ChildJvm racer : racers) {
                racer.awaitLineStartingWith(ClaimRacerMain.READY, Duration.ofSeconds(60));
            }
            for (ChildJvm racer : racers) {
                racer.send("go");
            }
            for (int i = 0; i < PROCESSES; i++) {
                ChildJvm racer = racers.get(i);
                assertThat(racer.awaitExit(Duration.ofSeconds(60)))
                        .as(String.join(System.lineSeparator(), racer.output()))
                        .isZero();
                for (String line : racer.output()) {
                    if (line.startsWith(ClaimRacerMain.WON)) {
                        LocalDate day = LocalDate.parse(line.substring(ClaimRacerMain.WON.length()));
                        winners.computeIfAbsent(day, d -> new ArrayList<>()).add("racer" + i);
                    }
                }
            }
        } finally {
            racers.forEach(ChildJvm::close);
        }

        assertThat(winners).hasSize(DAYS);
        assertThat(winners.values()).allSatisfy(won -> assertThat(won).hasSize(1));
        try (StateStore store = database.open(Clock.systemUTC())) {
            SqlDigestRuns runs = new SqlDigestRuns(store);
            for (Map.Entry<LocalDate, List<String>> day : winners.entrySet()) {
                DigestRun stored = runs.find("g1", day.getKey()).orElseThrow();
                assertThat(stored.nonce())
                        .contains(ClaimRacerMain.nonce(day.getValue().get(0), day.getKey()));
            }
        }
        System.out.printf(
                "%s: %d processes claimed %d days; wins per process %s%n",
                backend,
                PROCESSES,
                DAYS,
                winners.values().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                won -> won.get(0), java.util.TreeMap::new, java.util.stream.Collectors.counting())));
    }
}
