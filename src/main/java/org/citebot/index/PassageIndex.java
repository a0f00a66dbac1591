package org.citebot.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusUpdates;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.PassageStore;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.citebot.semantic.PassageEmbedder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's passage index on disk: one {@link IndexWriter} for updates and a {@link SearcherManager}
 * that serves the last commit. The composition root opens it once and hands it to the search
 * service and the reindex command; closing it closes the directory.
 *
 * <p>Searchers only ever see commits, never a half-done update: an update writes, commits with its
 * {@link IndexMetadata} in the commit user data, then refreshes the searchers. An update that fails
 * is rolled back and the previous commit keeps serving. Updates run one at a time; searches never
 * wait for them.
 */
public final class PassageIndex implements Closeable, SearchableIndex, PassageStore, CorpusUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(PassageIndex.class);

    /** Writing threads at most: more only contend with the searches the bot serves meanwhile. */
    static final int MAX_WRITER_THREADS = 2;

    private final Directory directory;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final Similarity similarity;
    private final Clock clock;
    private final SearcherManager searchers;
    private final Optional<PassageEmbedder> embedder;
    private final PassageDocuments documentBuilder;
    private final ReentrantLock updateLock = new ReentrantLock();
    private final DocumentSummaries summaries = new DocumentSummaries();
    private volatile boolean oneWriterThread;

    /** Guarded by {@link #updateLock}; replaced after a rollback, which closes the writer. */
    private IndexWriter writer;

    /**
     * Opens the index in {@code directory}, creating an empty one (with a first commit) when there is
     * none, without passage vectors. The index owns the directory and closes it.
     */
    public PassageIndex(Directory directory, IndexSettings settings, Clock clock) throws IOException {
        this(directory, settings, clock, Optional.empty());
    }

    /**
     * Opens the index in {@code directory} like {@link #PassageIndex(Directory, IndexSettings,
     * Clock)}; every passage it writes carries its vector from {@code embedder}, and an index whose
     * vectors come from another model (or that has none) reports that it needs a rebuild.
     */
    public PassageIndex(Directory directory, IndexSettings settings, Clock clock, Optional<PassageEmbedder> embedder)
            throws IOException {
        this.embedder = embedder;
        this.directory = directory;
        this.settings = settings;
        this.analyzer = IndexSchema.perFieldAnalyzer(settings.contentAnalyzer().get());
        this.similarity = settings.similarity();
        this.clock = clock;
        this.documentBuilder = new PassageDocuments(settings);
        boolean created = !DirectoryReader.indexExists(directory);
        try {
            this.writer = newWriter();
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(documentBuilder, analyzer);
            throw e;
        }
        try {
            if (created) {
                IndexMetadata empty = new IndexMetadata(
                        IndexSchema.VERSION, corpusFingerprint(Map.of()), 0, 0, clock.instant(), 0, vectorModel());
                writer.setLiveCommitData(toUserData(empty).entrySet());
                writer.commit();
            }
            this.searchers = new SearcherManager(directory, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            // Release the write lock so the caller can retry or wipe the directory.
            IOUtils.closeWhileHandlingException(writer, analyzer, documentBuilder);
            throw e;
        }
        IndexMetadata metadata = metadata();
        if (needsRebuild()) {
            LOG.warn(
                    "passage index at {} was written with schema {} (code has {}), another analysis or other vectors; it keeps"
                            + " answering until it is rebuilt from the corpus",
                    directory,
                    metadata.schemaVersion(),
                    IndexSchema.VERSION);
        }
        LOG.info(
                "passage index {} at {}: {} documents, {} passages, schema {}, generation {}",
                created ? "created" : "opened",
                directory,
                metadata.documents(),
                metadata.passages(),
                metadata.schemaVersion(),
                metadata.generation());
    }

    /** Opens (or creates) the index in a directory on disk, without passage vectors. */
    public static PassageIndex open(Path path, IndexSettings settings, Clock clock) throws IOException {
        return open(path, settings, clock, Optional.empty());
    }

    /** Opens (or creates) the index in a directory on disk, its passages embedded by {@code embedder}. */
    public static PassageIndex open(Path path, IndexSettings settings, Clock clock, Optional<PassageEmbedder> embedder)
            throws IOException {
        Directory directory = FSDirectory.open(path);
        try {
            return new PassageIndex(directory, settings, clock, embedder);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw e;
        }
    }

    /** What embeds the passages this index writes, if anything does. */
    public Optional<PassageEmbedder> embedder() {
        return embedder;
    }

    /** The model id the vectors of passages written now come from; empty without an embedder. */
    String vectorModel() {
        return embedder.map(e -> e.model().modelId()).orElse("");
    }

    /** The analysis and BM25 parameters this index was opened with. */
    public IndexSettings settings() {
        return settings;
    }

    /** The analyzer of the indexed fields; queries must be analyzed with it. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /**
     * True when the serving index was written with another schema version or analysis: the caller
     * should rebuild it from the corpus with {@link #update} (which then rewrites everything) or
     * {@link #rebuild}. Until then the old index keeps answering.
     */
    public boolean needsRebuild() throws IOException {
        return needsRebuild(servingUserData());
    }

    /** Facts about the commit now serving searches. */
    public IndexMetadata metadata() throws IOException {
        return fromUserData(servingUserData());
    }

    @Override
    public List<DocumentSummary> documents() throws IOException {
        return SearchableIndex.super.documents();
    }

    @Override
    public List<DocumentSummary> documents(IndexSearcher searcher) throws IOException {
        return summaries.of(searcher);
    }

    /**
     * Every document visible to {@code searcher}, sorted by document id (as UTF-8 bytes, the order of
     * the id's terms); unmodifiable. The records are read in index order, segment by segment, so
     * each compressed block of stored fields is decompressed once rather than once a record: at a
     * million passages (200,000 records) reading them in id order took seconds, which the bot's
     * start waited for.
     */
    static List<DocumentSummary> readSummaries(IndexSearcher searcher) throws IOException {
        List<Keyed> summaries = new ArrayList<>();
        forEachRecord(searcher, null, record -> {
            DocumentSummary summary = PassageDocuments.readSummary(record);
            summaries.add(new Keyed(new BytesRef(summary.docId()), summary));
        });
        summaries.sort(Comparator.comparing(Keyed::id));
        return summaries.stream().map(Keyed::summary).toList();
    }

    /** A summary with its id as UTF-8 bytes, the order the id's terms sort in. */
    private record Keyed(BytesRef id, DocumentSummary summary) {}

    /**
     * Stored fields for reading {@code reader}'s documents in increasing order: a segment's merge
     * instance keeps the block it decompressed for the next document, where the ordinary reader
     * decompresses a block again for every document read (at a million passages, seconds against
     * a fraction of one for the 200,000 records).
     */
    private static StoredFields sequential(LeafReader reader) throws IOException {
        if (reader instanceof CodecReader codec && codec.getFieldsReader() != null) {
            return codec.getFieldsReader().getMergeInstance();
        }
        return reader.storedFields();
    }

    /**
     * Every live document record {@code searcher} sees, read in index order, with {@code fields}
     * only (all when null): sequential reads decompress each block of stored fields once.
     */
    static void forEachRecord(IndexSearcher searcher, @Nullable Set<String> fields, Consumer<Document> action)
            throws IOException {
        Term records = new Term(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            PostingsEnum postings = leaf.reader().postings(records, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = sequential(leaf.reader());
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    DocumentStoredFieldVisitor visitor =
                            fields == null ? new DocumentStoredFieldVisitor() : new DocumentStoredFieldVisitor(fields);
                    stored.document(doc, visitor);
                    action.accept(visitor.getDocument());
                }
            }
        }
    }

    /**
     * A searcher over the serving commit, with the index's similarity. Every call must be paired
     * with {@link #release} in a finally block.
     */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    /** Gives back a searcher from {@link #acquire}. */
    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /**
     * Brings the index in line with the corpus: adds new documents, replaces the passages of changed
     * ones (all of a document's passages in one atomic block), skips documents whose indexed content
     * hash is unchanged and deletes documents that are no longer listed. Rewrites everything when
     * {@link #needsRebuild()}. Commits once, then makes the commit visible to new searches.
     *
     * @param documents the whole corpus, each document with its passages; ids must be unique
     * @throws IOException or a runtime exception when the update failed; it was then rolled back and
     *     the previous commit keeps serving
     */
    public UpdateReport update(List<IndexedDocument> documents) throws IOException {
        return write(documents, false, IndexProgress.NONE);
    }

    /**
     * Like {@link #update(List)}, telling {@code progress} about every document of the {@link
     * IndexProgress.Phase#WRITING} phase.
     */
    public UpdateReport update(List<IndexedDocument> documents, IndexProgress progress) throws IOException {
        return write(documents, false, progress);
    }

    /** Like {@link #update} but rewrites every document, whatever the index held. */
    public UpdateReport rebuild(List<IndexedDocument> documents) throws IOException {
        return write(documents, true, IndexProgress.NONE);
    }

    /** Like {@link #rebuild(List)}, telling {@code progress} about every document written. */
    public UpdateReport rebuild(List<IndexedDocument> documents, IndexProgress progress) throws IOException {
        return write(documents, true, progress);
    }

    /**
     * Puts {@code documents} (added, or replaced when anything indexed for them changed) and removes
     * the documents {@code removals} names, leaving every other document as it is: how an article
     * added by URL is indexed, with its vectors, without a corpus run. Waits for a running update to
     * end; commits once, and nothing when nothing changed. Ids the index does not hold are not removed.
     *
     * @throws IllegalStateException when the index must first be rebuilt (another schema, analysis
     *     or model): a rebuild takes the added documents in from their store
     */
    public UpdateReport patch(List<IndexedDocument> documents, List<String> removals) throws IOException {
        updateLock.lock();
        return patchHoldingLock(documents, removals);
    }

    /**
     * Like {@link #patch}, but only when no other update is running; empty when one is (its corpus
     * run takes the added documents in itself).
     */
    public Optional<UpdateReport> tryPatch(List<IndexedDocument> documents, List<String> removals) throws IOException {
        if (!updateLock.tryLock()) {
            return Optional.empty();
        }
        return Optional.of(patchHoldingLock(documents, removals));
    }

    private UpdateReport patchHoldingLock(List<IndexedDocument> documents, List<String> removals) throws IOException {
        IndexUpdate update;
        try {
            Map<String, String> lastCommit = latestCommitUserData();
            if (needsRebuild(lastCommit)) {
                throw new IllegalStateException(
                        "the index must be rebuilt from the corpus first (it was written by another version)");
            }
            update = new IndexUpdate(
                    this, true, false, true, CommitGuard.none(), fromUserData(lastCommit), indexedFiles());
        } catch (IOException | RuntimeException e) {
            updateLock.unlock();
            throw e;
        }
        try (update) {
            for (IndexedDocument document : documents) {
                update.put(document, Optional.empty());
            }
            for (String id : removals) {
                if (update.indexed(id).isPresent() && !update.given(id)) {
                    update.remove(id);
                }
            }
            return update.commit();
        }
    }

    /**
     * What {@link #update(List)} would do with {@code documents} now, from the content hashes of the
     * serving commit. Read-only: it neither writes nor waits for a running update.
     *
     * @throws IllegalArgumentException when a document id is listed twice
     */
    public UpdatePlan preview(List<IndexedDocument> documents) throws IOException {
        try (IndexUpdate preview = startPreview()) {
            for (IndexedDocument document : documents) {
                preview.put(document, Optional.empty());
            }
            return preview.plan();
        }
    }

    /**
     * Starts an update that documents are streamed into one at a time, for the corpus indexer. Waits
     * for a running update to end, unless {@code guard} is abandoned meanwhile; the caller must close
     * the returned update.
     *
     * @param forceRebuild rewrite every document, even when the index needs no rebuild
     * @param guard lets a watchdog stop the update from committing
     * @throws CancellationException when the guard is abandoned or the thread interrupted while it waits
     */
    public IndexUpdate startUpdate(boolean forceRebuild, CommitGuard guard) throws IOException {
        // An earlier run stopped by its watchdog may still hold the lock until it rolls back.
        guard.lock(updateLock, "an earlier index update");
        return begin(forceRebuild, guard);
    }

    /**
     * Starts a dry run against the serving commit: the same calls as an update, nothing written, the
     * answer in {@link IndexUpdate#plan()}. Neither takes nor waits for the update lock.
     */
    public IndexUpdate startPreview() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            Map<String, String> userData = ((DirectoryReader) searcher.getIndexReader())
                    .getIndexCommit()
                    .getUserData();
            return new IndexUpdate(
                    this,
                    false,
                    needsRebuild(userData),
                    CommitGuard.none(),
                    fromUserData(userData),
                    indexedFiles(searcher));
        } finally {
            release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        updateLock.lock();
        try {
            IOUtils.close(searchers, writer, analyzer, documentBuilder, directory);
        } finally {
            updateLock.unlock();
        }
    }

    private UpdateReport write(List<IndexedDocument> corpus, boolean forceRebuild, IndexProgress progress)
            throws IOException {
        updateLock.lock();
        try (IndexUpdate update = begin(forceRebuild, CommitGuard.none())) {
            progress.onProgress(IndexProgress.Phase.WRITING, 0, corpus.size());
            int done = 0;
            for (IndexedDocument document : corpus) {
                update.put(document, Optional.empty(), progress);
                progress.onProgress(IndexProgress.Phase.WRITING, ++done, corpus.size());
            }
            return update.commit();
        }
    }

    /** Opens an update for the thread that just took the update lock; releases it when that fails. */
    private IndexUpdate begin(boolean forceRebuild, CommitGuard guard) throws IOException {
        try {
            Map<String, String> lastCommit = latestCommitUserData();
            boolean rebuild = forceRebuild || needsRebuild(lastCommit);
            return new IndexUpdate(this, true, rebuild, guard, fromUserData(lastCommit), indexedFiles());
        } catch (IOException | RuntimeException e) {
            updateLock.unlock();
            throw e;
        }
    }

    /**
     * Merges the index into one segment and commits that: for evaluations, whose hybrid figures must
     * not depend on how the writing threads happened to split the documents into segments (each
     * segment has its own HNSW graph and vector quantization). The bot never calls it; on a large
     * index it rewrites everything.
     */
    public void mergeIntoOneSegment() throws IOException {
        updateLock.lock();
        try {
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } finally {
            updateLock.unlock();
        }
    }

    /** The writer, for the update that holds the update lock. */
    IndexWriter writer() {
        if (!updateLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("only the thread running an update may write");
        }
        return writer;
    }

    Clock clock() {
        return clock;
    }

    /** Builds the Lucene documents the writer takes; safe to share among writing threads. */
    PassageDocuments documentBuilder() {
        return documentBuilder;
    }

    /**
     * Threads an update writes documents on: two where there are two cores or more, since analysis
     * is most of the work of writing and Lucene's writer takes documents from several threads at once.
     */
    int writerThreads() {
        return oneWriterThread ? 1 : defaultWriterThreads();
    }

    /**
     * Writing threads an update uses on this machine: as many as the cores, at most two. Public so
     * the benchmark gives bare Lucene the same threads.
     */
    public static int defaultWriterThreads() {
        return Math.max(1, Math.min(MAX_WRITER_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Makes the updates from now on write on the feeding thread alone, so two builds of one corpus
     * give the same segments, document order and vector graphs: for evaluations, whose hybrid
     * figures depend on them. The bot never calls it.
     */
    public void writeOnOneThread() {
        oneWriterThread = true;
    }

    /** Commits everything written with {@code next} as the commit's metadata. */
    void commit(IndexMetadata next) throws IOException {
        writer().setLiveCommitData(toUserData(next).entrySet());
        writer().commit();
    }

    /** Makes the last commit visible to new searches. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Called when an update closes: releases the update lock a writing update holds. */
    void endUpdate(boolean writes) {
        if (writes) {
            updateLock.unlock();
        }
    }

    /** Drops everything written since the last commit and opens a fresh writer (rollback closes it). */
    void rollback(Throwable cause) {
        LOG.warn("passage index update failed, rolling back to the last commit: {}", cause.toString());
        try {
            writer.rollback();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            writer = newWriter();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.error(
                    "passage index cannot reopen its writer after a rollback; searches still work, updates will fail",
                    e);
        }
    }

    private IndexWriter newWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setCodec(IndexSchema.codec())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(similarity)
                .setRAMBufferSizeMB(ramBufferMegabytes(Runtime.getRuntime().maxMemory()))
                .setCommitOnClose(false);
        return new IndexWriter(directory, config);
    }

    /**
     * The writer's buffer for a heap of {@code maxHeapBytes}: a sixteenth of it, from Lucene's default
     * 16 MB up to 256 MB. A larger buffer flushes fewer, larger segments, so less merging follows; a
     * sixteenth leaves the heap to the searches, caches and the document being read. Public so the
     * benchmark gives bare Lucene the same buffer.
     */
    public static double ramBufferMegabytes(long maxHeapBytes) {
        double sixteenth = maxHeapBytes / 16.0 / (1024 * 1024);
        return Math.max(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB, Math.min(MAX_RAM_BUFFER_MB, sixteenth));
    }

    /** The largest writer buffer: beyond it a flush takes long and merges gain little. */
    static final double MAX_RAM_BUFFER_MB = 256;

    /** What the serving commit holds for every document, by document id. */
    private Map<String, IndexedFile> indexedFiles() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            return indexedFiles(searcher);
        } finally {
            release(searcher);
        }
    }

    /** What {@code searcher} sees of every document, by document id. */
    private static Map<String, IndexedFile> indexedFiles(IndexSearcher searcher) throws IOException {
        Set<String> fields = Set.of(
                IndexSchema.DOC_ID,
                IndexSchema.PATH,
                IndexSchema.CONTENT_HASH,
                IndexSchema.INDEXED_HASH,
                IndexSchema.PASSAGE_COUNT,
                IndexSchema.FILE_SIZE,
                IndexSchema.FILE_MODIFIED,
                IndexSchema.FILE_CHECKED,
                IndexSchema.READING_KEY,
                IndexSchema.ORIGIN,
                IndexSchema.OWNER);
        Map<String, IndexedFile> files = new HashMap<>();
        forEachRecord(searcher, fields, record -> {
            if (record.get(IndexSchema.DOC_ID) != null) {
                IndexedFile file = PassageDocuments.readIndexedFile(record);
                files.put(file.docId(), file);
            }
        });
        return files;
    }

    private Map<String, String> servingUserData() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            return ((DirectoryReader) searcher.getIndexReader())
                    .getIndexCommit()
                    .getUserData();
        } finally {
            release(searcher);
        }
    }

    private Map<String, String> latestCommitUserData() throws IOException {
        List<IndexCommit> commits = DirectoryReader.listCommits(directory);
        return commits.get(commits.size() - 1).getUserData();
    }

    private boolean needsRebuild(Map<String, String> userData) {
        IndexMetadata metadata = fromUserData(userData);
        // Without an embedder an index with vectors still answers; with one, every passage must carry its vectors.
        boolean vectorsMissing = embedder.isPresent() && !metadata.vectorModel().equals(vectorModel());
        return needsRebuild(userData, settings) || vectorsMissing;
    }

    /** Whether a commit with this user data was written with another schema or analysis than {@code settings}. */
    static boolean needsRebuild(Map<String, String> userData, IndexSettings settings) {
        return fromUserData(userData).schemaVersion() != IndexSchema.VERSION
                || !settings.analyzerId().equals(userData.get(IndexSchema.COMMIT_ANALYZER))
                || !settings.fieldWeightsId().equals(userData.get(IndexSchema.COMMIT_FIELD_WEIGHTS));
    }

    private Map<String, String> toUserData(IndexMetadata metadata) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(IndexSchema.COMMIT_SCHEMA_VERSION, Integer.toString(metadata.schemaVersion()));
        data.put(IndexSchema.COMMIT_ANALYZER, settings.analyzerId());
        data.put(IndexSchema.COMMIT_FIELD_WEIGHTS, settings.fieldWeightsId());
        data.put(IndexSchema.COMMIT_FINGERPRINT, metadata.corpusFingerprint());
        data.put(IndexSchema.COMMIT_DOCUMENTS, Integer.toString(metadata.documents()));
        data.put(IndexSchema.COMMIT_PASSAGES, Integer.toString(metadata.passages()));
        data.put(IndexSchema.COMMIT_BUILT_AT, metadata.builtAt().toString());
        data.put(IndexSchema.COMMIT_GENERATION, Long.toString(metadata.generation()));
        data.put(IndexSchema.COMMIT_VECTOR_MODEL, metadata.vectorModel());
        return data;
    }

    /** Reads commit user data; an index without citebot's keys reads as schema 0, so it is rebuilt. */
    static IndexMetadata fromUserData(Map<String, String> data) {
        return new IndexMetadata(
                (int) number(data, IndexSchema.COMMIT_SCHEMA_VERSION),
                data.getOrDefault(IndexSchema.COMMIT_FINGERPRINT, ""),
                (int) number(data, IndexSchema.COMMIT_DOCUMENTS),
                (int) number(data, IndexSchema.COMMIT_PASSAGES),
                instant(data.get(IndexSchema.COMMIT_BUILT_AT)),
                number(data, IndexSchema.COMMIT_GENERATION),
                data.getOrDefault(IndexSchema.COMMIT_VECTOR_MODEL, ""));
    }

    private static long number(Map<String, String> data, String key) {
        try {
            return Long.parseLong(data.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** Hex SHA-256 over the sorted {@code id:indexedHash} pairs of every indexed document. */
    static String corpusFingerprint(Map<String, String> hashes) {
        return IndexMetadata.corpusFingerprint(hashes);
    }
}
