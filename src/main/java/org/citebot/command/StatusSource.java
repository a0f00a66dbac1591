package org.citebot.command;

import java.util.Optional;
import org.citebot.index.IndexMetadata;

/**
 * What {@code /status} reports about the running services. The composition root implements it over
 * the index (and, once it exists, the search cache); a part that is not there yet stays empty.
 */
public interface StatusSource {

    /** The metadata of the index being searched, empty while none is open. */
    Optional<IndexMetadata> index();

    /** Hit and miss counts of the search cache, empty when there is no cache. */
    default Optional<CacheStatistics> cache() {
        return Optional.empty();
    }

    /** Lookups of the search cache since start. */
    record CacheStatistics(long hits, long misses) {

        public CacheStatistics {
            if (hits < 0 || misses < 0) {
                throw new IllegalArgumentException("counts must be >= 0: " + hits + ", " + misses);
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
}
