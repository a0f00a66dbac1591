package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Reply;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** What a member is told when a command fails, and what the log keeps of it. */
class ErrorBoundaryTest {

    private final List<Throwable> counted = new ArrayList<>();
    private final ErrorBoundary boundary = new ErrorBoundary(counted::add);

    @Test
    void guard_storeDown_theShortPrivateNotice_noReferenceNoErrorLogged() {
        try (LogCapture logs = LogCapture.attach()) {
            Reply reply = boundary.guard("search", () -> {
                throw new StoreUnavailableException("SolrCloud (ZooKeeper at zk1:2181) does not answer");
            });

            assertThat(reply.ephemeral()).isTrue();
            assertThat(reply.text().orElseThrow().text())
                    .isEqualTo("Search is unavailable right now; please try again in a minute.");
            assertThat(logs.lines(Level.WARN)).isEmpty();
            assertThat(counted)
                    .as("an outage is not counted as citebot's error")
                    .isEmpty();
        }
    }

    @Test
    void guard_storeDownWrappedByTheWayUp_stillTheNotice() {
        Reply reply = boundary.guard("search", () -> {
            throw new UncheckedIOException(
                    "reading the catalog", new IOException(new StoreUnavailableException("no live nodes")));
        });

        assertThat(reply.text().orElseThrow().text()).isEqualTo(StoreUnavailableException.NOTICE);
    }

    @Test
    void guard_anyOtherFailure_apologyWithAReferenceTheErrorLogShares() {
        try (LogCapture logs = LogCapture.attach()) {
            Reply reply = boundary.guard("search", () -> {
                throw new IllegalStateException("index closed");
            });

            String text = reply.text().orElseThrow().text();
            String reference = text.replaceAll("(?s).*\\(reference ([A-Z0-9]{8})\\).*", "$1");
            assertThat(reference).hasSize(8);
            assertThat(logs.lines(Level.ERROR))
                    .anySatisfy(line -> assertThat(line).contains("[ref " + reference + "]"));
            assertThat(counted).hasSize(1);
        }
    }
}
