package org.citebot.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.citebot.eval.beir.PassageEngine;
import org.citebot.index.IndexSettings;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchPipeline;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.solr.SolrPassages;
import org.citebot.solr.SolrSearchPort;
import org.citebot.solr.SolrSettings;

/**
 * {@code citebot eval --backend solr}: a test collection's passages rebuilt into their own alias on
 * the configured SolrCloud ({@code citebot-eval-<collection>}, never the alias the bot serves), with
 * the configured shards and replicas, and searched through the same pipeline as the bot's. The
 * alias is left in place with the last profile's passages; a later eval rebuilds it.
 */
final class SolrEvalEngine implements PassageEngine {

    /** The alias prefix of evaluation collections. */
    static final String ALIAS_PREFIX = "citebot-eval-";

    private final SolrSettings configured;
    private final Clock clock;

    SolrEvalEngine(SolrSettings configured, Clock clock) {
        this.configured = configured;
        this.clock = clock;
    }

    /** The alias a collection is evaluated in. */
    static String alias(String collection) {
        return ALIAS_PREFIX + collection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    @Override
    public String suffix() {
        return "-solr";
    }

    @Override
    public Stored store(
            String collection,
            List<IndexedDocument> documents,
            Path workDir,
            IndexSettings index,
            SearchSettings search,
            Optional<PassageEmbedder> embedder) {
        SolrConnection connection = SolrConnection.open(configured.withCollection(alias(collection)));
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-eval-solr-poll");
            thread.setDaemon(true);
            return thread;
        });
        SolrPassages passages;
        try {
            passages = SolrPassages.open(connection, SolrConfigset.bundled(), index, clock, embedder, polls);
            passages.rebuild(documents, IndexProgress.NONE);
        } catch (RuntimeException e) {
            polls.shutdownNow();
            connection.close();
            throw e;
        }
        PassageSearch searching = new SearchPipeline(
                new SolrSearchPort(connection, passages, search), search, embedder.map(PassageEmbedder::model));
        return new Stored() {
            @Override
            public PassageSearch search() {
                return searching;
            }

            @Override
            public void close() {
                passages.close();
                polls.shutdownNow();
                connection.close();
            }
        };
    }
}
