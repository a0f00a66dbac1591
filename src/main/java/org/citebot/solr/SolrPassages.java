package org.citebot.solr;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.citebot.corpus.Passage;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusUpdate;
import org.citebot.passages.CorpusUpdates;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.PassageStore;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.citebot.semantic.PassageEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's passages on SolrCloud, behind the same {@link PassageStore} contract as the embedded
 * index: an update writes only the documents whose indexed hash changed and deletes those no longer
 * listed, then commits once with the metadata document; a rebuild writes everything into a new
 * collection ({@code ALIAS_gN}) and swaps the alias to it in one step, so searches never see a half
 * built collection. The generation grows by one with every visible change, across collections too,
 * and is what Solr reports ({@link SolrGeneration}) and answer cache keys carry.
 *
 * <p>SolrCloud has no rollback: documents an update wrote before it failed stay pending until the
 * next commit. Each document is written whole (its old version deleted, then its passages and record
 * added), so a later commit shows either version of it, never a mix.
 */
public final class SolrPassages implements PassageStore, CorpusUpdates, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrPassages.class);

    private final SolrConnection connection;
    private final SolrCollections collections;
    private final SolrConfigset configset;
    private final String alias;
    private final IndexSettings settings;
    private final Clock clock;
    private final Optional<PassageEmbedder> embedder;
    private final SolrPassageStore serving;
    /** The generation answer cache keys carry, kept in memory: polled, and set after own commits. */
    private final SolrGenerationWatch watch;
    /** One writer at a time in this process, as the embedded index's update lock. */
    private final ReentrantLock updateLock = new ReentrantLock();
    /** Whether {@link #prepare()} found or made the alias; until then every read and write prepares first. */
    private volatile boolean prepared;

    private SolrPassages(
            SolrConnection connection,
            SolrConfigset configset,
            IndexSettings settings,
            Clock clock,
            Optional<PassageEmbedder> embedder,
            ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.collections = new SolrCollections(connection);
        this.configset = configset;
        this.alias = connection.settings().collection();
        this.settings = settings;
        this.clock = clock;
        this.embedder = embedder;
        this.serving = new SolrPassageStore(connection, alias, settings, clock);
        this.watch = new SolrGenerationWatch(
                () -> serving.generation().commits(),
                alias,
                scheduler,
                connection.settings().generationPoll());
    }

    /**
     * The passages behind the alias {@code search.solr.collection} names, which is set up first
     * (configset uploaded, first collection created) when it does not exist yet.
     *
     * @param embedder embeds the passages of every document written, for the vector leg; empty: none
     * @param scheduler polls the generation every {@code search.solr.generationPoll} until {@link #close()}
     * @throws SolrUnavailableException when Solr cannot be reached or refuses
     */
    public static SolrPassages open(
            SolrConnection connection,
            SolrConfigset configset,
            IndexSettings settings,
            Clock clock,
            Optional<PassageEmbedder> embedder,
            ScheduledExecutorService scheduler) {
        SolrPassages passages = connect(connection, configset, settings, clock, embedder, scheduler);
        try {
            passages.prepare();
        } catch (RuntimeException e) {
            passages.close();
            throw e;
        }
        return passages;
    }

    /**
     * The passages behind the alias {@code search.solr.collection}, set up later by {@link #prepare()}:
     * nothing fails when Solr is down, so a bot can start without it. Until Solr answers, every read
     * and write throws {@link SolrUnavailableException}, and the generation is unknown.
     *
     * @param embedder embeds the passages of every document written, for the vector leg; empty: none
     * @param scheduler polls the generation every {@code search.solr.generationPoll} until {@link #close()}
     */
    public static SolrPassages connect(
            SolrConnection connection,
            SolrConfigset configset,
            IndexSettings settings,
            Clock clock,
            Optional<PassageEmbedder> embedder,
            ScheduledExecutorService scheduler) {
        return new SolrPassages(connection, configset, settings, clock, embedder, scheduler);
    }

    /**
     * Makes the alias usable when it does not exist yet (configset uploaded, first collection created
     * and pointed at); running it again changes nothing. Every write of the passages (and {@link
     * #needsRebuild()}, which comes before one) does it first until it succeeded once, so {@code
     * citebot index} on a fresh SolrCloud needs no {@code citebot solr setup}; reads never do, so a
     * readiness probe creates nothing. One caller at a time in this process, so two threads never
     * create two collections; two processes setting up a fresh SolrCloud at the same moment still can
     * (the later alias wins), which {@code citebot solr setup} before starting them avoids.
     *
     * @throws SolrUnavailableException when Solr cannot be reached or refuses
     */
    public synchronized void prepare() {
        if (prepared) {
            return;
        }
        SolrCollections.SetupReport setup = collections.setup(configset);
        if (setup.created()) {
            LOG.info("Solr alias {} created over {}", setup.alias(), setup.collection());
        }
        prepared = true;
    }

    private void ensurePrepared() {
        if (!prepared) {
            prepare();
        }
    }

    /** The analysis and field weights the passages are written with, which searches analyze queries by. */
    public IndexSettings settings() {
        return settings;
    }

    /** The generation Solr reports for what serves: the collection behind the alias and its commit count. */
    public SolrGeneration generation() {
        return serving.generation();
    }

    /**
     * The generation kept in memory: no round trip per search. This process's own commits show at
     * once; another process's within {@code search.solr.generationPoll}; while Solr does not answer,
     * the last one read.
     */
    @Override
    public long servingGeneration() {
        return watch.current();
    }

    /** Makes this process's own commit of {@code generation} the one cache keys carry, at once. */
    void published(long generation) {
        watch.committed(generation);
    }

    /** Stops polling the generation; the connection stays open for its owner to close. */
    @Override
    public void close() {
        watch.close();
    }

    @Override
    public IndexMetadata metadata() {
        return serving.committed()
                .map(SolrPassageStore.Committed::metadata)
                .orElseGet(() -> new IndexMetadata(
                        IndexSchema.VERSION,
                        IndexMetadata.corpusFingerprint(Map.of()),
                        0,
                        0,
                        clock.instant(),
                        0,
                        vectorModel()));
    }

    @Override
    public boolean needsRebuild() {
        ensurePrepared();
        Optional<SolrPassageStore.Committed> committed = serving.committed();
        if (committed.isEmpty()) {
            return false;
        }
        SolrPassageStore.Committed found = committed.get();
        boolean vectorsMissing =
                embedder.isPresent() && !found.metadata().vectorModel().equals(vectorModel());
        return found.metadata().schemaVersion() != IndexSchema.VERSION
                || !settings.analyzerId().equals(found.analyzerId())
                || !settings.fieldWeightsId().equals(found.fieldWeightsId())
                || vectorsMissing;
    }

    @Override
    public List<DocumentSummary> documents() {
        return serving.summaries();
    }

    @Override
    public UpdatePlan preview(List<IndexedDocument> documents) {
        return ledger(documents, List.of(), needsRebuild(), false, new ArrayList<>())
                .plan();
    }

    /** The ledger of an update given {@code documents} whole; those to write are added to {@code toWrite}. */
    private UpdateLedger ledger(
            List<IndexedDocument> documents,
            List<String> removals,
            boolean rebuild,
            boolean partial,
            List<IndexedDocument> toWrite) {
        UpdateLedger ledger = new UpdateLedger(serving.indexedRecords(), rebuild, partial);
        for (IndexedDocument document : documents) {
            if (ledger.put(
                    document.docId(),
                    PassageDocuments.indexedHash(document),
                    document.passages().size())) {
                toWrite.add(document);
            }
        }
        for (String id : removals) {
            if (ledger.indexed(id).isPresent() && !ledger.given(id)) {
                ledger.remove(id);
            }
        }
        return ledger;
    }

    /** The metadata the commit of {@code changes} records, its generation one past {@code previous}. */
    IndexMetadata nextMetadata(IndexMetadata previous, UpdateLedger changes, boolean wroteDocuments) {
        Map<String, String> held = changes.heldAfter();
        return new IndexMetadata(
                IndexSchema.VERSION,
                IndexMetadata.corpusFingerprint(held),
                held.size(),
                changes.passagesAfter(),
                clock.instant(),
                previous.generation() + 1,
                // Passages written now carry vectors of this model, or none; untouched ones keep theirs.
                wroteDocuments || changes.rebuild() ? vectorModel() : previous.vectorModel());
    }

    @Override
    public UpdateReport update(List<IndexedDocument> documents, IndexProgress progress) {
        ensurePrepared();
        updateLock.lock();
        try {
            return write(documents, List.of(), needsRebuild(), false, progress);
        } finally {
            updateLock.unlock();
        }
    }

    @Override
    public UpdateReport rebuild(List<IndexedDocument> documents, IndexProgress progress) {
        ensurePrepared();
        updateLock.lock();
        try {
            return write(documents, List.of(), true, false, progress);
        } finally {
            updateLock.unlock();
        }
    }

    /**
     * Starts a corpus run's update, waiting for a running update of this process to end unless
     * {@code guard} is abandoned meanwhile. A rebuild (asked for, or forced by another schema,
     * analysis or vector model) writes into a new collection, swapped in at its commit.
     */
    @Override
    public CorpusUpdate startUpdate(boolean forceRebuild, CommitGuard guard) {
        ensurePrepared();
        guard.lock(updateLock, "an earlier Solr update");
        try {
            boolean rebuild = forceRebuild || needsRebuild();
            IndexMetadata previous = metadata();
            UpdateLedger ledger = new UpdateLedger(serving.indexedRecords(), rebuild, false);
            SolrPassageStore target = rebuild ? newCollection() : serving;
            return new SolrCorpusUpdate(this, target, guard, previous, ledger, updateLock::unlock);
        } catch (RuntimeException e) {
            updateLock.unlock();
            throw e;
        }
    }

    /** Starts a dry run against what serves: nothing is written, and it takes no lock. */
    @Override
    public CorpusUpdate startPreview() {
        UpdateLedger ledger = new UpdateLedger(serving.indexedRecords(), needsRebuild(), false);
        return new SolrCorpusUpdate(this, null, CommitGuard.none(), metadata(), ledger, () -> {});
    }

    @Override
    public Optional<UpdateReport> tryPatch(List<IndexedDocument> documents, List<String> removals) {
        ensurePrepared();
        if (!updateLock.tryLock()) {
            return Optional.empty();
        }
        try {
            if (needsRebuild()) {
                throw new IllegalStateException(
                        "the Solr collection must be rebuilt from the corpus first (it was written by another version)");
            }
            return Optional.of(write(documents, removals, false, true, IndexProgress.NONE));
        } finally {
            updateLock.unlock();
        }
    }

    private UpdateReport write(
            List<IndexedDocument> documents,
            List<String> removals,
            boolean rebuild,
            boolean partial,
            IndexProgress progress) {
        long started = System.nanoTime();
        IndexMetadata previous = metadata();
        List<IndexedDocument> toWrite = new ArrayList<>();
        UpdateLedger changes = ledger(documents, removals, rebuild, partial, toWrite);
        UpdatePlan plan = changes.plan();
        if (!plan.changesIndex()) {
            LOG.info("Solr passages unchanged: {} documents", plan.unchanged().size());
            return UpdateReport.of(plan, previous, System.nanoTime() - started);
        }
        IndexMetadata next = nextMetadata(previous, changes, !toWrite.isEmpty());
        SolrGeneration generation;
        if (rebuild) {
            generation = rebuildInto(toWrite, next, progress);
        } else {
            writeAll(serving, toWrite, progress);
            serving.delete(plan.deleted());
            generation = serving.commit(next);
        }
        published(next.generation());
        return committed(rebuild ? "rebuilt" : partial ? "patched" : "updated", plan, next, generation, started);
    }

    /** The report of a visible change, logged once: what it did, what serves now, how long it took. */
    static UpdateReport committed(
            String how, UpdatePlan plan, IndexMetadata next, SolrGeneration generation, long startedNanos) {
        UpdateReport report = UpdateReport.of(plan, next, System.nanoTime() - startedNanos);
        LOG.info(
                "Solr passages {}: {}; {} documents, {} passages, generation {} ({}) in {} ms",
                how,
                report.counts(),
                next.documents(),
                next.passages(),
                next.generation(),
                generation.key(),
                TimeUnit.NANOSECONDS.toMillis(report.tookNanos()));
        return report;
    }

    /**
     * Writes every document into a new collection and commits it, then swaps the alias to it ({@link
     * #swapTo}); a failure before the swap deletes the new collection and the old one keeps serving.
     */
    private SolrGeneration rebuildInto(List<IndexedDocument> documents, IndexMetadata next, IndexProgress progress) {
        SolrPassageStore fresh = newCollection();
        try {
            writeAll(fresh, documents, progress);
            fresh.commit(next);
        } catch (RuntimeException e) {
            deleteQuietly(fresh.target());
            throw e;
        }
        return swapTo(fresh.target(), next);
    }

    /** A new, empty collection of this alias ({@code ALIAS_gN}) from the bundled configset, not yet serving. */
    SolrPassageStore newCollection() {
        String configName = collections.upload(configset);
        return new SolrPassageStore(connection, collections.createNext(configName), settings, clock);
    }

    /**
     * Points the alias at {@code collection}, committed with {@code next}: searches see the old
     * collection until the swap and the new one after, never neither. The collection the alias
     * pointed at before stays for searches still running on it; older ones of this alias are deleted.
     */
    SolrGeneration swapTo(String collection, IndexMetadata next) {
        Optional<String> before = collections.pointAlias(alias, collection);
        Pattern ours = Pattern.compile(Pattern.quote(alias) + "_g\\d{1,9}");
        for (String old : collections.collections()) {
            if (ours.matcher(old).matches() && !old.equals(collection) && !before.equals(Optional.of(old))) {
                deleteQuietly(old);
            }
        }
        return new SolrGeneration(collection, next.generation(), Optional.of(next.builtAt()));
    }

    void deleteQuietly(String collection) {
        try {
            collections.delete(collection);
        } catch (SolrUnavailableException e) {
            LOG.warn("Could not delete the Solr collection {}; delete it by hand: {}", collection, e.getMessage());
        }
    }

    private void writeAll(SolrPassageStore target, List<IndexedDocument> documents, IndexProgress progress) {
        progress.onProgress(IndexProgress.Phase.WRITING, 0, documents.size());
        int done = 0;
        SolrWriteBatch batch = new SolrWriteBatch(target);
        for (IndexedDocument document : documents) {
            batch.add(document, Optional.empty(), vectors(document));
            progress.onProgress(IndexProgress.Phase.WRITING, ++done, documents.size());
        }
        batch.flush();
    }

    /** The document's passage vectors, embedded as the embedded index embeds them; empty without an embedder. */
    Optional<List<float[]>> vectors(IndexedDocument document) {
        if (embedder.isEmpty()) {
            return Optional.empty();
        }
        String title = document.document().metadata().title();
        List<String> texts = new ArrayList<>(document.passages().size());
        for (Passage passage : document.passages()) {
            texts.add(PassageEmbedder.passageText(title, passage.text()));
        }
        return Optional.of(embedder.get().vectors(texts));
    }

    private String vectorModel() {
        return embedder.map(e -> e.model().modelId()).orElse("");
    }
}
