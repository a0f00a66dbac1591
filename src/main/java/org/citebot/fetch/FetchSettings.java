package org.citebot.fetch;

import java.time.Duration;
import java.util.Set;

/**
 * The fetcher's limits, from the {@code sources.fetch.*} configuration keys.
 *
 * @param allowLoopback whether 127.0.0.0/8 and ::1 may be fetched (tests and local development only)
 * @param maxBytes the largest body accepted, after decompression
 * @param connectTimeout how long one connection may take to open
 * @param timeout how long a whole fetch may take, redirects and robots.txt included
 * @param allowedPorts the ports a URL may name; a URL without a port uses its scheme's (80 or 443)
 * @param userAgent the User-Agent header, which names citebot; its first word is the robots.txt token
 */
public record FetchSettings(
        boolean allowLoopback,
        long maxBytes,
        Duration connectTimeout,
        Duration timeout,
        Set<Integer> allowedPorts,
        String userAgent) {

    /** The product token robots.txt groups are matched against. */
    public static final String ROBOTS_TOKEN = "citebot";

    public FetchSettings {
        allowedPorts = Set.copyOf(allowedPorts);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
    }

    /** The defaults of the sample configuration: no loopback, 5 MiB, 5 s to connect, 20 s in all, ports 80 and 443. */
    public static FetchSettings defaults() {
        return new FetchSettings(
                false,
                5L * 1024 * 1024,
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Set.of(80, 443),
                "citebot/0.1 (article fetcher of a Discord community's reading list; honours robots.txt)");
    }

    /** These settings with loopback allowed or not. */
    public FetchSettings withAllowLoopback(boolean allow) {
        return new FetchSettings(allow, maxBytes, connectTimeout, timeout, allowedPorts, userAgent);
    }

    /** These settings with other ports allowed. */
    public FetchSettings withAllowedPorts(Set<Integer> ports) {
        return new FetchSettings(allowLoopback, maxBytes, connectTimeout, timeout, ports, userAgent);
    }

    /** These settings with another total time limit. */
    public FetchSettings withTimeout(Duration total) {
        return new FetchSettings(allowLoopback, maxBytes, connectTimeout, total, allowedPorts, userAgent);
    }
}
