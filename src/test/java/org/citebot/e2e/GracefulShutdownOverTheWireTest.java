package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.index.PassageIndex;
import org.citebot.testing.StoredState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping citebot while an interaction is still being worked on, in the order the {@code run}
 * command's shutdown hook uses ({@code DiscordFrontEnd.close()}, then {@code Citebot.close()}):
 * interactions arriving after the stop began are not taken but told at once, privately, that citebot
 * is shutting down, and the index and the database are
 * closed cleanly, so they open again without a lock error and pass SQLite's integrity check.
 *
 * <p>The slow interaction is an operator's {@code /reindex} that waits for the index's write lock,
 * which the test holds with an update of its own (as a corpus-watcher run would) until it lets go.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GracefulShutdownOverTheWireTest {

    @TempDir
    Path data;

    private FakeDiscord discord;
    private CitebotOnFakeDiscord app;
    private final CountDownLatch writerHolds = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private Thread writer;

    @AfterEach
    void tearDown() throws InterruptedException {
        releaseWriter.countDown();
        if (writer != null) {
            writer.join(10_000);
        }
        if (app != null) {
            app.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    void shutdownWithAnInteractionInFlight_newOnesToldToAskAgain_indexAndDatabaseCloseCleanly() throws Exception {
        InteractionHandle slow = startWithASlowReindexInFlight();

        Stopping stopping = stopInTheBackground();
        InteractionHandle late =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());
        JsonNode told = late.awaitResponseMessage();
        assertThat(slow.originalMessage().orElseThrow().path("content").asText())
                .as("the slow one is still working")
                .doesNotStartWith("Reindex finished");
        releaseWriter.countDown();
        stopping.awaitStopped();

        assertThat(told.path("content").asText())
                .isEqualTo("citebot is shutting down for a restart or an update. Please ask again in a minute.");
        assertThat(WireChecks.isPrivate(told)).isTrue();
        assertThat(late.awaitCallbackType())
                .as("answered at once, not deferred")
                .isEqualTo(4);
        assertThat(slow.isAcknowledged())
                .as("the slow interaction was deferred in time")
                .isTrue();
        StoredState.assertReopensCleanly(data);
    }

    @Test
    void shutdownWithAnInteractionInFlight_itStillGetsItsAnswer() throws Exception {
        InteractionHandle slow = startWithASlowReindexInFlight();

        Stopping stopping = stopInTheBackground();
        releaseWriter.countDown();

        assertThat(slow.awaitResponseMessage(
                                m -> m.path("content").asText().startsWith("Reindex finished"), Duration.ofSeconds(20))
                        .path("content")
                        .asText())
                .contains("nothing changed");
        stopping.awaitStopped();
        StoredState.assertReopensCleanly(data);
    }

    /** Starts citebot, holds the index's write lock and starts a /reindex that waits for it; returns once it is deferred. */
    private InteractionHandle startWithASlowReindexInFlight() throws InterruptedException {
        discord = FakeDiscord.start();
        // Only citebot's operators reindex; the moderator owns the bot's application.
        discord.application().ownedBy(discord.mod());
        app = CitebotOnFakeDiscord.start(discord, data, Map.of());
        PassageIndex index = app.citebot().engine().index();
        writer = new Thread(
                () -> {
                    try {
                        index.update(List.of(), (phase, done, total) -> {
                            writerHolds.countDown();
                            try {
                                releaseWriter.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            // Abort the test's own update: it is rolled back and the index stays as it was.
                            throw new IllegalStateException("the test's writer lets go");
                        });
                    } catch (java.io.IOException | IllegalStateException e) {
                        // Expected: the update was aborted on purpose.
                    }
                },
                "test-index-writer");
        writer.start();
        assertThat(writerHolds.await(10, TimeUnit.SECONDS)).isTrue();

        InteractionHandle slow = discord.slash("reindex").as(discord.mod());
        assertThat(slow.awaitCallback().path("type").asInt()).as("deferred").isEqualTo(5);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.citebot().reindex().running().isPresent());
        return slow;
    }

    /** The shutdown hook's work on its own thread, as the JVM runs it. */
    private Stopping stopInTheBackground() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stopper = new Thread(
                () -> {
                    try {
                        app.close();
                    } catch (RuntimeException | Error e) {
                        failure.set(e);
                    }
                },
                "test-shutdown-hook");
        stopper.start();
        // Stopping has begun once the hook waits (for the gateway to close or the pool to drain).
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stopper.getState() == Thread.State.TIMED_WAITING
                        || stopper.getState() == Thread.State.WAITING
                        || !stopper.isAlive());
        return new Stopping(stopper, failure);
    }

    private record Stopping(Thread thread, AtomicReference<Throwable> failure) {
        /** Waits for the stop to finish; an exception escaping any thread meanwhile (a dying worker) fails the wait. */
        void awaitStopped() {
            await("shutdown finished").atMost(Duration.ofSeconds(30)).until(() -> !thread.isAlive());
            assertThat(failure.get()).as("shutdown failure").isNull();
        }
    }
}
