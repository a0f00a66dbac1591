package org.citebot.bench;

/**
 * The answer cache ({@code CachingPassageSearch}) in front of citebot's search: the latency of a
 * lookup that hits, and the hit ratio of a bounded cache under a Zipf-distributed query stream.
 *
 * @param hitLookups lookups of queries already cached (a cache big enough for every query):
 *     normalizing the query, building the key and the Caffeine lookup
 * @param normalizeOnly the same queries through the search service's {@code normalize} alone (parse
 *     and analyze): the part of a hit that builds the cache key
 * @param zipfCacheEntries the cache's maximum size for the Zipf stream
 * @param zipfExponent s of the Zipf distribution over the query set (rank r drawn with weight 1/r^s)
 * @param zipfDistinctQueries how many different queries the stream draws from
 * @param zipfLookups length of the stream, starting from an empty cache (shorter than asked when
 *     the stream ran out of its time budget on a slow corpus)
 * @param zipfHitRatio share of the stream's lookups answered from the cache
 * @param zipfStream latencies seen by the stream's callers, hits and misses together
 */
public record CacheFigures(
        LatencyFigures hitLookups,
        LatencyFigures normalizeOnly,
        int zipfCacheEntries,
        double zipfExponent,
        int zipfDistinctQueries,
        int zipfLookups,
        double zipfHitRatio,
        LatencyFigures zipfStream) {}
