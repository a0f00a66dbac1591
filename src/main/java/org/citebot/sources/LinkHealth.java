package org.citebot.sources;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What the last link check found at an added article's URL, and what the next check sends: the
 * validators for a conditional request, the failures in a row that space out its retries, and when
 * it is due.
 *
 * @param status what the page was like at the last check
 * @param checkedAt when it was last checked; empty before the first check
 * @param detail a short reason for {@code UNREACHABLE} or {@code GONE} ("the site answered 404")
 * @param movedTo where a permanent redirect leads, for {@code MOVED}
 * @param etag the page's {@code ETag}, sent back as {@code If-None-Match}
 * @param lastModified the page's {@code Last-Modified}, sent back as {@code If-Modified-Since}
 * @param failures checks in a row that could not reach the page; each doubles the wait before the next
 * @param nextCheck when the article is next due; empty: at the next run
 * @param liveText for {@code CHANGED}: the article text the live page holds now, which passage links
 *     are checked against
 */
public record LinkHealth(
        Status status,
        Optional<Instant> checkedAt,
        Optional<String> detail,
        Optional<URI> movedTo,
        Optional<String> etag,
        Optional<String> lastModified,
        int failures,
        Optional<Instant> nextCheck,
        Optional<String> liveText) {

    /** What an article's link is like, as {@code /sources} marks it. */
    public enum Status {
        /** Not checked yet. */
        UNCHECKED("unchecked"),
        /** The page answers and its article is what was added. */
        ALIVE("alive"),
        /** The page moved for good (301 or 308) to {@link #movedTo}. */
        MOVED("moved"),
        /** The page is gone (404 or 410). */
        GONE("gone"),
        /** The page could not be reached (network, server errors, robots.txt). */
        UNREACHABLE("unreachable"),
        /** The page answers, but its article text differs from what was added. */
        CHANGED("changed");

        private final String key;

        Status(String key) {
            this.key = key;
        }

        /** The word stored and shown. */
        public String key() {
            return key;
        }

        /** Whether {@code /sources} marks it and the moderator log reports it. */
        public boolean isProblem() {
            return this != UNCHECKED && this != ALIVE;
        }

        /** The status a stored word names; {@code UNCHECKED} for an unknown one. */
        public static Status of(String key) {
            for (Status status : values()) {
                if (status.key.equals(key)) {
                    return status;
                }
            }
            return UNCHECKED;
        }
    }

    /** An article not checked yet. */
    public static final LinkHealth UNCHECKED = fresh(Status.UNCHECKED, Optional.empty());

    /** An article just fetched at {@code now}: alive, with nothing remembered from earlier checks. */
    public static LinkHealth alive(Instant now) {
        return fresh(Status.ALIVE, Optional.of(now));
    }

    private static LinkHealth fresh(Status status, Optional<Instant> checkedAt) {
        return new LinkHealth(
                status,
                checkedAt,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty());
    }
}
