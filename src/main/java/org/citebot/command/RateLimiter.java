package org.citebot.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A per-user sliding-window limit on searches (default 5 per 10 seconds). Memory stays bounded:
 * a user's window is forgotten once it has been idle for a whole window.
 */
public final class RateLimiter {

    private final int permits;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> windows;
    private final Runnable onRefusal;

    public RateLimiter(int permits, Duration window, Clock clock, Ticker ticker) {
        this(permits, window, clock, ticker, () -> {});
    }

    /** @param onRefusal runs each time a search is refused, e.g. to count refusals */
    public RateLimiter(int permits, Duration window, Clock clock, Ticker ticker, Runnable onRefusal) {
        this.onRefusal = onRefusal;
        this.permits = permits;
        this.window = window;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(window)
                .maximumSize(100_000)
                .build();
    }

    /**
     * Takes a permit for {@code userId}, or says how long until one is free.
     *
     * @return empty when allowed; otherwise the wait before the next search is allowed
     */
    public Optional<Duration> tryAcquire(String userId) {
        Instant now = clock.instant();
        Deque<Instant> times = windows.get(userId, id -> new ArrayDeque<>());
        synchronized (times) {
            Instant cutoff = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
                times.pollFirst();
            }
            if (times.size() >= permits) {
                onRefusal.run();
                return Optional.of(Duration.between(cutoff, times.peekFirst()));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }
}
