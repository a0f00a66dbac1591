package org.citebot.bench;

/**
 * How long and how hard the benchmark measures. Rounds run the whole query set; a run stops
 * starting new rounds once its time budget is spent but always completes at least one.
 *
 * @param seed fixes the corpus, the query orders and the Zipf stream
 * @param warmupRounds untimed rounds before timing, per setup, at the least
 * @param warmupMaxRounds untimed rounds at the most: past {@code warmupRounds}, warming goes on
 *     while the round medians still fall ({@link SteadyRounds})
 * @param warmupBudgetSeconds time after which no further warm-up round starts
 * @param timedRounds timed single-thread rounds (the four-thread run times as many rounds)
 * @param timedBudgetSeconds time after which no further timed round starts
 * @param concurrentThreads threads of the concurrent run
 * @param cachedRounds timed rounds of cache hits
 * @param zipfExponent s of the Zipf query stream
 * @param zipfLookups length of the Zipf query stream; it stops early after a minute once 1,500
 *     lookups are done
 * @param zipfCacheEntries maximum size of the cache the stream runs against
 * @param profileSeconds how long citebot's search is sampled for the stage profile (at least one round)
 * @param warmUpIndexPassages passages of the corpus each engine indexes twice, untimed, before timing
 * @param speedQueries how many of the topics (in file order) the speed measurements use; 0 for all
 *     (the quality figures always use all)
 */
public record BenchSettings(
        long seed,
        int warmupRounds,
        int warmupMaxRounds,
        double warmupBudgetSeconds,
        int timedRounds,
        double timedBudgetSeconds,
        int concurrentThreads,
        int cachedRounds,
        double zipfExponent,
        int zipfLookups,
        int zipfCacheEntries,
        double profileSeconds,
        int warmUpIndexPassages,
        int speedQueries) {

    /** The settings the published figures were measured with. */
    public static BenchSettings defaults() {
        return new BenchSettings(
                SciFactPassageCorpus.DEFAULT_SEED, 3, 20, 30, 3, 20, 4, 20, 1.0, 5_000, 100, 5, 3_000, 0);
    }

    /**
     * One round of everything and short budgets: proves the whole benchmark runs and reports every
     * figure (CI's smoke test), but its figures carry little weight.
     */
    public static BenchSettings quick() {
        return new BenchSettings(SciFactPassageCorpus.DEFAULT_SEED, 1, 1, 1, 1, 1, 4, 2, 1.0, 300, 20, 0.2, 500, 60);
    }

    public BenchSettings {
        if (warmupRounds < 1
                || warmupMaxRounds < warmupRounds
                || timedRounds < 1
                || concurrentThreads < 1
                || cachedRounds < 1
                || zipfLookups < 1
                || zipfCacheEntries < 1
                || !(zipfExponent > 0)
                || !(profileSeconds > 0)
                || warmUpIndexPassages < 1
                || speedQueries < 0) {
            throw new IllegalArgumentException("bench settings must be positive");
        }
    }
}
