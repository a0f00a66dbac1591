package org.citebot.discord.fake;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord snowflake ids for the fake: current-time timestamp bits plus a process-wide counter, so
 * every id is unique and JDA derives a fresh creation time from it (interaction hooks expire 15 min
 * after the id's timestamp).
 */
public final class Snowflakes {

    /** Discord's epoch, 2015-01-01T00:00:00Z, in epoch milliseconds. */
    public static final long DISCORD_EPOCH = 1420070400000L;

    private static final AtomicLong COUNTER = new AtomicLong();

    private Snowflakes() {}

    /** A new snowflake carrying the current time. */
    public static long next() {
        long increment = COUNTER.getAndIncrement() & 0x3FFFFF;
        return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | increment;
    }

    /** A new snowflake as the numeric string Discord puts on the wire. */
    public static String nextId() {
        return Long.toUnsignedString(next());
    }

    /**
     * A new snowflake whose timestamp puts it on {@code shard} of {@code total} ({@code (id >> 22) %
     * total == shard}), at most {@code total - 1} milliseconds before now.
     */
    public static String nextIdOnShard(int shard, int total) {
        long id = next();
        long millis = id >>> 22;
        long back = Math.floorMod(millis - shard, (long) total);
        return Long.toUnsignedString(((millis - back) << 22) | (id & 0x3FFFFF));
    }

    /** The creation time encoded in a snowflake. */
    public static Instant timeOf(String snowflake) {
        return Instant.ofEpochMilli((Long.parseUnsignedLong(snowflake) >>> 22) + DISCORD_EPOCH);
    }
}
