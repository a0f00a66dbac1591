package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.lucene.store.LockObtainFailedException;
import org.citebot.passages.DocumentSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyIndexTest {

    @TempDir
    Path dir;

    @Test
    void open_noFolderOrAFolderWithoutCommit_isEmptyAndCreatesNothing() throws IOException {
        assertThat(ReadOnlyIndex.open(dir.resolve("index"), IndexSettings.defaults()))
                .isEmpty();
        assertThat(dir.resolve("index")).doesNotExist();

        Files.createDirectories(dir.resolve("empty"));
        assertThat(ReadOnlyIndex.open(dir.resolve("empty"), IndexSettings.defaults()))
                .isEmpty();
    }

    @Test
    void open_whileTheWritableIndexIsOpen_servesItsLastCommitAndLeavesTheLockToTheWriter() throws IOException {
        try (PassageIndex writable = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC())) {
            writable.update(List.of(TestCorpus.summit(), TestCorpus.escalation()));

            try (ReadOnlyIndex reader =
                    ReadOnlyIndex.open(dir, IndexSettings.defaults()).orElseThrow()) {
                assertThat(reader.metadata()).isEqualTo(writable.metadata());
                assertThat(reader.needsRebuild()).isFalse();
                assertThat(reader.documents())
                        .extracting(DocumentSummary::docId)
                        .containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID);

                writable.update(List.of(TestCorpus.summit()));

                assertThat(reader.metadata().documents())
                        .as("the commit it opened, whatever the writer did since")
                        .isEqualTo(2);
                assertThat(writable.metadata().documents()).isEqualTo(1);
            }
            // The writer still holds the lock, and still writes after the reader is gone.
            assertThatThrownBy(() -> PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC()))
                    .isInstanceOf(LockObtainFailedException.class);
            writable.update(List.of(TestCorpus.summit(), TestCorpus.grain()));
            assertThat(writable.metadata().documents()).isEqualTo(2);
        }
    }

    @Test
    void open_indexOfAnotherAnalysis_saysItNeedsARebuild() throws IOException {
        try (PassageIndex writable = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC())) {
            writable.update(List.of(TestCorpus.summit()));
        }
        IndexSettings other = new IndexSettings("other-analysis", IndexSchema::englishAnalyzer, 0.9f, 0.4f);

        try (ReadOnlyIndex reader = ReadOnlyIndex.open(dir, other).orElseThrow()) {
            assertThat(reader.needsRebuild()).isTrue();
        }
    }
}
