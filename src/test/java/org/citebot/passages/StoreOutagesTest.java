package org.citebot.passages;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** An outage under steady traffic is logged twice, when it begins and when it ends, never per request. */
class StoreOutagesTest {

    @Test
    void manyFailuresThenManySuccesses_oneWarningOneRecovery() {
        StoreOutages outages = new StoreOutages(
                "SolrCloud (ZooKeeper at zk1:2181)",
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        try (LogCapture logs = LogCapture.attach()) {
            outages.answered();
            for (int i = 0; i < 100; i++) {
                outages.failed("No live SolrServers available " + i);
            }
            assertThat(outages.current()).contains("No live SolrServers available 99");
            for (int i = 0; i < 100; i++) {
                outages.answered();
            }

            assertThat(outages.current()).isEmpty();
            assertThat(logs.lines(Level.WARN))
                    .containsExactly("Search is unavailable: SolrCloud (ZooKeeper at zk1:2181) does not answer"
                            + " (No live SolrServers available 0); members are told to try again shortly");
            assertThat(logs.lines(Level.INFO))
                    .filteredOn(line -> line.startsWith("Search is available again"))
                    .containsExactly("Search is available again: SolrCloud (ZooKeeper at zk1:2181) answers after 0 s");
        }
    }

    @Test
    void secondOutage_loggedAgain() {
        StoreOutages outages = new StoreOutages("the store", Clock.systemUTC());
        try (LogCapture logs = LogCapture.attach()) {
            outages.failed("down");
            outages.answered();
            outages.failed("down again");

            assertThat(logs.lines(Level.WARN)).hasSize(2);
            assertThat(outages.current()).contains("down again");
        }
    }
}
