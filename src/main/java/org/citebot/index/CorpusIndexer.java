package org.citebot.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.citebot.corpus.CorpusFile;
import org.citebot.corpus.CorpusListing;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.FileBudget;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.ReadOutcome;
import org.citebot.corpus.SkippedFile;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.CorpusPreview;
import org.citebot.passages.CorpusRuns;
import org.citebot.passages.CorpusUpdate;
import org.citebot.passages.CorpusUpdates;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.UpdateReport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a passage store (the embedded {@link PassageIndex}, or SolrCloud: any {@link CorpusUpdates})
 * in line with a corpus folder, one file at a time: each file is read, cleaned and split within its
 * time budget and handed to a {@link CorpusUpdate} before the next is
 * read, so memory is bounded by the largest document, not by the corpus. A file whose size,
 * modification time and reading key match what the index recorded is passed over without being
 * read; one whose bytes hash to the recorded content hash is passed over without being extracted.
 * Used at start-up, by {@code citebot index} and by moderators' reindex.
 *
 * <p>With the store of articles added by URL ({@link #including}), a run takes those in too: one
 * whose content hash is unchanged is kept unread, a new or changed one is split and written, and an
 * indexed one the store no longer holds is removed, so a rebuild re-creates them all from the store.
 * Without it, a run leaves the added articles as they are.
 */
public final class CorpusIndexer implements CorpusRuns {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    private final CorpusReader reader;
    private final PassageSplitter splitter;
    private final CorpusUpdates index;
    private final AddedDocuments added;
    /** The wall clock file modification times are compared with; never a test's fixed clock. */
    private final Clock fileClock = Clock.systemUTC();

    public CorpusIndexer(CorpusReader reader, PassageSplitter splitter, CorpusUpdates index) {
        this(reader, splitter, index, AddedDocuments.NONE);
    }

    private CorpusIndexer(CorpusReader reader, PassageSplitter splitter, CorpusUpdates index, AddedDocuments added) {
        this.reader = reader;
        this.splitter = splitter;
        this.index = index;
        this.added = added;
    }

    /** This indexer taking the articles added by URL in from {@code store} on every run. */
    public CorpusIndexer including(AddedDocuments store) {
        return new CorpusIndexer(reader, splitter, index, store);
    }

    /**
     * Indexes {@code corpusDir}.
     *
     * @param fullRebuild rewrite every document even when unchanged
     * @throws IOException when the corpus folder is missing or the index cannot be written; the
     *     index then keeps serving its previous commit
     */
    public CorpusIndexReport index(Path corpusDir, boolean fullRebuild) throws IOException {
        return index(corpusDir, fullRebuild, IndexProgress.NONE);
    }

    /**
     * Indexes {@code corpusDir}, telling {@code progress} about every file.
     *
     * @param fullRebuild rewrite every document even when unchanged
     * @throws IOException when the corpus folder is missing or the index cannot be written; the
     *     index then keeps serving its previous commit
     */
    public CorpusIndexReport index(Path corpusDir, boolean fullRebuild, IndexProgress progress) throws IOException {
        return index(corpusDir, fullRebuild, progress, CommitGuard.none());
    }

    /**
     * Indexes {@code corpusDir} under a watchdog's {@code guard}: once the guard is abandoned the run
     * stops at the next file, rolls back and never commits.
     *
     * @throws CancellationException when the run was stopped by its guard or interrupted
     */
    public CorpusIndexReport index(Path corpusDir, boolean fullRebuild, IndexProgress progress, CommitGuard guard)
            throws IOException {
        long started = System.nanoTime();
        Instant listedAt = fileClock.instant();
        CorpusListing listing = list(corpusDir);
        try (CorpusUpdate update = index.startUpdate(fullRebuild, guard)) {
            List<SkippedFile> skipped = feed(listing, update, listedAt, progress, guard);
            feedAdded(update, progress);
            ensureStillThere(corpusDir);
            progress.onProgress(IndexProgress.Phase.COMMITTING, 0, 1);
            UpdateReport report = update.commit();
            progress.onProgress(IndexProgress.Phase.COMMITTING, 1, 1);
            long took = System.nanoTime() - started;
            LOG.info(
                    "Index built: {} documents, {} passages, {} skipped files in {} ms ({} added, {} changed, {} unchanged, {} removed)",
                    update.documents(),
                    update.passages(),
                    skipped.size(),
                    TimeUnit.NANOSECONDS.toMillis(took),
                    report.added().size(),
                    report.replaced().size(),
                    report.unchanged().size(),
                    report.deleted().size());
            return new CorpusIndexReport(report, skipped, update.documents(), update.passages(), took);
        }
    }

    /**
     * What {@link #index} would change, without writing: reads and splits the files that changed
     * like a real run and compares them with the serving commit.
     *
     * @throws IOException when the corpus folder is missing
     */
    public CorpusPreview preview(Path corpusDir, IndexProgress progress) throws IOException {
        return preview(corpusDir, progress, CommitGuard.none());
    }

    /**
     * Like {@link #preview(Path, IndexProgress)} under a watchdog's {@code guard}: once the guard is
     * abandoned the dry run stops at the next file.
     */
    public CorpusPreview preview(Path corpusDir, IndexProgress progress, CommitGuard guard) throws IOException {
        long started = System.nanoTime();
        Instant listedAt = fileClock.instant();
        CorpusListing listing = list(corpusDir);
        try (CorpusUpdate preview = index.startPreview()) {
            List<SkippedFile> skipped = feed(listing, preview, listedAt, progress, guard);
            feedAdded(preview, progress);
            return new CorpusPreview(
                    preview.plan(),
                    skipped,
                    preview.documents(),
                    preview.passages(),
                    index.metadata(),
                    System.nanoTime() - started);
        }
    }

    private CorpusListing list(Path corpusDir) throws NoSuchFileException {
        if (!Files.isDirectory(corpusDir)) {
            throw new NoSuchFileException(corpusDir.toString(), null, "the corpus folder does not exist");
        }
        return reader.list(corpusDir);
    }

    private static void ensureStillThere(Path corpusDir) throws NoSuchFileException {
        if (!Files.isDirectory(corpusDir)) {
            // Its files were skipped as unreadable; committing that would delete every document.
            throw new NoSuchFileException(
                    corpusDir.toString(), null, "the corpus folder disappeared while it was read");
        }
    }

    /** Hands every listed file to {@code update}; returns the files skipped, refused ones first. */
    private List<SkippedFile> feed(
            CorpusListing listing, CorpusUpdate update, Instant listedAt, IndexProgress progress, CommitGuard guard)
            throws IOException {
        List<SkippedFile> skipped = new ArrayList<>(listing.refused());
        int total = listing.total();
        int done = skipped.size();
        progress.onProgress(IndexProgress.Phase.READING, 0, total);
        try (FileBudget budget = new FileBudget(reader.options().fileTimeout())) {
            for (CorpusFile file : listing.files()) {
                if (guard.abandoned()) {
                    throw new CancellationException("the reindex was stopped by its watchdog");
                }
                Optional<IndexedFile> indexed = update.indexed(file.id());
                if (indexed.flatMap(IndexedFile::stamp)
                        .filter(stamp ->
                                stamp.vouchesFor(file.path(), file.size(), file.modifiedNanos(), file.readingKey()))
                        .isPresent()) {
                    update.keep(file.id());
                } else {
                    readAndPut(file, indexed, update, listedAt, budget, progress)
                            .ifPresent(skipped::add);
                }
                progress.onProgress(IndexProgress.Phase.READING, ++done, total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the corpus");
        }
        return skipped;
    }

    /**
     * Hands the added articles to {@code update}: unchanged ones kept unread, new and changed ones
     * split and written, indexed ones the store no longer holds removed. An id a corpus file already
     * took is left to the file, with a warning.
     */
    private void feedAdded(CorpusUpdate update, IndexProgress progress) throws IOException {
        if (!added.authoritative()) {
            return;
        }
        Map<String, String> stored = added.contentHashes();
        for (Map.Entry<String, String> entry : new TreeMap<>(stored).entrySet()) {
            String id = entry.getKey();
            if (update.given(id)) {
                LOG.warn("The added article {} has the id of a corpus file; the file is indexed under it", id);
                continue;
            }
            Optional<IndexedFile> indexed = update.indexed(id);
            if (indexed.filter(
                            file -> file.origin().added() && file.contentHash().equals(entry.getValue()))
                    .isPresent()) {
                update.keep(id);
            } else {
                Optional<IndexedDocument> document = added.document(id);
                if (document.isPresent()) {
                    update.put(document.get(), Optional.empty(), progress);
                }
            }
        }
        for (String id : update.indexedAdded().keySet()) {
            if (!stored.containsKey(id) && !update.given(id)) {
                update.remove(id);
            }
        }
    }

    /** Reads one file within its budget and hands its document to the update; the skip, if it was skipped. */
    private Optional<SkippedFile> readAndPut(
            CorpusFile file,
            Optional<IndexedFile> indexed,
            CorpusUpdate update,
            Instant listedAt,
            FileBudget budget,
            IndexProgress progress)
            throws IOException, InterruptedException {
        // The recorded content hash counts only when nothing else that shapes the document changed.
        Optional<String> knownContent = indexed.filter(old -> old.stamp()
                        .map(stamp -> stamp.path().equals(file.path())
                                && stamp.readingKey().equals(file.readingKey()))
                        .orElse(false))
                .map(IndexedFile::contentHash);
        FileBudget.Outcome<FileWork> outcome = budget.run(() -> work(file, knownContent));
        if (outcome instanceof FileBudget.Exceeded<FileWork> exceeded) {
            SkippedFile skip = new SkippedFile(file.path(), exceeded.reason());
            LOG.warn("Skipping {}: {}", skip.path(), skip.reason());
            return Optional.of(skip);
        }
        FileWork work = ((FileBudget.Done<FileWork>) outcome).value();
        if (work.document() != null) {
            FileStamp stamp = new FileStamp(
                    file.path(),
                    file.size(),
                    file.modifiedNanos(),
                    TimeUnit.MILLISECONDS.toNanos(listedAt.toEpochMilli()),
                    file.readingKey());
            update.put(work.document(), Optional.of(stamp), progress);
            return Optional.empty();
        }
        if (work.outcome() instanceof ReadOutcome.SameContent) {
            update.keep(file.id());
            return Optional.empty();
        }
        return Optional.of(((ReadOutcome.Skipped) work.outcome()).skipped());
    }

    /** On the file's worker thread: read, and split what was read. */
    private FileWork work(CorpusFile file, Optional<String> knownContent) {
        ReadOutcome outcome = reader.read(file, knownContent);
        if (outcome instanceof ReadOutcome.Read read) {
            return new FileWork(outcome, new IndexedDocument(read.document(), splitter.split(read.document())));
        }
        return new FileWork(outcome, null);
    }

    /** What a file's worker made of it: the reader's outcome, and the split document if it was read. */
    private record FileWork(ReadOutcome outcome, @Nullable IndexedDocument document) {}
}
