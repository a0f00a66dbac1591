package org.citebot.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One search system as the benchmark drives it: it indexes a corpus into a folder, then opens that
 * folder to answer queries. Implemented by citebot itself and by the two baselines.
 */
interface BenchEngine {

    /** Short name used in reports: {@code citebot}, {@code lucene}, {@code fts5}... */
    String name();

    /** Indexes every passage of {@code corpus} into the empty folder {@code dir} and makes it durable. */
    void index(BenchCorpus corpus, Path dir) throws IOException;

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
