package org.citebot.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.CorpusSnapshot;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.SkippedFile;
import org.citebot.corpus.SourceDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link PassageIndex} in line with a corpus directory: reads and cleans every file,
 * splits documents into passages and hands them to the index, which skips unchanged documents and
 * removes deleted ones. Used at start-up, by {@code citebot index} and by moderators' reindex.
 */
public final class CorpusIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    private final CorpusReader reader;
    private final PassageSplitter splitter;
    private final PassageIndex index;

    public CorpusIndexer(CorpusReader reader, PassageSplitter splitter, PassageIndex index) {
        this.reader = reader;
        this.splitter = splitter;
        this.index = index;
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
     * Indexes {@code corpusDir}, telling {@code progress} about every file read, document split and
     * document written.
     *
     * @param fullRebuild rewrite every document even when unchanged
     * @throws IOException when the corpus folder is missing or the index cannot be written; the
     *     index then keeps serving its previous commit
     */
    public CorpusIndexReport index(Path corpusDir, boolean fullRebuild, IndexProgress progress) throws IOException {
        long started = System.nanoTime();
        ReadCorpus corpus = read(corpusDir, progress);
        UpdateReport update =
                fullRebuild ? index.rebuild(corpus.documents(), progress) : index.update(corpus.documents(), progress);
        long took = System.nanoTime() - started;
        LOG.info(
                "Index built: {} documents, {} passages, {} skipped files in {} ms ({} added, {} changed, {} unchanged, {} removed)",
                corpus.documents().size(),
                corpus.passages(),
                corpus.skipped().size(),
                took / 1_000_000,
                update.added().size(),
                update.replaced().size(),
                update.unchanged().size(),
                update.deleted().size());
        return new CorpusIndexReport(
                update, corpus.skipped(), corpus.documents().size(), corpus.passages(), took);
    }

    /**
     * What {@link #index} would change, without writing: reads and splits the corpus like a real run
     * and compares it with the hashes of the serving commit.
     *
     * @throws IOException when the corpus folder is missing
     */
    public CorpusPreview preview(Path corpusDir, IndexProgress progress) throws IOException {
        long started = System.nanoTime();
        ReadCorpus corpus = read(corpusDir, progress);
        UpdatePlan plan = index.preview(corpus.documents());
        return new CorpusPreview(
                plan,
                corpus.skipped(),
                corpus.documents().size(),
                corpus.passages(),
                index.metadata(),
                System.nanoTime() - started);
    }

    private ReadCorpus read(Path corpusDir, IndexProgress progress) throws NoSuchFileException {
        if (!Files.isDirectory(corpusDir)) {
            throw new NoSuchFileException(corpusDir.toString(), null, "the corpus folder does not exist");
        }
        CorpusSnapshot snapshot =
                reader.read(corpusDir, (done, total) -> progress.onProgress(IndexProgress.Phase.READING, done, total));
        if (!Files.isDirectory(corpusDir)) {
            // Its files were skipped as unreadable; indexing that would delete every document.
            throw new NoSuchFileException(
                    corpusDir.toString(), null, "the corpus folder disappeared while it was read");
        }
        List<SourceDocument> sources = snapshot.documents();
        List<IndexedDocument> documents = new ArrayList<>(sources.size());
        int passages = 0;
        progress.onProgress(IndexProgress.Phase.SPLITTING, 0, sources.size());
        for (SourceDocument document : sources) {
            IndexedDocument indexed = new IndexedDocument(document, splitter.split(document));
            passages += indexed.passages().size();
            documents.add(indexed);
            progress.onProgress(IndexProgress.Phase.SPLITTING, documents.size(), sources.size());
        }
        return new ReadCorpus(documents, snapshot.skipped(), passages);
    }

    private record ReadCorpus(List<IndexedDocument> documents, List<SkippedFile> skipped, int passages) {}
}
