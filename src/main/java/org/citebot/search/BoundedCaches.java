package org.citebot.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.function.ToLongBiFunction;

/**
 * Caffeine builders bounded by an estimate of the bytes their entries hold as well as by their
 * count, for every cache whose entries members fill: answers, normalised questions, spelling
 * corrections, search sessions. A count alone let a flood of long questions or huge pages grow
 * the heap without limit.
 *
 * <p>Caffeine takes one bound, so the count is folded into the weight: every entry weighs at least
 * {@code maxBytes / maxEntries}, and the total weight is capped at {@code maxBytes}. Both bounds
 * then hold at once: never more than {@code maxEntries} entries, never more than {@code maxBytes}
 * estimated bytes. Small entries are counted as that floor, so a cache of tiny entries holds
 * exactly {@code maxEntries}.
 */
public final class BoundedCaches {

    /** The largest floor weight, so no entry weight overflows Caffeine's {@code int} weights. */
    private static final long MAX_FLOOR = 1L << 30;

    private BoundedCaches() {}

    /**
     * A builder holding at most {@code maxEntries} entries and at most {@code maxBytes} bytes as
     * {@code bytes} estimates them.
     *
     * @param bytes the heap an entry (key and value) holds, at least; see {@link #string(String)}
     */
    public static <K, V> Caffeine<K, V> builder(long maxEntries, long maxBytes, ToLongBiFunction<K, V> bytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "a bounded cache needs at least one entry and one byte, got " + maxEntries + " / " + maxBytes);
        }
        // Weights are counted in units of `unit` bytes, so the floor fits an int however far apart the
        // two bounds are (a benchmark may bound by count alone with maxBytes = Long.MAX_VALUE).
        long capacity = maxEntries > Long.MAX_VALUE / MAX_FLOOR ? Long.MAX_VALUE : maxEntries * MAX_FLOOR;
        long unit = Math.max(1, ceilDiv(maxBytes, capacity));
        long maxWeight = maxBytes / unit;
        long floor = Math.max(1, ceilDiv(maxWeight, maxEntries));
        return Caffeine.newBuilder().maximumWeight(maxWeight).weigher((K key, V value) -> {
            long weight = ceilDiv(Math.max(0, bytes.applyAsLong(key, value)), unit);
            return (int) Math.min(Integer.MAX_VALUE, Math.max(floor, weight));
        });
    }

    /** The heap a string holds at most: object header, array header, two bytes a character. */
    public static long string(String text) {
        return 56 + 2L * text.length();
    }

    /** The heap a list of strings holds at most. */
    public static long strings(Collection<String> texts) {
        long total = 16 + 8L * texts.size();
        for (String text : texts) {
            total += string(text);
        }
        return total;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
