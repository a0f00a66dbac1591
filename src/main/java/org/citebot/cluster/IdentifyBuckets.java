package org.citebot.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Discord's identify budget, shared by every process that runs shards of the bot: a shard may
 * identify (log in to the gateway) only through bucket {@code shard % max_concurrency}, one
 * identify per bucket every five seconds, whichever process sends it. The Discord edge reserves a
 * slot here before each identify; the state database implements it, so processes on one
 * PostgreSQL never identify in the same bucket within the spacing.
 */
public interface IdentifyBuckets {

    /**
     * Reserves the bucket's next identify slot: the returned instant is when the caller may
     * identify (now, or later when the bucket was used less than {@code spacing} ago), and the next
     * reservation of the bucket is pushed {@code spacing} past it.
     */
    Instant reserve(int bucket, Duration spacing);
}
