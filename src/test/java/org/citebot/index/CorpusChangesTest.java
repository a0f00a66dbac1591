package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's stale-index check, over a real corpus folder indexed by the real indexer. */
class CorpusChangesTest {

    /** Modification times after the build, set rather than waited for. */
    private static final FileTime LATER = FileTime.from(Instant.now().plus(Duration.ofMinutes(5)));

    @TempDir
    Path corpus;

    @TempDir
    Path indexDir;

    private PassageIndex index;

    @BeforeEach
    void indexThreeArticles() throws IOException {
        write("alpha.txt", "Alpha\n\nThe first article talks about the summit in Ankara and its promises.");
        write("beta.txt", "Beta\n\nThe second article talks about long range missiles and their range.");
        write("gamma.md", "# Gamma\n\nThe third article talks about grain exports through the corridor.");
        index = PassageIndex.open(indexDir, IndexSettings.defaults(), Clock.systemUTC());
        new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index)
                .index(corpus, false);
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void since_nothingChanged_isNone() throws IOException {
        assertThat(CorpusChanges.since(corpus, indexDir, index).none()).isTrue();
    }

    @Test
    void since_fileTouchedButNotChanged_isNone() throws IOException {
        Files.setLastModifiedTime(corpus.resolve("alpha.txt"), LATER);

        assertThat(CorpusChanges.since(corpus, indexDir, index).none()).isTrue();
    }

    @Test
    void since_editedAddedRemovedAndManifest_eachCounted() throws IOException {
        write("alpha.txt", "Alpha\n\nThe first article now talks about something else entirely.");
        Files.setLastModifiedTime(corpus.resolve("alpha.txt"), LATER);
        write("delta.txt", "Delta\n\nA new article about drones.");
        Files.setLastModifiedTime(corpus.resolve("delta.txt"), LATER);
        Files.delete(corpus.resolve("beta.txt"));
        write("sources.yaml", "sources:\n  - file: gamma.md\n    publisher: Grain Weekly\n");
        Files.setLastModifiedTime(corpus.resolve("sources.yaml"), LATER);

        CorpusChanges changes = CorpusChanges.since(corpus, indexDir, index);

        assertThat(changes.changed()).containsExactly("alpha.txt");
        assertThat(changes.added()).containsExactly("delta.txt");
        assertThat(changes.removed()).containsExactly("beta.txt");
        assertThat(changes.manifestChanged()).isTrue();
        assertThat(changes.describe()).isEqualTo("1 file changed, 1 added, 1 removed, sources.yaml edited");
    }

    @Test
    void since_unreadableFileAddedThenAScanThatChangedNothing_isNoneAfterTheScan() throws IOException {
        write("empty.txt", "");
        Files.setLastModifiedTime(corpus.resolve("empty.txt"), LATER);
        assertThat(CorpusChanges.since(corpus, indexDir, index).added()).containsExactly("empty.txt");

        // A reindex reads the folder (skipping the empty file, so it commits nothing) and records its start.
        CorpusChanges.recordScan(indexDir, LATER.toInstant().plusSeconds(1));

        assertThat(CorpusChanges.since(corpus, indexDir, index).none()).isTrue();
    }

    @Test
    void since_hiddenFiles_areNotTheCorpus() throws IOException {
        write(".draft.txt", "A hidden draft");
        Files.setLastModifiedTime(corpus.resolve(".draft.txt"), LATER);

        assertThat(CorpusChanges.since(corpus, indexDir, index).none()).isTrue();
    }

    @Test
    void since_corpusFolderGone_saysSo() {
        assertThatThrownBy(() -> CorpusChanges.since(corpus.resolve("nope"), indexDir, index))
                .isInstanceOf(NoSuchFileException.class);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(corpus.resolve(name), text);
    }
}
