package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class AckRunnerTest {

    private final ExecutorService workers = AckRunner.boundedPool(2, 4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AckRunner runner = new AckRunner(
            workers,
            timer,
            Duration.ofMillis(100),
            (how, elapsed) -> acknowledged.add(how + (elapsed.isNegative() ? "?" : "")));

    @AfterEach
    void stop() {
        workers.shutdownNow();
        timer.shutdownNow();
        MDC.clear();
    }

    @Test
    void run_carriesTheInteractionsLogContextToTheWorkerAndRecordsHowItWasAcknowledged() {
        List<String> seen = new CopyOnWriteArrayList<>();
        MDC.put("interaction", "42");
        runner.run(() -> MDC.get("interaction"), steps(seen));
        MDC.clear();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        assertThat(seen).containsExactly("answer 42");
        assertThat(acknowledged).containsExactly("answered");
    }

    @Test
    void run_slowWork_deferredWithContextThenAnsweredLate() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        MDC.put("interaction", "7");
        runner.run(
                () -> {
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return MDC.get("interaction");
                },
                steps(seen));
        MDC.clear();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("defer 7"));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("late 7"));
        assertThat(acknowledged).containsExactly("deferred");
    }

    @Test
    void run_interactionThatArrivedLate_deferredAtOnceInsteadOfAfterTheWholeWindow() {
        CountDownLatch release = new CountDownLatch(1);

        // Created 10 s ago: the whole 10 s quick window went by on the way here.
        List<String> seen =
                runBlocked(withWindow(Duration.ofSeconds(10)), Instant.now().minusSeconds(10), release);

        awaitDeferredThenAnsweredLate(seen, release);
        assertThat(acknowledged).containsExactly("deferred");
    }

    @Test
    void run_creationTimeAheadOfOurClock_windowNotLengthened() {
        CountDownLatch release = new CountDownLatch(1);

        // A clock a minute behind Discord's must not stretch the 100 ms window to a minute.
        List<String> seen = runBlocked(runner, Instant.now().plusSeconds(60), release);

        awaitDeferredThenAnsweredLate(seen, release);
    }

    @Test
    void run_interactionCreatedJustNow_keepsTheWholeWindowForAQuickAnswer() {
        CountDownLatch release = new CountDownLatch(1);

        List<String> seen = runBlocked(withWindow(Duration.ofSeconds(10)), Instant.now(), release);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("answer done"));
        assertThat(seen).containsExactly("answer done");
    }

    @Test
    void run_poolShutDownForAStop_answeredStoppingNotBusy() {
        workers.shutdown();
        List<String> seen = new CopyOnWriteArrayList<>();

        runner.run(() -> "never run", steps(seen));

        assertThat(seen).containsExactly("stopping");
        assertThat(acknowledged).containsExactly("stopping");
    }

    private AckRunner withWindow(Duration quickWindow) {
        return new AckRunner(workers, timer, quickWindow, (how, elapsed) -> acknowledged.add(how));
    }

    /** Runs work that waits for {@code release}; returns the steps taken so far, growing as they happen. */
    private static List<String> runBlocked(AckRunner on, Instant createdAt, CountDownLatch release) {
        List<String> seen = new CopyOnWriteArrayList<>();
        on.run(() -> blockUntil(release), steps(seen), Optional.of(createdAt));
        return seen;
    }

    private static void awaitDeferredThenAnsweredLate(List<String> seen, CountDownLatch release) {
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("defer null"));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("late done"));
    }

    private static String blockUntil(CountDownLatch release) {
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    private static AckRunner.Steps<String> steps(List<String> seen) {
        return new AckRunner.Steps<>() {
            @Override
            public void answer(String result) {
                seen.add("answer " + result);
            }

            @Override
            public void defer() {
                seen.add("defer " + MDC.get("interaction"));
            }

            @Override
            public void answerLate(String result) {
                seen.add("late " + result);
            }

            @Override
            public void busy() {
                seen.add("busy");
            }

            @Override
            public void stopping() {
                seen.add("stopping");
            }
        };
    }
}
