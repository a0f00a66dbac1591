package org.citebot.state;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.citebot.digest.DigestRuns;
import org.citebot.digest.DigestRuns.DigestRun;
import org.citebot.digest.DigestRuns.State;

/**
 * A process claiming digest days, for {@link DigestClaimAcrossProcessesTest}: opens the state
 * database, prints {@code READY}, waits for a line on standard input (so that several start
 * together), then claims one guild's days one after the other, printing {@code WON date} for each
 * day it got, and {@code DONE}.
 *
 * <p>Arguments: the state URL, the PostgreSQL role (or {@code -}), how many days, this racer's name.
 * The password comes from PGPASSWORD, as for citebot.
 */
public final class ClaimRacerMain {

    static final String READY = "READY";
    static final String WON = "WON ";
    static final String DONE = "DONE";
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);

    private ClaimRacerMain() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Optional<String> user = "-".equals(args[1]) ? Optional.empty() : Optional.of(args[1]);
        int days = Integer.parseInt(args[2]);
        String name = args[3];
        Optional<String> password = Optional.ofNullable(System.getenv("PGPASSWORD"));
        try (StateStore store = StateStore.open(url, user, password, Clock.systemUTC())) {
            DigestRuns runs = new SqlDigestRuns(store);
            System.out.println(READY);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int day = 0; day < days; day++) {
                LocalDate date = FIRST_DAY.plusDays(day);
                DigestRun run = new DigestRun(
                        "g1",
                        date,
                        State.SENDING,
                        Optional.of(nonce(name, date)),
                        Optional.of("c1"),
                        Optional.empty(),
                        Optional.empty(),
                        Instant.parse("2026-06-01T08:00:00Z"),
                        Optional.empty());
                if (runs.claim(run, Set.of())) {
                    System.out.println(WON + date);
                }
            }
        }
        System.out.println(DONE);
    }

    static String nonce(String racer, LocalDate date) {
        return racer + "-" + date;
    }
}
