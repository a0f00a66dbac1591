package org.citebot.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One search system as the benchmark drives it: it indexes a corpus into a folder, then opens that
 * folder to answer queries. Implemented by citebot itself, by the two baselines and, for the Solr
 * rows, by citebot on SolrCloud, whose index is a collection rather than the folder.
 */
interface BenchEngine {

    /** Short name used in reports: {@code citebot}, {@code lucene}, {@code fts5}... */
    String name();

    /** What {@link #indexBytes} reports for an index that is not on this machine's disk. */
    long INDEX_BYTES_UNKNOWN = -1;

    /**
     * Readies the engine to index into the empty folder {@code dir}, untimed: nothing for an engine
     * that writes files; a server engine creates its empty collection.
     */
    default void prepare(Path dir) throws IOException {}

    /** Indexes every passage of {@code corpus} into the empty folder {@code dir} and makes it durable. */
    void index(BenchCorpus corpus, Path dir) throws IOException;

    /** The index's size on disk once {@link #index} returned; {@link #INDEX_BYTES_UNKNOWN} when not measured. */
    default long indexBytes(Path dir) throws IOException {
        return SpeedBenchmark.sizeOnDisk(dir);
    }

    /**
     * Whether the search warm-up stops starting rounds at {@link BenchSettings#warmupBudgetSeconds()}:
     * true for the engines in this JVM. A server engine warms up by rounds alone, until steady or
     * {@link BenchSettings#warmupMaxRounds()}: its own JVMs compile their request path only as requests
     * arrive, and its rounds are several times longer, so the budget would stop it still getting faster.
     */
    default boolean warmUpWithinBudget() {
        return true;
    }

    /** Opens the index in {@code dir} for searching. */
    OpenedSearch open(Path dir) throws IOException;

    /** An index open for searching; closing it releases the index. */
    interface OpenedSearch extends Closeable {

        /** A session for one searching thread (the same shared object where the engine is thread-safe). */
        QuerySession session() throws IOException;
    }

    /** Runs queries the way the engine's users would: top 5 with whatever the setup shows. */
    interface QuerySession extends Closeable {

        /** Runs {@code query}; returns how many hits came back (0 when it could not be run). */
        int search(String query) throws IOException;

        @Override
        default void close() throws IOException {}
    }
}
