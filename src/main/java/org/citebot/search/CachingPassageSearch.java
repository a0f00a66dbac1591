package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A Caffeine cache in front of a {@link PassageSearch}. Questions typed differently but analysed the
 * same ("NATO  Summit?" and "nato summit") share an entry, and every key carries the index
 * generation, so a reindex can never serve passages of the old index. The normalized form of each
 * raw query is remembered too, so a question asked again in the same words skips the parser.
 */
public final class CachingPassageSearch implements PassageSearch {

    private final PassageSearch delegate;
    private final Function<String, String> normalizer;
    private final LongSupplier generation;
    private final Cache<Key, SearchResults> cache;
    /**
     * Raw query → normalized query. Parsing and analysing took ~39 µs of a ~103 µs cache hit; the
     * mapping depends only on the normalizer, never on the index, so it needs no generation.
     */
    private final Cache<String, String> normalizedQueries;

    /**
     * @param normalizer the delegate's canonical form of a query (analysed terms, phrases,
     *     exclusions); throws {@link QueryException} for queries that cannot run
     * @param generation the generation of the index now serving
     */
    public CachingPassageSearch(
            PassageSearch delegate,
            Function<String, String> normalizer,
            LongSupplier generation,
            long maximumSize,
            Duration expireAfterWrite,
            Ticker ticker) {
        this.delegate = delegate;
        this.normalizer = normalizer;
        this.generation = generation;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite)
                .ticker(ticker)
                .recordStats()
                .build();
        this.normalizedQueries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** What one cached answer is keyed by. */
    record Key(String normalizedQuery, SearchFilters filters, int offset, int limit, long generation) {}

    @Override
    public SearchResults search(SearchRequest request) {
        // A query that cannot run throws here each time and is remembered nowhere.
        Key key = new Key(
                normalizedQueries.get(request.query(), normalizer),
                normalizeFilters(request.filters()),
                request.offset(),
                request.limit(),
                generation.getAsLong());
        return cache.get(key, k -> delegate.search(request));
    }

    /** Hit and miss counts, evictions and size, for /status and metrics. */
    public CacheStatistics statistics() {
        var stats = cache.stats();
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize());
    }

    /** Drops every entry (entries of older generations would expire unused anyway). */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    private static SearchFilters normalizeFilters(SearchFilters filters) {
        return new SearchFilters(
                filters.source().map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)),
                filters.author().map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)),
                filters.from(),
                filters.to());
    }
}
