package org.citebot.discord.fake;

import java.time.Duration;

/**
 * A failure the fake REST server answers instead of the real route, armed with
 * {@link FakeDiscord#failNext(String, String, int, Fault)}.
 */
public sealed interface Fault {

    /** A per-route 429 with {@code Retry-After} (whole seconds), {@code Via}, rate-limit headers and JSON body. */
    static Fault rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    /** A plain server error with the given 5xx status (502/503/504 are retried by JDA with backoff). */
    static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a 5xx status: " + status);
        }
        return new ServerError(status);
    }

    /** See {@link #rateLimited(Duration)}. */
    record RateLimited(Duration retryAfter) implements Fault {}

    /** See {@link #serverError(int)}. */
    record ServerError(int status) implements Fault {}
}
