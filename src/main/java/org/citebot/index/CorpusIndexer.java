package org.citebot.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.CorpusSnapshot;
import org.citebot.corpus.PassageSplitter;
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
        if (!Files.isDirectory(corpusDir)) {
            throw new java.nio.file.NoSuchFileException(corpusDir.toString(), null, "the corpus folder does not exist");
        }
        long started = System.nanoTime();
        CorpusSnapshot snapshot = reader.read(corpusDir);
        List<IndexedDocument> documents = new ArrayList<>();
        int passages = 0;
        for (SourceDocument document : snapshot.documents()) {
            IndexedDocument indexed = new IndexedDocument(document, splitter.split(document));
            passages += indexed.passages().size();
            documents.add(indexed);
        }
        UpdateReport update = fullRebuild ? index.rebuild(documents) : index.update(documents);
        long took = System.nanoTime() - started;
        LOG.info("Index built: {} documents, {} passages, {} skipped files in {} ms ({} added, {} changed, {} removed)",
                documents.size(), passages, snapshot.skipped().size(), took / 1_000_000,
                update.added().size(), update.replaced().size(), update.deleted().size());
        return new CorpusIndexReport(update, snapshot.skipped(), documents.size(), passages, took);
    }
}
