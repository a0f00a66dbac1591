package org.citebot.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;

/**
 * A Caffeine cache in front of a {@link PassageSearch}. Questions typed differently but analysed the
 * same ("NATO  Summit?" and "nato summit") share an entry, and every key carries the index
 * generation, so a reindex can never serve passages of the old index. The normalized form of each
 * raw query is remembered too, so a question asked again in the same words skips the parser.
 *
 * <p>Both caches are bounded by count and by an estimate of their bytes ({@link BoundedCaches}):
 * answers take up to seven eighths of {@code maxBytes}, the remembered questions the rest, so
 * members asking thousands of long questions or paging through long passages cannot grow the heap
 * past {@code maxBytes}.
 */
public final class CachingPassageSearch implements PassageSearch {

    private final PassageSearch delegate;
    private final QueryNormalizer normalizer;
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
     * @param maximumSize answers kept at most (and questions remembered at most)
     * @param maxBytes estimated bytes both caches hold together at most
     */
    public CachingPassageSearch(
            PassageSearch delegate,
            QueryNormalizer normalizer,
            LongSupplier generation,
            long maximumSize,
            long maxBytes,
            Duration expireAfterWrite,
            Ticker ticker) {
        this.delegate = delegate;
        this.normalizer = normalizer;
        this.generation = generation;
        long questionBytes = Math.max(1, maxBytes / 8);
        this.cache = BoundedCaches.builder(
                        maximumSize, Math.max(1, maxBytes - questionBytes), CachingPassageSearch::bytes)
                .expireAfterWrite(expireAfterWrite)
                .ticker(ticker)
                .recordStats()
                .build();
        this.normalizedQueries = BoundedCaches.<String, String>builder(
                        maximumSize,
                        questionBytes,
                        (raw, normalized) -> 32 + BoundedCaches.string(raw) + BoundedCaches.string(normalized))
                .build();
    }

    /** What one cached answer is keyed by. */
    record Key(String normalizedQuery, SearchFilters filters, int offset, int limit, long generation) {}

    @Override
    public SearchResults search(SearchRequest request) {
        // A query that cannot run throws here each time and is remembered nowhere.
        Key key = new Key(
                normalizedQueries.get(request.query(), normalizer::normalize),
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

    /** What the caches hold after pending evictions: entries, and bytes by the estimate that bounds them. */
    record Held(long answers, long questions, long bytes) {}

    /** For tests of the bounds. */
    Held held() {
        cache.cleanUp();
        normalizedQueries.cleanUp();
        long bytes = 0;
        for (var entry : cache.asMap().entrySet()) {
            bytes += bytes(entry.getKey(), entry.getValue());
        }
        for (var entry : normalizedQueries.asMap().entrySet()) {
            bytes += 32 + BoundedCaches.string(entry.getKey()) + BoundedCaches.string(entry.getValue());
        }
        return new Held(cache.estimatedSize(), normalizedQueries.estimatedSize(), bytes);
    }

    /**
     * The heap one cached answer holds at least: its key, and every hit's passage text, snippet,
     * document metadata and deep link. URIs keep their text and its parsed parts, so they count
     * three times their length.
     */
    static long bytes(Key key, SearchResults results) {
        long total = 160
                + BoundedCaches.string(key.normalizedQuery())
                + filterBytes(key.filters())
                + BoundedCaches.string(results.normalizedQuery())
                + BoundedCaches.strings(results.didYouMean())
                + BoundedCaches.strings(results.closestTitles());
        for (SearchHit hit : results.hits()) {
            Passage passage = hit.passage();
            DocumentMetadata document = hit.document();
            total += 320
                    + BoundedCaches.string(passage.docId())
                    + BoundedCaches.string(passage.text())
                    + optional(passage.section())
                    + BoundedCaches.string(document.title())
                    + optional(document.author())
                    + optional(document.publisher())
                    + BoundedCaches.string(document.language())
                    + uri(document.url())
                    + BoundedCaches.string(hit.snippet().text())
                    + 24L * hit.snippet().highlights().size()
                    + uri(hit.link());
        }
        return total;
    }

    private static long filterBytes(SearchFilters filters) {
        return 64 + optional(filters.source()) + optional(filters.author());
    }

    private static long optional(Optional<String> text) {
        return text.map(BoundedCaches::string).orElse(0L);
    }

    private static long uri(Optional<URI> uri) {
        return uri.map(u -> 3 * BoundedCaches.string(u.toString())).orElse(0L);
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
                filters.to(),
                filters.audience());
    }
}
