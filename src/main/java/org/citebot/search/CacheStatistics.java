package org.citebot.search;

/**
 * A snapshot of the search cache's counters since start: lookups answered from the cache, lookups
 * that ran a search, entries evicted for size or age, and entries held now. Shown by {@code /status}.
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {

    public CacheStatistics {
        if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public long lookups() {
        return hits + misses;
    }

    /** Share of lookups answered from the cache, 0 when there were none. */
    public double hitRate() {
        return lookups() == 0 ? 0 : (double) hits / lookups();
    }
}
