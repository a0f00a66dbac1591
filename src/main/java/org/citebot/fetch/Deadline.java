package org.citebot.fetch;

import java.time.Duration;

/** The end of one fetch's time budget, shared by its redirects and its robots.txt. */
final class Deadline {

    private final long endNanos;
    private final Duration total;

    Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    /** Milliseconds left, at least 1 (a socket timeout of 0 would mean "forever"). */
    int remainingMillis() throws FetchRefusedException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw expired();
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, left));
    }

    void check() throws FetchRefusedException {
        remainingMillis();
    }

    FetchRefusedException expired() {
        return new FetchRefusedException("the site took longer than " + Sizes.duration(total) + " to answer");
    }
}
