package org.citebot.bench;

/**
 * How fast an engine indexed one corpus and how much disk the result takes.
 *
 * @param seconds from an empty index to a durable commit (or SQLite transaction)
 * @param passagesPerSecond passages indexed per second
 * @param megabytesPerSecond MB (10^6 bytes) of UTF-8 passage text indexed per second
 * @param indexBytes the index's files on disk after closing; -1 ({@link BenchEngine#INDEX_BYTES_UNKNOWN})
 *     for Solr, whose index is on the cluster's machines
 */
public record IndexingFigures(double seconds, double passagesPerSecond, double megabytesPerSecond, long indexBytes) {

    static IndexingFigures of(BenchCorpus corpus, long nanos, long indexBytes) {
        double seconds = nanos / 1e9;
        return new IndexingFigures(
                seconds, corpus.passages() / seconds, corpus.textBytes() / 1e6 / seconds, indexBytes);
    }
}
