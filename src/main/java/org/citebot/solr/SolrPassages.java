package org.citebot.solr;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.citebot.corpus.Passage;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
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
public final class SolrPassages implements PassageStore {

    private static final Logger LOG = LoggerFactory.getLogger(SolrPassages.class);

    private final SolrConnection connection;
    private final SolrCollections collections;
    private final SolrConfigset configset;
    private final String alias;
    private final IndexSettings settings;
    private final Clock clock;
    private final Optional<PassageEmbedder> embedder;
    private final SolrPassageStore serving;
    /** One writer at a time in this process, as the embedded index's update lock. */
    private final ReentrantLock updateLock = new ReentrantLock();

    private SolrPassages(
            SolrConnection connection,
            SolrConfigset configset,
            IndexSettings settings,
            Clock clock,
            Optional<PassageEmbedder> embedder) {
        this.connection = connection;
        this.collections = new SolrCollections(connection);
        this.configset = configset;
        this.alias = connection.settings().collection();
        this.settings = settings;
        this.clock = clock;
        this.embedder = embedder;
        this.serving = new SolrPassageStore(connection, alias, settings, clock);
    }

    /**
     * The passages behind the alias {@code search.solr.collection} names, which is set up first
     * (configset uploaded, first collection created) when it does not exist yet.
     *
     * @param embedder embeds the passages of every document written, for the vector leg; empty: none
     * @throws SolrUnavailableException when Solr cannot be reached or refuses
     */
    public static SolrPassages open(
            SolrConnection connection,
            SolrConfigset configset,
            IndexSettings settings,
            Clock clock,
            Optional<PassageEmbedder> embedder) {
        SolrCollections.SetupReport setup = new SolrCollections(connection).setup(configset);
        if (setup.created()) {
            LOG.info("Solr alias {} created over {}", setup.alias(), setup.collection());
        }
        return new SolrPassages(connection, configset, settings, clock, embedder);
    }

    /** The generation Solr reports for what serves: the collection behind the alias and its commit count. */
    public SolrGeneration generation() {
        return serving.generation();
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
        return new Changes(documents, List.of(), serving.indexedRecords(), needsRebuild(), false).plan();
    }

    @Override
    public UpdateReport update(List<IndexedDocument> documents, IndexProgress progress) {
        updateLock.lock();
        try {
            return write(documents, List.of(), needsRebuild(), false, progress);
        } finally {
            updateLock.unlock();
        }
    }

    @Override
    public UpdateReport rebuild(List<IndexedDocument> documents, IndexProgress progress) {
        updateLock.lock();
        try {
            return write(documents, List.of(), true, false, progress);
        } finally {
            updateLock.unlock();
        }
    }

    @Override
    public Optional<UpdateReport> tryPatch(List<IndexedDocument> documents, List<String> removals) {
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
        Changes changes = new Changes(documents, removals, serving.indexedRecords(), rebuild, partial);
        UpdatePlan plan = changes.plan();
        if (!plan.changesIndex()) {
            LOG.info("Solr passages unchanged: {} documents", plan.unchanged().size());
            return UpdateReport.of(plan, previous, System.nanoTime() - started);
        }
        List<IndexedDocument> toWrite = rebuild ? documents : changes.written();
        boolean wroteDocuments = !toWrite.isEmpty();
        IndexMetadata next = new IndexMetadata(
                IndexSchema.VERSION,
                IndexMetadata.corpusFingerprint(changes.heldAfter()),
                changes.heldAfter().size(),
                changes.passagesAfter(),
                clock.instant(),
                previous.generation() + 1,
                wroteDocuments || rebuild ? vectorModel() : previous.vectorModel());
        SolrGeneration generation;
        if (rebuild) {
            generation = rebuildInto(toWrite, next, progress);
        } else {
            writeAll(serving, toWrite, progress);
            serving.delete(plan.deleted());
            generation = serving.commit(next);
        }
        UpdateReport report = UpdateReport.of(plan, next, System.nanoTime() - started);
        LOG.info(
                "Solr passages {}: {}; {} documents, {} passages, generation {} ({}) in {} ms",
                rebuild ? "rebuilt" : partial ? "patched" : "updated",
                report.counts(),
                next.documents(),
                next.passages(),
                next.generation(),
                generation.key(),
                TimeUnit.NANOSECONDS.toMillis(report.tookNanos()));
        return report;
    }

