package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headings autocomplete offers every server: each once ignoring case, sorted by character code
 * ignoring case (as before: "Ä" after "Z"), none of an article
 * one server added, and none of a passage that was replaced or removed, though the terms dictionary
 * keeps a deleted passage's heading until its segment merges.
 */
class CorpusVocabularyTest {

    @TempDir
    Path dir;

    private static IndexedDocument report(String id, String... sections) {
        Para[] paras = new Para[sections.length];
        for (int i = 0; i < sections.length; i++) {
            paras[i] = Para.under(sections[i], "Paragraph " + i + " of the report on coastal erosion, " + id + ".");
        }
        return TestCorpus.document(id, TestCorpus.metadata("Report " + id, null, null, null, null), paras);
    }

    private static IndexedDocument added(IndexedDocument plain, Optional<String> server) {
        return new IndexedDocument(plain.document(), plain.passages(), DocumentOrigin.added(server));
    }

    @Test
    void offersEachLiveSharedHeadingOnceIgnoringCase() throws IOException {
        try (PassageIndex index =
                PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC())) {
            index.update(List.of(
                    report("a", "Methods", "Zonal findings", "methods"),
                    report("b", "Ärzte und Küsten", "Background"),
                    report("c", "Retired heading")));
            index.patch(
                    List.of(
                            added(report("d", "Private to one server"), Optional.of("111111111111111111")),
                            added(report("e", "Added for every server"), Optional.empty())),
                    List.of());
            assertThat(CorpusVocabulary.read(index).sections())
                    .containsExactly(
                            "Added for every server",
                            "Background",
                            "Methods",
                            "Retired heading",
                            "Zonal findings",
                            "Ärzte und Küsten")
                    .as("one heading per case-insensitive spelling")
                    .hasSize(6);

            // c is rewritten without its heading and a is removed: both stay in the segment's terms
            // until a merge, but no live passage holds them.
            index.patch(List.of(report("c", "Current heading")), List.of("a"));
            CorpusVocabulary after = CorpusVocabulary.read(index);
            assertThat(after.sections())
                    .containsExactly("Added for every server", "Background", "Current heading", "Ärzte und Küsten");
            assertThat(after.generation()).isEqualTo(index.metadata().generation());
        }
    }

    /** The records are read in index order, segment by segment; the summaries still come in id order. */
    @Test
    void documentSummariesComeInIdOrderAcrossSegmentsWithoutRemovedOnes() throws IOException {
        try (PassageIndex index =
                PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC())) {
            index.update(List.of(report("m", "One"), report("b", "Two"), report("x", "Three")));
            index.patch(List.of(report("a", "Four"), report("é", "Five")), List.of());
            index.patch(List.of(report("c", "Six")), List.of("x"));
            assertThat(index.documents()).extracting(DocumentSummary::docId).containsExactly("a", "b", "c", "m", "é");
            assertThat(index.documents())
                    .filteredOn(summary -> summary.docId().equals("b"))
                    .singleElement()
                    .satisfies(summary -> {
                        assertThat(summary.metadata().title()).isEqualTo("Report b");
                        assertThat(summary.passages()).isEqualTo(1);
                    });
        }
    }
}
