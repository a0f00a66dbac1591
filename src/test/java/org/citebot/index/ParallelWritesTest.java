package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelWritesTest {

    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        caller.shutdownNow();
    }

    private ParallelWrites.Write blocked(AtomicInteger started) {
        return () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void submit_whileThreadsPlusOneWritesArePending_waitsForOneToEnd() throws Exception {
        AtomicInteger started = new AtomicInteger();
        try (ParallelWrites writes = new ParallelWrites(2)) {
            for (int i = 0; i < 3; i++) {
                writes.submit(blocked(started), () -> false);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);

            Future<?> fourth = caller.submit(() -> {
                writes.submit(() -> {}, () -> false);
                return null;
            });

            assertThatThrownBy(() -> fourth.get(300, TimeUnit.MILLISECONDS))
                    .as("a fourth document waits while three are handed over")
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            release.countDown();
            fourth.get(10, TimeUnit.SECONDS);
            writes.awaitAll(() -> false);
            assertThat(started).hasValue(3);
        }
    }

    @Test
    void failure_onAWritingThread_isThrownAtTheNextCallAndLaterWritesDoNotRun() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (ParallelWrites writes = new ParallelWrites(2)) {
            writes.submit(
                    () -> {
                        throw new IOException("disk full while writing document 1");
                    },
                    () -> false);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThatThrownBy(() -> writes.submit(() -> ran.add("later"), () -> false))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("disk full"));
            assertThatThrownBy(() -> writes.awaitAll(() -> false)).hasMessageContaining("disk full");
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void submit_stoppedWhileWaitingForRoom_givesUpWithCancellation() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        try (ParallelWrites writes = new ParallelWrites(2)) {
            for (int i = 0; i < 3; i++) {
                writes.submit(blocked(started), stopped::get);
            }
            Future<?> waiting = caller.submit(() -> {
                writes.submit(() -> {}, stopped::get);
                return null;
            });
            stopped.set(true);

            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
            release.countDown();
        }
    }

    @Test
    void oneThread_writesOnTheCallersThreadInOrder() throws IOException {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ParallelWrites writes = new ParallelWrites(1)) {
            writes.submit(() -> threads.add(Thread.currentThread().getName()), () -> false);
            writes.awaitAll(() -> false);
        }
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