    /**
     * Writes every document into a new collection from the bundled configset, commits it, then points
     * the alias at it: searches see the old collection until the swap and the new one after, never
     * neither. The collection the alias pointed at before stays for searches still running on it;
     * older ones of this alias are deleted.
     */
    private SolrGeneration rebuildInto(List<IndexedDocument> documents, IndexMetadata next, IndexProgress progress) {
        String configName = collections.upload(configset);
        String collection = collections.createNext(configName);
        SolrPassageStore fresh = new SolrPassageStore(connection, collection, settings, clock);
        try {
            writeAll(fresh, documents, progress);
            fresh.commit(next);
        } catch (RuntimeException e) {
            deleteQuietly(collection);
            throw e;
        }
        Optional<String> before = collections.pointAlias(alias, collection);
        Pattern ours = Pattern.compile(Pattern.quote(alias) + "_g\\d{1,9}");
        for (String old : collections.collections()) {
            if (ours.matcher(old).matches() && !old.equals(collection) && !before.equals(Optional.of(old))) {
                deleteQuietly(old);
            }
        }
        return new SolrGeneration(collection, next.generation(), Optional.of(next.builtAt()));
    }

    private void deleteQuietly(String collection) {
        try {
            collections.delete(collection);
        } catch (SolrUnavailableException e) {
            LOG.warn("Could not delete the Solr collection {}; delete it by hand: {}", collection, e.getMessage());
        }
    }

    private void writeAll(SolrPassageStore target, List<IndexedDocument> documents, IndexProgress progress) {
        progress.onProgress(IndexProgress.Phase.WRITING, 0, documents.size());
        int done = 0;
        for (IndexedDocument document : documents) {
            target.write(document, Optional.empty(), vectors(document));
            progress.onProgress(IndexProgress.Phase.WRITING, ++done, documents.size());
        }
    }

    /** The document's passage vectors, embedded as the embedded index embeds them; empty without an embedder. */
    private Optional<List<float[]>> vectors(IndexedDocument document) {
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

    /**
     * What an update does with the documents given, decided as the embedded index decides it: a
     * document the collection lacks is added, one whose indexed hash differs (or every one, in a
     * rebuild) is replaced, the rest are unchanged; indexed documents not given are deleted, except
     * articles added by URL in a corpus run and everything not named in a patch.
     */
    private static final class Changes {
        private final Map<String, SolrPassageDocuments.IndexedRecord> indexed;
        private final boolean rebuild;
        private final boolean partial;
        private final List<String> added = new ArrayList<>();
        private final List<String> replaced = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<IndexedDocument> written = new ArrayList<>();
        /** Every document given, by id, with its indexed hash, in the order given. */
        private final Map<String, String> hashes = new LinkedHashMap<>();

        private final Map<String, Integer> passages = new HashMap<>();

        Changes(
                List<IndexedDocument> documents,
                List<String> removals,
                Map<String, SolrPassageDocuments.IndexedRecord> indexed,
                boolean rebuild,
                boolean partial) {
            this.indexed = indexed;
            this.rebuild = rebuild;
            this.partial = partial;
            for (IndexedDocument document : documents) {
                String id = document.docId();
                String hash = PassageDocuments.indexedHash(document);
                if (hashes.putIfAbsent(id, hash) != null) {
                    throw new IllegalArgumentException("document id " + id + " is listed twice");
                }
                passages.put(id, document.passages().size());
                SolrPassageDocuments.IndexedRecord old = indexed.get(id);
                if (old == null) {
                    added.add(id);
                    written.add(document);
                } else if (rebuild || !old.indexedHash().equals(hash)) {
                    replaced.add(id);
                    written.add(document);
                } else {
                    unchanged.add(id);
                }
            }
            for (String id : removals) {
                if (indexed.containsKey(id) && !hashes.containsKey(id) && !removed.contains(id)) {
                    removed.add(id);
                }
            }
        }

        UpdatePlan plan() {
            List<String> deleted = new ArrayList<>(removed);
            for (String id : new TreeMap<>(indexed).keySet()) {
                if (!given(id) && !carried(id)) {
                    deleted.add(id);
                }
            }
            return new UpdatePlan(added, replaced, unchanged, deleted, rebuild);
        }

        List<IndexedDocument> written() {
            return written;
        }

        /** The indexed hashes of everything the store holds after the update, by document id. */
        Map<String, String> heldAfter() {
            Map<String, String> all = new HashMap<>(hashes);
            indexed.forEach((id, record) -> {
                if (!given(id) && carried(id)) {
                    all.put(id, record.indexedHash());
                }
            });
            return all;
        }

        int passagesAfter() {
            int all = passages.values().stream().mapToInt(Integer::intValue).sum();
            for (Map.Entry<String, SolrPassageDocuments.IndexedRecord> entry : indexed.entrySet()) {
                if (!given(entry.getKey()) && carried(entry.getKey())) {
                    all += entry.getValue().passages();
                }
            }
            return all;
        }

        private boolean given(String id) {
            return hashes.containsKey(id) || removed.contains(id);
        }

        private boolean carried(String id) {
            return !rebuild && (partial || indexed.get(id).origin().added());
        }
    }
}
