package org.citebot.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.digest.DigestCorpus;
import org.citebot.digest.IndexDigestCorpus;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.Audience;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.search.SearchPipeline;
import org.citebot.search.SearchSettings;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.solr.SolrCorpusReads;
import org.citebot.solr.SolrHealth;
import org.citebot.solr.SolrPassages;
import org.citebot.solr.SolrSearchPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SolrCloud search backend ({@code search.backend: solr}): the passages behind the alias {@code
 * search.solr.collection}, searched by the same pipeline as the embedded index, updated from the
 * corpus folder by the same indexer. Any number of processes share it, so there is no owner record
 * and no lock to wait for. Opening contacts nothing: a bot whose Solr is down still starts, answers
 * members with the one notice, and reports why in {@link #unavailable()} until Solr answers and
 * {@link #ensureBuilt()}, tried again by the bot, succeeds.
 */
public final class SolrBackend implements SearchBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SolrBackend.class);
    /** How long closing waits for a generation poll under way. */
    private static final Duration POLL_STOP = Duration.ofSeconds(5);

    private final CitebotConfig config;
    private final SemanticModel semantic;
    private final ScheduledExecutorService polls;
    private final SolrConnection connection;
    private final SolrPassages passages;
    private final SearchPipeline search;
    private final SolrHealth health;
    private final SolrCorpusReads reads;
    /** Replaced once, before the first corpus run, when the store of added articles is known. */
    private volatile CorpusIndexer indexer;
    /** Why the passages cannot serve yet although Solr answers (not set up or built); empty once built. */
    private volatile Optional<String> notBuilt;

    private SolrBackend(
            CitebotConfig config,
            SemanticModel semantic,
            ScheduledExecutorService polls,
            SolrConnection connection,
            SolrPassages passages) {
        this.config = config;
        this.semantic = semantic;
        this.polls = polls;
        this.connection = connection;
        this.passages = passages;
        SearchSettings settings = SearchSettings.defaults();
        this.search =
                new SearchPipeline(new SolrSearchPort(connection, passages, settings), settings, semantic.model());
        this.health = new SolrHealth(connection, connection.settings().collection());
        this.reads = new SolrCorpusReads(connection);
        this.indexer = new CorpusIndexer(
                new CorpusReader(new CorpusOptions(
                        config.corpus().maxFileBytes(), config.corpus().fileTimeout())),
                new PassageSplitter(),
                passages);
        this.notBuilt =
                Optional.of("the Solr collection " + connection.settings().collection()
                        + " has not been checked yet (set up, and built from the corpus when empty)");
    }

    /**
     * The backend {@code config}'s {@code search.solr.*} keys describe, with the semantic model {@code
     * search.mode} asks for. Contacts nothing yet.
     */
    public static SolrBackend open(CitebotConfig config, Clock clock) {
        SemanticModel semantic = SemanticModel.open(config, true);
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "citebot-solr-generation");
            thread.setDaemon(true);
            return thread;
        });
        SolrConnection connection = null;
        try {
            connection = SolrConnection.open(config.search().solr());
            SolrPassages passages = SolrPassages.connect(
                    connection,
                    SolrConfigset.bundled(),
                    IndexSettings.defaults(),
                    clock,
                    semantic.passageEmbedder(),
                    polls);
            return new SolrBackend(config, semantic, polls, connection, passages);
        } catch (RuntimeException e) {
            polls.shutdownNow();
            if (connection != null) {
                connection.close();
            }
            semantic.close();
            throw e;
        }
    }

    /**
     * Sets up the alias when Solr lacks it, and builds the passages from the corpus when the
     * collection is empty or from an older schema, analysis or vector model, so a fresh install
     * answers at once. Another process may be doing the same: documents are keyed by id, so writing
     * them twice leaves one copy.
     *
     * @throws StoreUnavailableException when Solr does not answer; {@link #unavailable()} says so (as
     *     for any other failure) until a later call succeeds
     * @throws java.nio.file.NoSuchFileException when it must build and the corpus folder does not exist
     */
    @Override
    public Optional<CorpusIndexReport> ensureBuilt() throws IOException {
        String alias = connection.settings().collection();
        try {
            passages.prepare();
            notBuilt = Optional.of("the Solr collection " + alias + " is being checked or built from the corpus");
            Optional<CorpusIndexReport> report =
                    SearchBackends.buildWhenMissing(this, config.corpus().dir(), "the Solr alias " + alias);
            notBuilt = Optional.empty();
            return report;
        } catch (StoreUnavailableException e) {
            notBuilt = Optional.of("the Solr collection " + alias + " could not be set up or built: " + e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            // The corpus folder missing, say: not an outage, but the collection still cannot serve.
            notBuilt = Optional.of("the Solr collection " + alias + " could not be built: " + e);
            throw e;
        }
    }

    /**
     * Nothing to note: {@code citebot search}'s check for a corpus changed since the last run reads
     * the embedded index's folder, and on SolrCloud every process reads the same collection, whose
     * document records carry each file's stamp for the next run to compare.
     */
    @Override
    public void recordCorpusScan(Instant startedAt) {
        LOG.debug("Corpus scan of {} started at {} is in Solr", config.corpus().dir(), startedAt);
    }

    @Override
    public void includeAdded(AddedDocuments added) {
        indexer = indexer.including(added);
    }

    @Override
    public CorpusIndexer corpus() {
        return indexer;
    }

    @Override
    public SolrPassages store() {
        return passages;
    }

    @Override
    public SearchPipeline search() {
        return search;
    }

    @Override
    public SearchPipeline normalizer() {
        return search;
    }

    @Override
    public List<String> sharedSections() {
        return reads.sharedSections();
    }

    @Override
    public DigestCorpus digestCorpus(Function<String, Audience> audiences) {
        return new IndexDigestCorpus(reads, audiences);
    }

    /**
     * Why searches fail now: Solr out of reach (a cached probe, at most one request a second), or
     * the collection not yet set up or built from the corpus; empty once Solr answers and it is.
     */
    @Override
    public Optional<String> unavailable() {
        Optional<String> down = health.unavailable();
        return down.isPresent() ? down : notBuilt;
    }

    /** Stops the generation poll (letting a poll under way finish, so it is not taken for an outage), then the client. */
    @Override
    public void close() {
        try {
            passages.close();
            polls.shutdown();
            if (!polls.awaitTermination(POLL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                polls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            polls.shutdownNow();
        } finally {
            try {
                connection.close();
            } finally {
                semantic.close();
            }
        }
    }
}
