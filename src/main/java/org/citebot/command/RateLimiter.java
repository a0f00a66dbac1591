package org.citebot.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.citebot.search.BoundedCaches;

/**
 * A per-user sliding-window limit (default 5 per 10 seconds for searches). Memory stays bounded: a
 * user's window is forgotten once it has been idle for a whole window, and the windows held are
 * bounded by count and by bytes (each is a fixed array of {@code permits} times).
 */
public final class RateLimiter {

    /** Users whose windows are held at most. */
    static final int MAX_USERS = 100_000;
    /** Bytes the windows hold at most, by their fixed size. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final int permits;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;
    private final Runnable onRefusal;

    public RateLimiter(int permits, Duration window, Clock clock, Ticker ticker) {
        this(permits, window, clock, ticker, () -> {});
    }

    /** @param onRefusal runs each time a request is refused, e.g. to count refusals */
    public RateLimiter(int permits, Duration window, Clock clock, Ticker ticker, Runnable onRefusal) {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit needs at least one permit, got " + permits);
        }
        this.onRefusal = onRefusal;
        this.permits = permits;
        this.window = window;
        this.clock = clock;
        long windowBytes = 96 + 8L * permits;
        this.windows = BoundedCaches.<String, Window>builder(
                        MAX_USERS, MAX_BYTES, (user, times) -> BoundedCaches.string(user) + windowBytes)
                .ticker(ticker)
                .expireAfterAccess(window)
                .build();
    }

    /**
     * Takes a permit for {@code userId}, or says how long until one is free.
     *
     * @return empty when allowed; otherwise the wait before the next request is allowed
     */
    public Optional<Duration> tryAcquire(String userId) {
        long now = clock.millis();
        Window times = windows.get(userId, id -> new Window(permits));
        Optional<Duration> wait = times.tryAdd(now, window.toMillis());
        if (wait.isPresent()) {
            onRefusal.run();
        }
        return wait;
    }

    /** One user's permits taken within the window: a ring of the times they were taken, oldest first. */
    private static final class Window {
        private final long[] times;
        private int oldest;
        private int count;

        Window(int permits) {
            this.times = new long[permits];
        }

        synchronized Optional<Duration> tryAdd(long now, long windowMillis) {
            long cutoff = now - windowMillis;
            while (count > 0 && times[oldest] <= cutoff) {
                oldest = (oldest + 1) % times.length;
                count--;
            }
            if (count == times.length) {
                return Optional.of(Duration.ofMillis(times[oldest] - cutoff));
            }
            times[(oldest + count) % times.length] = now;
            count++;
            return Optional.empty();
        }
    }
}
