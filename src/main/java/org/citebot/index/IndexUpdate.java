package org.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.AlreadyClosedException;
import org.citebot.corpus.Passage;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusUpdate;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.citebot.semantic.PassageEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One update of a {@link PassageIndex}, fed one document at a time so memory holds one document,
 * not the corpus: {@link #put} hands over a document read from its file, {@link #keep} passes over
 * one whose file is unchanged, {@link #remove} deletes one, and {@link #commit} deletes the corpus
 * files nobody mentioned and commits once. Articles added by URL are never deleted for not being
 * mentioned, only by {@link #remove}: a corpus run knows the corpus folder, not the store of added
 * articles. A partial update ({@link PassageIndex#patch}) deletes nothing it was not told to. Searchers only see that commit; closing the update without committing rolls back
 * whatever was written, and the previous commit keeps serving. A preview (a dry run) takes the same
 * calls, writes nothing and answers with the {@link #plan()}.
 *
 * <p>Not thread-safe: one thread feeds an update, holding the index's update lock until it closes.
 * The documents it hands over are embedded and written on the update's own writing threads ({@link
 * ParallelWrites}), a few at a time, while the feeding thread reads the next file.
 */
public final class IndexUpdate implements CorpusUpdate {

    private static final Logger LOG = LoggerFactory.getLogger(IndexUpdate.class);

    /**
     * Passages handed to the writing threads and not yet written, at most: a few hundred corpus
     * documents, a megabyte or two of text, so the threads keep working while the feeding thread
     * reads the next file or waits for a core. With three documents, as before, a shared machine
     * left both writing threads idle whenever it descheduled the feeding thread.
     */
    static final int PENDING_PASSAGES = 1024;

    /** Passages embedded between two progress reports (and two checks of the watchdog). */
    static final int EMBEDDING_SLICE = 32;

    private final PassageIndex index;
    private final boolean writing;
    private final boolean rebuild;
    /** Whether documents nobody mentioned stay as they are (an added article put or removed alone). */
    private final boolean partial;

    private final CommitGuard guard;
    private final IndexMetadata previous;
    private final Map<String, IndexedFile> indexed;
    private final long started = System.nanoTime();
    private final ParallelWrites writes;
    /** Every document of the corpus so far, by id, with its indexed hash, in the order given. */
    private final Map<String, String> hashes = new HashMap<>();
    /** Passages of every document given so far, by id. */
    private final Map<String, Integer> givenPassages = new HashMap<>();
    /** Indexed documents to delete, in the order given. */
    private final List<String> removed = new ArrayList<>();

    private final List<String> added = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();
    /** Whether a document was written: the commit then says which model its vectors came from. */
    private boolean wroteDocuments;

    private boolean dirty;
    /** Read by the writing threads, which stop embedding once the update is finished. */
    private volatile boolean finished;

    IndexUpdate(
            PassageIndex index,
            boolean writes,
            boolean rebuild,
            CommitGuard guard,
            IndexMetadata previous,
            Map<String, IndexedFile> indexed)
            throws IOException {
        this(index, writes, rebuild, false, guard, previous, indexed);
    }

    IndexUpdate(
            PassageIndex index,
            boolean writes,
            boolean rebuild,
            boolean partial,
            CommitGuard guard,
            IndexMetadata previous,
            Map<String, IndexedFile> indexed)
            throws IOException {
        if (partial && rebuild) {
            throw new IllegalArgumentException("a partial update cannot rebuild the index");
        }
        this.index = index;
        this.writing = writes;
        this.rebuild = rebuild;
        this.partial = partial;
        this.guard = guard;
        this.previous = previous;
        this.indexed = Map.copyOf(indexed);
        this.writes = new ParallelWrites(writes ? index.writerThreads() : 1, PENDING_PASSAGES);
        if (writes && rebuild) {
            dirty = true;
            index.writer().deleteAll();
        }
    }

    /** True when every document is rewritten (asked for, or the schema or analysis changed). */
    public boolean rebuild() {
        return rebuild;
    }

    /** What the index holds for {@code docId}; always empty in a rebuild, which reads every file. */
    public Optional<IndexedFile> indexed(String docId) {
        return rebuild ? Optional.empty() : Optional.ofNullable(indexed.get(docId));
    }

    /**
     * Adds a document, replaces its indexed version when anything indexed for it changed, or leaves
     * it when its indexed hash is unchanged.
     *
     * @param stamp the file's stamp, stored so the next run can pass over the file unread
     * @throws IllegalArgumentException when the id was already given in this update
     * @throws CancellationException when the run was abandoned by its watchdog
     */
    public void put(IndexedDocument document, Optional<FileStamp> stamp) throws IOException {
        put(document, stamp, IndexProgress.NONE);
    }

    /**
     * Like {@link #put(IndexedDocument, Optional)}, telling {@code progress} how many of the
     * document's passages are embedded while the index's embedder works on a new or changed one.
     */
    public void put(IndexedDocument document, Optional<FileStamp> stamp, IndexProgress progress) throws IOException {
        checkOpen();
        String id = document.docId();
        String hash = PassageDocuments.indexedHash(document);
        claim(id, hash, document.passages().size());
        IndexedFile old = indexed.get(id);
        boolean write;
        if (old == null) {
            added.add(id);
            write = true;
        } else if (rebuild || !old.indexedHash().equals(hash)) {
            replaced.add(id);
            write = true;
        } else {
            unchanged.add(id);
            write = false;
        }
        if (write && writing) {
            dirty = true;
            wroteDocuments = true;
            IndexWriter writer = index.writer();
            PassageDocuments builder = index.documentBuilder();
            IndexProgress heard = serialized(progress);
            // Nothing to replace when the last commit lacks the document or a rebuild emptied the
            // index: a delete term would only be buffered and looked up in every segment at flush.
            boolean replaces = old != null && !rebuild;
            writes.submit(
                    () -> {
                        Optional<List<float[]>> vectors = embed(document, heard);
                        Iterable<Document> block = builder.lazyDocuments(document, hash, stamp, vectors);
                        try {
                            if (replaces) {
                                writer.updateDocuments(new Term(IndexSchema.DOC_ID, id), block);
                            } else {
                                writer.addDocuments(block);
                            }
                        } catch (AlreadyClosedException closed) {
                            rethrowTragedy(writer, closed);
                        }
                    },
                    document.passages().size() + 1,
                    guard::abandoned);
        }
    }

    /**
     * Rethrows, for a write that found the writer closed, why it was closed: when another writing
     * thread's failure (a full disk) closed it, that failure, so the run reports "No space left on
     * device" whichever thread's exception is recorded first; otherwise the closing itself.
     */
    private static void rethrowTragedy(IndexWriter writer, AlreadyClosedException closed) throws IOException {
        Throwable tragedy = writer.getTragicException();
        if (tragedy instanceof IOException io) {
            throw io;
        }
        if (tragedy instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (tragedy instanceof Error error) {
            throw error;
        }
        throw closed;
    }

    /** Progress heard from the writing threads one call at a time, as listeners expect. */
    private IndexProgress serialized(IndexProgress progress) {
        return progress == IndexProgress.NONE
                ? progress
                : (phase, done, total) -> {
                    synchronized (this.writes) {
                        progress.onProgress(phase, done, total);
                    }
                };
    }

    /**
     * The vectors of the document's passages, in slices so a long document shows its progress and a
     * watchdog's stop is heard between slices; empty when the index has no embedder. Runs on a
     * writing thread, so the model embeds one document while another is analyzed and the next file read.
     */
    private Optional<List<float[]>> embed(IndexedDocument document, IndexProgress progress) {
        Optional<PassageEmbedder> embedder = index.embedder();
        if (embedder.isEmpty()) {
            return Optional.empty();
        }
        String title = document.document().metadata().title();
        List<Passage> all = document.passages();
        List<float[]> vectors = new ArrayList<>(all.size());
        progress.onProgress(IndexProgress.Phase.EMBEDDING, 0, all.size());
        for (int from = 0; from < all.size(); from += EMBEDDING_SLICE) {
            checkOpen();
            List<String> texts = new ArrayList<>();
            for (Passage passage : all.subList(from, Math.min(all.size(), from + EMBEDDING_SLICE))) {
                texts.add(PassageEmbedder.passageText(title, passage.text()));
            }
            vectors.addAll(embedder.get().vectors(texts));
            progress.onProgress(IndexProgress.Phase.EMBEDDING, vectors.size(), all.size());
        }
        return Optional.of(vectors);
    }

    /**
     * Passes over a document whose file is unchanged: it stays as indexed, without being read.
     *
     * @throws IllegalArgumentException when the index does not hold {@code docId}, in a rebuild, or
     *     when the id was already given in this update
     */
    public void keep(String docId) {
        checkOpen();
        IndexedFile old = indexed(docId)
                .orElseThrow(
                        () -> new IllegalArgumentException("document " + docId + " is not indexed; it must be read"));
        claim(docId, old.indexedHash(), old.passages());
        unchanged.add(docId);
    }

    /**
     * Deletes an indexed document, such as an added article its store no longer holds.
     *
     * @throws IllegalArgumentException when the index does not hold {@code docId}, or the id was
     *     already given in this update
     */
    public void remove(String docId) {
        checkOpen();
        if (!indexed.containsKey(docId)) {
            throw new IllegalArgumentException("document " + docId + " is not indexed");
        }
        if (hashes.containsKey(docId) || removed.contains(docId)) {
            throw new IllegalArgumentException("document id " + docId + " is listed twice");
        }
        removed.add(docId);
    }

    /** Whether {@code docId} was already put, kept or removed in this update. */
    public boolean given(String docId) {
        return hashes.containsKey(docId) || removed.contains(docId);
    }

    /** The indexed articles added by URL, by id, as the last commit holds them. */
    public Map<String, IndexedFile> indexedAdded() {
        Map<String, IndexedFile> added = new TreeMap<>();
        indexed.forEach((id, file) -> {
            if (file.origin().added()) {
                added.put(id, file);
            }
        });
        return added;
    }

    /** Documents given so far. */
    public int documents() {
        return hashes.size();
    }

    /** Passages of the documents given so far, kept ones included. */
    public int passages() {
        return givenPassages.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What this update does (or, for a preview, would do) with the documents given so far. */
    public UpdatePlan plan() {
        List<String> deleted = new ArrayList<>(removed);
        for (String id : new TreeMap<>(indexed).keySet()) {
            if (!given(id) && !carried(id)) {
                deleted.add(id);
            }
        }
        return new UpdatePlan(added, replaced, unchanged, deleted, rebuild);
    }

    /**
     * Whether an indexed document nobody mentioned stays: in a partial update every one does; in a
     * corpus run the articles added by URL do, unless the run rewrites the whole index.
     */
    private boolean carried(String id) {
        return !rebuild && (partial || indexed.get(id).origin().added());
    }

    /**
     * Deletes the indexed documents that were not given, commits with the new metadata, and makes
     * the commit visible to new searches. Commits nothing when nothing changed.
     *
     * @throws CancellationException when the run was abandoned by its watchdog; nothing is committed
     * @throws IllegalStateException for a preview, which never commits
     */
    public UpdateReport commit() throws IOException {
        checkOpen();
        if (!writing) {
            throw new IllegalStateException("a preview never commits");
        }
        writes.awaitAll(guard::abandoned);
        UpdatePlan plan = plan();
        finished = true;
        if (!plan.changesIndex()) {
            LOG.info("passage index unchanged: {} documents", plan.unchanged().size());
            return report(plan, previous);
        }
        for (String id : plan.deleted()) {
            index.writer().deleteDocuments(new Term(IndexSchema.DOC_ID, id));
        }
        flushOnWritingThreads();
        // What the commit holds: the documents given, and those carried over untouched.
        Map<String, String> all = new HashMap<>(hashes);
        int allPassages = passages();
        for (Map.Entry<String, IndexedFile> entry : indexed.entrySet()) {
            if (!given(entry.getKey()) && carried(entry.getKey())) {
                all.put(entry.getKey(), entry.getValue().indexedHash());
                allPassages += entry.getValue().passages();
            }
        }
        IndexMetadata next = new IndexMetadata(
                IndexSchema.VERSION,
                PassageIndex.corpusFingerprint(all),
                all.size(),
                allPassages,
                index.clock().instant(),
                previous.generation() + 1,
                // Passages written now carry vectors of the index's model, or none; untouched ones keep theirs.
                wroteDocuments || rebuild ? index.vectorModel() : previous.vectorModel());
        if (!guard.enterCommit()) {
            throw new CancellationException("the reindex was stopped before its commit");
        }
        index.commit(next);
        // The commit is durable from here on: a failed refresh must not roll it back (there is
        // nothing left to roll back); searches keep the previous commit until a refresh succeeds.
        dirty = false;
        index.refresh();
        long took = System.nanoTime() - started;
        LOG.info(
                "passage index {}: {} added, {} replaced, {} unchanged, {} deleted; {} documents, {} passages, generation {} in {} ms",
                rebuild ? "rebuilt" : partial ? "patched" : "updated",
                plan.added().size(),
                plan.replaced().size(),
                plan.unchanged().size(),
                plan.deleted().size(),
                next.documents(),
                next.passages(),
                next.generation(),
                TimeUnit.NANOSECONDS.toMillis(took));
        return report(plan, next);
    }

    /**
     * Writes the buffered segments to disk on every writing thread at once. The commit would flush
     * them all on the calling thread, one after the other, while the other core waits: with a RAM
     * buffer of a sixteenth of the heap that last flush is a fifth of a corpus run's work. Each
     * thread takes the largest buffer nobody flushes yet until none is left.
     */
    private void flushOnWritingThreads() throws IOException {
        if (writes.threads() < 2) {
            return;
        }
        IndexWriter writer = index.writer();
        for (int i = 0; i < writes.threads(); i++) {
            writes.submit(
                    () -> {
                        try {
                            boolean flushed = true;
                            while (flushed) {
                                flushed = writer.flushNextBuffer();
                            }
                        } catch (AlreadyClosedException closed) {
                            rethrowTragedy(writer, closed);
                        }
                    },
                    guard::abandoned);
        }
        writes.awaitAll(guard::abandoned);
    }

    /** Rolls back whatever was written unless it was committed, and releases the index. */
    @Override
    public void close() {
        // No document may still be written while the update rolls back or the next one starts.
        finished = true;
        writes.close();
        try {
            if (dirty) {
                index.rollback(new CancellationException("the update ended without its commit"));
            }
        } finally {
            dirty = false;
            finished = true;
            index.endUpdate(writing);
        }
    }

    private UpdateReport report(UpdatePlan plan, IndexMetadata metadata) {
        return new UpdateReport(
                plan.added(),
                plan.replaced(),
                plan.unchanged(),
                plan.deleted(),
                plan.rebuild(),
                metadata,
                System.nanoTime() - started);
    }

    private void claim(String id, String hash, int passageCount) {
        if (removed.contains(id) || hashes.putIfAbsent(id, hash) != null) {
            throw new IllegalArgumentException("document id " + id + " is listed twice");
        }
        givenPassages.put(id, passageCount);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this index update is finished");
        }
        if (guard.abandoned()) {
            throw new CancellationException("the reindex was stopped");
        }
    }
}
