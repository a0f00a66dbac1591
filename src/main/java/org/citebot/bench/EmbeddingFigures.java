package org.citebot.bench;

/**
 * What embedding cost while citebot indexed a corpus in hybrid mode.
 *
 * @param embedded passages the model embedded (their text was not in the embedding cache)
 * @param reused passages whose vectors came from the cache
 * @param modelSeconds time spent in the model
 * @param passagesPerSecond passages the model embedded per second (0 when it embedded none)
 * @param questions embedding each benchmark question once, uncached: what a new question adds to a
 *     hybrid search before the vector lookup (the search rows reuse question vectors, as the bot
 *     does for a question asked again)
 */
public record EmbeddingFigures(
        long embedded, long reused, double modelSeconds, double passagesPerSecond, LatencyFigures questions) {

    static EmbeddingFigures of(long embedded, long reused, long modelNanos, LatencyFigures questions) {
        double seconds = modelNanos / 1e9;
        return new EmbeddingFigures(embedded, reused, seconds, embedded == 0 ? 0 : embedded / seconds, questions);
    }
}
