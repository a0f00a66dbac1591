package org.citebot.solr;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusUpdate;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One corpus run's update of {@link SolrPassages}, fed one document at a time by the corpus indexer
 * as the embedded index's update is: new and changed documents are written in batches ({@link
 * SolrWriteBatch}), and {@link #commit} deletes the unlisted and commits once with the metadata
 * document. A full run (or one the collection's schema forces) writes into a new collection and
 * swaps the alias at its commit.
 *
 * <p>SolrCloud has no rollback. A rebuild that ends without its commit deletes its new collection,
 * so the old one keeps serving, untouched. An incremental run that ends without its commit leaves the
 * batches it already sent pending in the serving collection: nothing of them is searchable until the
 * next commit of that collection (the next run's, or an added article's patch), which then shows each
 * of those documents whole in its new version, never a mix; documents it would have deleted stay. The
 * metadata document's counts and fingerprint catch up at the next corpus run, which compares with
 * what is committed and writes those documents again.
 */
final class SolrCorpusUpdate implements CorpusUpdate {

    private static final Logger LOG = LoggerFactory.getLogger(SolrCorpusUpdate.class);

    private final SolrPassages passages;
    private final boolean writing;
    private final CommitGuard guard;
    private final IndexMetadata previous;
    private final UpdateLedger ledger;
    /** Where documents go: the serving collection, or a rebuild's new one; null for a preview. */
    private final @Nullable SolrPassageStore target;

    private final @Nullable SolrWriteBatch batch;
    private final Runnable release;
    private final long started = System.nanoTime();
    private boolean wroteDocuments;
    private boolean finished;
    private boolean committed;

    /**
     * @param target the store written to, or null for a preview
     * @param release run once when the update closes: releases the store's update lock
     */
    SolrCorpusUpdate(
            SolrPassages passages,
            @Nullable SolrPassageStore target,
            CommitGuard guard,
            IndexMetadata previous,
            UpdateLedger ledger,
            Runnable release) {
        this.passages = passages;
        this.writing = target != null;
        this.target = target;
        this.batch = target == null ? null : new SolrWriteBatch(target);
        this.guard = guard;
        this.previous = previous;
        this.ledger = ledger;
        this.release = release;
    }

    @Override
    public boolean rebuild() {
        return ledger.rebuild();
    }

    @Override
    public Optional<IndexedFile> indexed(String docId) {
        return ledger.indexed(docId);
    }

    @Override
    public void put(IndexedDocument document, Optional<FileStamp> stamp, IndexProgress progress) {
        checkOpen();
        boolean write = ledger.put(
                document.docId(),
                PassageDocuments.indexedHash(document),
                document.passages().size());
        if (write && batch != null) {
            wroteDocuments = true;
            batch.add(document, stamp, passages.vectors(document));
        }
    }

    @Override
    public void keep(String docId) {
        checkOpen();
        ledger.keep(docId);
    }

    @Override
    public void remove(String docId) {
        checkOpen();
        ledger.remove(docId);
    }

    @Override
    public boolean given(String docId) {
        return ledger.given(docId);
    }

    @Override
    public Map<String, IndexedFile> indexedAdded() {
        return ledger.indexedAdded();
    }

    @Override
    public int documents() {
        return ledger.documents();
    }

    @Override
    public int passages() {
        return ledger.passages();
    }

    @Override
    public UpdatePlan plan() {
        return ledger.plan();
    }

    @Override
    public UpdateReport commit() {
        checkOpen();
        if (target == null || batch == null) {
            throw new IllegalStateException("a preview never commits");
        }
        UpdatePlan plan = ledger.plan();
        if (!plan.changesIndex()) {
            finished = true;
            LOG.info("Solr passages unchanged: {} documents", plan.unchanged().size());
            return UpdateReport.of(plan, previous, System.nanoTime() - started);
        }
        batch.flush();
        if (!ledger.rebuild()) {
            target.delete(plan.deleted());
        }
        IndexMetadata next = passages.nextMetadata(previous, ledger, wroteDocuments);
        if (!guard.enterCommit()) {
            throw new CancellationException("the reindex was stopped before its commit");
        }
        finished = true;
        target.commit(next);
        SolrGeneration generation = ledger.rebuild() ? passages.swapTo(target.target(), next) : passages.generation();
        committed = true;
        passages.published(next.generation());
        return SolrPassages.committed(ledger.rebuild() ? "rebuilt" : "updated", plan, next, generation, started);
    }

    /** Releases the store; a rebuild that did not swap deletes its new collection. */
    @Override
    public void close() {
        finished = true;
        try {
            if (writing && ledger.rebuild() && !committed && target != null) {
                LOG.warn("Solr rebuild ended without its commit; generation {} keeps serving", previous.generation());
                passages.deleteQuietly(target.target());
            }
        } finally {
            release.run();
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this Solr update is finished");
        }
        if (guard.abandoned()) {
            throw new CancellationException("the reindex was stopped");
        }
    }
}
