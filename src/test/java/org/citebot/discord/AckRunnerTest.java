package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
        };
    }
}
