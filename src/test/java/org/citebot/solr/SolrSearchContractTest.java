package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.citebot.index.IndexSettings;
import org.citebot.index.TestCorpus;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchContract;
import org.citebot.search.SearchPipeline;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search contract on a real SolrCloud in the JVM (2 nodes, embedded ZooKeeper, 127.0.0.1 only):
 * the passages in a collection of 2 shards x 2 replicas behind an alias, searched through {@link
 * SolrSearchPort} by the same pipeline as the embedded index, with the same expectations.
 */
class SolrSearchContractTest extends SearchContract {

    private static final Logger log = LoggerFactory.getLogger(SolrSearchContractTest.class);
    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;

    @TempDir
    static Path folder;

    private SolrCloudCluster cluster;
    private ScheduledExecutorService polls;
    private final List<SolrConnection> connections = new ArrayList<>();
    private final List<SolrPassages> stores = new ArrayList<>();

    @Override
    protected PassageSearch searchOver(List<IndexedDocument> documents) throws Exception {
        polls = Executors.newSingleThreadScheduledExecutor();
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        log.info("SolrCloud of 2 nodes started in {} ms", cluster.startup().toMillis());
        return searchOver("search", documents, Optional.empty());
    }

    @Override
    protected PassageSearch hybridSearchOver(List<IndexedDocument> documents, PassageEmbedder embedder) {
        return searchOver("hybrid", documents, Optional.of(embedder));
    }

    /**
     * A lexical first page costs three requests: the candidates with their passages' stored fields,
     * the proximity rescoring of the window and the terms' statistics; no fourth for the passages
     * (four before they came with the candidates).
     */
    @Test
    void lexicalFirstPage_passagesComeWithTheCandidates_threeRequests() throws Exception {
        searchOver("requests", TestCorpus.all(), Optional.empty());
        // A connection of the search's own: the store's generation polls go through the other.
        SolrConnection searching = SolrConnection.open(cluster.settings("requests", SHARDS, REPLICAS));
        connections.add(searching);
        PassageSearch search = new SearchPipeline(
                new SolrSearchPort(searching, stores.get(stores.size() - 1), SearchSettings.defaults()),
                SearchSettings.defaults(),
                Optional.empty());
        search.search(SearchRequest.of("nuclear escalation in Europe", 5));

        SolrConnection.RequestTimes before = searching.requestTimes();
        SearchResults results = search.search(SearchRequest.of("nuclear escalation in Europe", 5));

        assertThat(results.hits())
                .hasSize(5)
                .allSatisfy(hit -> assertThat(hit.passage().text()).isNotBlank());
        assertThat(searching.requestTimes().since(before).requests()).isEqualTo(3);
    }

    private PassageSearch searchOver(
            String alias, List<IndexedDocument> documents, Optional<PassageEmbedder> embedder) {
        SolrConnection connection = SolrConnection.open(cluster.settings(alias, SHARDS, REPLICAS));
        connections.add(connection);
        SolrPassages passages = SolrPassages.open(
                connection,
                SolrConfigset.bundled(),
                IndexSettings.defaults(),
                Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC),
                embedder,
                polls);
        stores.add(passages);
        new SolrCollections(connection)
                .aliasTarget(alias)
                .ifPresent(collection -> cluster.waitForActive(collection, SHARDS, REPLICAS));
        passages.update(documents, IndexProgress.NONE);
        return new SearchPipeline(
                new SolrSearchPort(connection, passages, SearchSettings.defaults()),
                SearchSettings.defaults(),
                embedder.map(PassageEmbedder::model));
    }

    @AfterAll
    void stopCluster() throws Exception {
        stores.forEach(SolrPassages::close);
        connections.forEach(SolrConnection::close);
        if (polls != null) {
            polls.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
