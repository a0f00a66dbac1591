package org.citebot.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DigestSchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-29T00:00:00Z"));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void failingRun_isLogged_andTheScheduleGoesOn() {
        AtomicInteger runs = new AtomicInteger();
        DigestScheduler scheduler = new DigestScheduler(
                new DigestScheduler.DueWork() {
                    @Override
                    public void runDue() {
                        if (runs.incrementAndGet() == 1) {
                            throw new IllegalStateException("database locked");
                        }
                    }

                    @Override
                    public Instant nextWakeUp(Instant now) {
                        return now; // as soon as allowed: the scheduler's minimum delay
                    }
                },
                executor,
                clock);

        scheduler.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
        scheduler.close();
    }

    @Test
    void nextRun_isTheWorksWakeUpMeasuredOnTheInjectedClock() {
        AtomicInteger runs = new AtomicInteger();
        Instant wakeUp = clock.instant().plus(Duration.ofHours(5));
        DigestScheduler scheduler = new DigestScheduler(
                new DigestScheduler.DueWork() {
                    @Override
                    public void runDue() {
                        runs.incrementAndGet();
                    }

                    @Override
                    public Instant nextWakeUp(Instant now) {
                        return wakeUp;
                    }
                },
                executor,
                clock);

        scheduler.start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runs.get() == 1 && scheduler.nextDelay().compareTo(Duration.ofHours(1)) > 0);

        assertThat(scheduler.nextDelay()).isBetween(Duration.ofHours(5).minusSeconds(5), Duration.ofHours(5));
        clock.advance(Duration.ofHours(2));
        scheduler.wakeUp();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runs.get() == 2 && scheduler.nextDelay().compareTo(Duration.ofHours(1)) > 0);
        assertThat(scheduler.nextDelay()).isBetween(Duration.ofHours(3).minusSeconds(5), Duration.ofHours(3));
        scheduler.close();
        assertThat(runs.get()).isEqualTo(2);
    }
}
