package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document summaries are read once per index version: the catalog and every search that names
 * the closest titles share one list until the index changes, and never get an older version's.
 */
class DocumentSummariesTest {

    @TempDir
    Path dir;

    private static IndexedDocument report(String id, String title) {
        return TestCorpus.document(id, TestCorpus.metadata(title, null, null, null, null), Para.of("Text of " + title));
    }

    @Test
    void documents_oneListPerIndexVersion_sharedWithSearches_andReadAgainAfterAnUpdate() throws IOException {
        try (PassageIndex index =
                PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC())) {
            index.update(List.of(report("a", "Grain exports"), report("b", "Fleet movements")));
            List<DocumentSummary> first = index.documents();

            assertThat(index.documents()).isSameAs(first);
            IndexSearcher searcher = index.acquire();
            try {
                assertThat(index.documents(searcher)).isSameAs(first);
            } finally {
                index.release(searcher);
            }
            assertThatThrownBy(() -> first.add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);

            index.update(List.of(report("a", "Fertiliser exports"), report("b", "Fleet movements")));
            List<DocumentSummary> second = index.documents();

            assertThat(second).isNotSameAs(first);
            assertThat(second)
                    .extracting(summary -> summary.metadata().title())
                    .containsExactly("Fertiliser exports", "Fleet movements");
            assertThat(first)
                    .as("the list a caller holds stays what it was")
                    .extracting(summary -> summary.metadata().title())
                    .containsExactly("Grain exports", "Fleet movements");
        }
    }

    @Test
    void documents_anotherProcessesReadOnlyView_readsOncePerVersionToo() throws IOException {
        Path path = dir.resolve("index");
        try (PassageIndex index = PassageIndex.open(path, IndexSettings.defaults(), Clock.systemUTC())) {
            index.update(List.of(report("a", "Grain exports")));
        }
        try (ReadOnlyIndex view =
                ReadOnlyIndex.open(path, IndexSettings.defaults()).orElseThrow()) {
            List<DocumentSummary> first = view.documents();

            assertThat(first).extracting(DocumentSummary::docId).containsExactly("a");
            assertThat(view.documents()).isSameAs(first);
        }
    }
}
