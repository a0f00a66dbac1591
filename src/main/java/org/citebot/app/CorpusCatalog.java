package org.citebot.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.citebot.backend.SearchBackend;
import org.citebot.passages.DocumentSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the corpus holds, kept in memory for {@code /sources} and autocomplete: the documents and
 * the titles, publishers and section headings of what the search backend serves. Refreshed when the
 * passages change, so answering a keystroke never touches the disk or the network.
 */
final class CorpusCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusCatalog.class);

    /** One consistent view of a single generation: its documents and the headings every server sees. */
    record Snapshot(List<DocumentSummary> documents, List<String> sections) {
        Snapshot {
            documents = List.copyOf(documents);
            sections = List.copyOf(sections);
        }
    }

    private final SearchBackend backend;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(List.of(), List.of()));

    CorpusCatalog(SearchBackend backend) {
        this.backend = backend;
    }

    Snapshot get() {
        return current.get();
    }

    /** Re-reads what the backend serves; on failure the previous snapshot stays and a warning is logged. */
    void refresh() {
        try {
            List<String> sections = backend.sharedSections();
            current.set(new Snapshot(backend.store().documents(), sections));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not refresh the corpus catalog; /sources and autocomplete keep the previous one: {}",
                    e.toString());
        }
    }
}
