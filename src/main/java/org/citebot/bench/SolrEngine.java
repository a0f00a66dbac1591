package org.citebot.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.citebot.index.IndexSettings;
import org.citebot.passages.IndexProgress;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchPipeline;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.citebot.solr.SolrCollections;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.solr.SolrPassages;
import org.citebot.solr.SolrSearchPort;
import org.citebot.solr.SolrSettings;
import org.citebot.solr.SolrUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot on SolrCloud, for the bench's Solr rows: the corpus written through {@link SolrPassages}
 * (the writes of citebot's Solr backend: batches of about 500 passages, one commit) into an alias
 * of the bench's own, and searched through the same {@link SearchPipeline} as the embedded index,
 * its {@link SolrSearchPort} sending three requests for most questions. The collection is made from
 * the bundled configset without Solr's query caches ({@link SolrConfigset#withoutSearchCaches()}), so
 * its latencies are uncached as the other rows' are. {@link #close()} deletes the alias, its
 * collections and that configset; nothing else on the cluster is touched.
 */
final class SolrEngine implements BenchEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrEngine.class);

    private final SolrSettings settings;
    private final SolrConfigset configset = SolrConfigset.bundled().withoutSearchCaches();
    private final Clock clock;
    private final ScheduledExecutorService polls;

    /** The connection and store of the next {@link #index}, made ready by {@link #prepare}. */
    private @Nullable Connected writer;

    private Optional<Path> indexed = Optional.empty();

    /**
     * @param cluster how to reach SolrCloud, and the shards and replicas of the bench's collection
     * @param alias the bench's own alias, which no one else uses ({@code citebot-bench-...})
     */
    SolrEngine(SolrSettings cluster, String alias, Clock clock) {
        this.settings = cluster.withCollection(alias);
        this.clock = clock;
        this.polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-bench-solr-poll");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * How many collections {@code cluster} holds: one request, which tells at once whether it can be
     * reached with these settings.
     *
     * @throws SolrUnavailableException when it cannot
     */
    static int collectionsAt(SolrSettings cluster) {
        try (SolrConnection connection = SolrConnection.open(cluster)) {
            return new SolrCollections(connection).collections().size();
        }
    }

    @Override
    public String name() {
        return SpeedBenchmark.SOLR;
    }

    /** The alias the bench's collections sit behind. */
    String alias() {
        return settings.collection();
    }

    /**
     * Empties the alias, untimed: what an earlier {@link #index} wrote is deleted, and a new, empty
     * collection is created from the configset, so the timed run writes into a collection that
     * exists, as the embedded engines write into an empty folder.
     */
    @Override
    public void prepare(Path dir) {
        closeWriter();
        indexed = Optional.empty();
        deleteAll();
        writer = connect();
    }

    /** A client of its own and the passages behind the bench's alias, as a citebot process opens them. */
    private Connected connect() {
        SolrConnection connection = SolrConnection.open(settings);
        try {
            return new Connected(
                    connection,
                    SolrPassages.open(connection, configset, IndexSettings.defaults(), clock, Optional.empty(), polls));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A connection and the passages opened over it, closed together. */
    private record Connected(SolrConnection connection, SolrPassages passages) {
        void close() {
            passages.close();
            connection.close();
        }
    }

    /** Writes every document as one update of citebot's Solr store; prepares the alias first if needed. */
    @Override
    public void index(BenchCorpus corpus, Path dir) {
        if (writer == null) {
            prepare(dir);
        }
        SolrPassages store = Objects.requireNonNull(writer).passages();
        try {
            store.update(corpus.documents(), IndexProgress.NONE);
        } finally {
            closeWriter();
        }
        indexed = Optional.of(dir);
    }

    /** What Solr reports: the alias holds one index, not a folder here. */
    @Override
    public long indexBytes(Path dir) {
        return INDEX_BYTES_UNKNOWN;
    }

    /** Solr warms up by rounds alone: on a loaded machine its rounds still got faster after the budget. */
    @Override
    public boolean warmUpWithinBudget() {
        return false;
    }

    /**
     * Connects as a citebot process would (a client of its own, the store's set-up check, the search
     * pipeline) to what the last {@link #index} wrote, which must have been given {@code dir}.
     */
    @Override
    public OpenedSearch open(Path dir) {
        if (!indexed.equals(Optional.of(dir))) {
            throw new IllegalStateException("the Solr alias " + alias() + " holds "
                    + indexed.map(Path::toString).orElse("nothing") + ", not the index of " + dir);
        }
        Connected opened = connect();
        SolrConnection connection = opened.connection();
        SearchSettings search = SearchSettings.defaults();
        PassageSearch pipeline =
                new SearchPipeline(new SolrSearchPort(connection, opened.passages(), search), search, Optional.empty());
        LongAdder searches = new LongAdder();
        SolrConnection.RequestTimes before = connection.requestTimes();
        QuerySession session = query -> {
            searches.increment();
            return search(pipeline, query);
        };
        return new OpenedSearch() {
            @Override
            public QuerySession session() {
                return session;
            }

            @Override
            public void close() {
                logRequests(searches.sum(), connection.requestTimes().since(before));
                opened.close();
            }
        };
    }

    /**
     * Where a search's time on Solr goes, over every search of an opening (warm-up included): how
     * many requests a search makes, and how much of their round trips is Solr's own work.
     */
    private static void logRequests(long searches, SolrConnection.RequestTimes times) {
        if (searches == 0 || times.requests() == 0) {
            return;
        }
        double roundTrips = times.roundTripNanos() / 1e6 / searches;
        double solrWork = (double) times.solrMillis() / searches;
        LOG.info(
                "solr: {} searches made {} requests each; a search's round trips took {} ms, of which Solr's"
                        + " own time (QTime, each rounded down to a millisecond) {} ms, the transport {} ms",
                searches,
                String.format(Locale.ROOT, "%.2f", (double) times.requests() / searches),
                String.format(Locale.ROOT, "%.2f", roundTrips),
                String.format(Locale.ROOT, "%.2f", solrWork),
                String.format(Locale.ROOT, "%.2f", roundTrips - solrWork));
    }

    /** One uncached search of the top 5, as a member's question runs on the Solr backend. */
    private static int search(PassageSearch pipeline, String query) {
        try {
            return pipeline.search(SearchRequest.of(query, CitebotEngine.RESULTS))
                    .hits()
                    .size();
        } catch (QueryException e) {
            return 0;
        }
    }

    /** Deletes the alias, its collections and the bench's configset; a failure is logged, not thrown. */
    @Override
    public void close() {
        closeWriter();
        try {
            deleteAll();
        } catch (SolrUnavailableException e) {
            LOG.warn(
                    "Could not delete the bench's Solr alias {} and its collections {}_g*; delete them by hand: {}",
                    alias(),
                    alias(),
                    e.getMessage());
        } finally {
            polls.shutdownNow();
        }
    }

    private void deleteAll() {
        try (SolrConnection connection = SolrConnection.open(settings)) {
            List<String> deleted = new SolrCollections(connection).deleteAliasAndCollections(alias(), configset.name());
            LOG.debug("bench alias {} emptied: {} deleted", alias(), deleted);
        }
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
