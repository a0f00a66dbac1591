package org.citebot.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.citebot.index.CorpusVocabulary;
import org.citebot.index.PassageIndex;
import org.citebot.passages.DocumentSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the corpus holds, kept in memory for {@code /sources} and autocomplete: the documents and
 * the titles, publishers and section headings of the serving index. Refreshed when the index
 * changes, so answering a keystroke never touches the disk.
 */
final class CorpusCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusCatalog.class);

    /** One consistent view of a single index generation. */
    record Snapshot(List<DocumentSummary> documents, CorpusVocabulary vocabulary) {
        Snapshot {
            documents = List.copyOf(documents);
        }
    }

    private final PassageIndex index;
    private final AtomicReference<Snapshot> current =
            new AtomicReference<>(new Snapshot(List.of(), CorpusVocabulary.EMPTY));

    CorpusCatalog(PassageIndex index) {
        this.index = index;
    }

    Snapshot get() {
        return current.get();
    }

    /** Re-reads the serving index; on failure the previous snapshot stays and a warning is logged. */
    void refresh() {
        try {
            CorpusVocabulary vocabulary = CorpusVocabulary.read(index);
            current.set(new Snapshot(index.documents(), vocabulary));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not refresh the corpus catalog; /sources and autocomplete keep the previous one: {}",
                    e.toString());
        }
    }
}
