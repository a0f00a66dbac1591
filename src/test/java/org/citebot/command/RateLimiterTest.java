package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final RateLimiter limiter =
            new RateLimiter(5, Duration.ofSeconds(10), clock, () -> now.get().toEpochMilli() * 1_000_000L);

    @Test
    void tryAcquire_fiveWithinWindow_allowedSixthToldWhenToRetry() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("u1")).isEmpty();
            now.set(now.get().plusSeconds(1));
        }

        assertThat(limiter.tryAcquire("u1")).contains(Duration.ofSeconds(5));
    }

    @Test
    void tryAcquire_windowSlides_allowsAgain() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("u1");
        }
        now.set(now.get().plusSeconds(10));

        assertThat(limiter.tryAcquire("u1")).isEmpty();
    }

    @Test
    void tryAcquire_otherUser_notAffected() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("u1");
        }

        assertThat(limiter.tryAcquire("u1")).isPresent();
        assertThat(limiter.tryAcquire("u2")).isEmpty();
    }
}
