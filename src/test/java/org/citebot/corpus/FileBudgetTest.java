package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FileBudgetTest {

    @Test
    void run_workThatIgnoresInterruptsAndNeverEnds_isAbandonedAndTheNextFileStillRuns() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        try (FileBudget budget = new FileBudget(Duration.ofMillis(300))) {
            FileBudget.Outcome<String> stuck = budget.run(() -> {
                started.countDown();
                // Like a regular expression on a hostile line: it never looks at the interrupt.
                while (!release.get()) {
                    Thread.onSpinWait();
                }
                return "never seen";
            });

            assertThat(started.getCount()).isZero();
            assertThat(stuck)
                    .isEqualTo(
                            new FileBudget.Exceeded<String>("took longer than the limit of 300 ms to read; skipped"));
            assertThat(budget.run(() -> "next file")).isEqualTo(new FileBudget.Done<>("next file"));
        } finally {
            release.set(true);
        }
    }

    @Test
    void run_workThatChecksForCancellation_stopsWhenInterrupted() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (FileBudget budget = new FileBudget(Duration.ofMillis(200))) {
            FileBudget.Outcome<String> outcome = budget.run(() -> {
                try {
                    while (true) {
                        Cancellation.check();
                    }
                } finally {
                    stopped.countDown();
                }
            });

            assertThat(outcome).isInstanceOf(FileBudget.Exceeded.class);
            assertThat(stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void run_stackOverflowOrOutOfMemory_skipsOnlyThatFile() throws Exception {
        try (FileBudget budget = new FileBudget(Duration.ofSeconds(30))) {
            assertThat(budget.run(FileBudgetTest::recurseForever))
                    .isEqualTo(new FileBudget.Exceeded<Integer>("too deeply nested to read (stack overflow); skipped"));
            assertThat(budget.run(() -> new long[Integer.MAX_VALUE - 8].length))
                    .isEqualTo(
                            new FileBudget.Exceeded<Integer>("needs more memory than citebot has to read it; skipped"));
            assertThat(budget.run(() -> 42)).isEqualTo(new FileBudget.Done<>(42));
        }
    }

    @Test
    void run_workThrowsABug_isThrownToTheCaller() {
        try (FileBudget budget = new FileBudget(Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> budget.run(() -> {
                        throw new IllegalStateException("a bug in a reader");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a bug in a reader");
        }
    }

    private static int recurseForever() {
        return recurseForever() + 1;
    }
}
