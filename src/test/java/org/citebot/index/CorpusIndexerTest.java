package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexer streams files into the index and passes over the ones it recognises as unchanged. */
class CorpusIndexerTest {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

    @TempDir
    Path dir;

    private Path corpus;
    private PassageIndex index;
    private CorpusIndexer indexer;

    @BeforeEach
    void setUp() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
        index = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC());
        indexer = new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index);
    }

    @AfterEach
    void tearDown() throws IOException {
        index.close();
    }

    private Path article(String name, String word) throws IOException {
        Path file = corpus.resolve(name);
        Files.writeString(
                file, "The survey team recorded the word " + word + " in its field notes on the northern coast.\n");
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
        return file;
    }

    private long hits(String word) {
        return new LuceneSearchService(index, SearchSettings.defaults())
                .search(SearchRequest.of(word, 10))
                .totalHits();
    }

    @Test
    void index_fileWithTheSameSizeTimeAndManifest_isPassedOverWithoutReadingIt() throws IOException {
        Path file = article("a.txt", "alpha");
        article("b.txt", "delta");
        indexer.index(corpus, false);

        // Same size, same time: only a run that reads the file could notice the new word.
        Files.writeString(file, "The survey team recorded the word bravo in its field notes on the northern coast.\n");
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
        CorpusIndexReport again = indexer.index(corpus, false);

        assertThat(again.update().unchanged()).containsExactlyInAnyOrder("a", "b");
        assertThat(again.update().changed()).isFalse();
        assertThat(again.passages()).isEqualTo(2);
        assertThat(hits("alpha")).isEqualTo(1);
        assertThat(hits("bravo")).isZero();

        CorpusIndexReport full = indexer.index(corpus, true);
        assertThat(full.update().replaced()).containsExactlyInAnyOrder("a", "b");
        assertThat(hits("bravo")).isEqualTo(1);
    }

    @Test
    void index_fileTouchedOrChangedOrDescribedAnew_isReadAgain() throws IOException {
        Path touched = article("touched.txt", "alpha");
        Path edited = article("edited.txt", "gamma");
        article("described.txt", "delta");
        indexer.index(corpus, false);

        Files.setLastModifiedTime(touched, FileTime.from(Instant.now()));
        Files.writeString(edited, "The survey team recorded another word, omega, and left the coast.\n");
        Files.writeString(
                corpus.resolve("sources.yaml"), "sources:\n  - file: described.txt\n    title: A New Title\n");
        CorpusIndexReport again = indexer.index(corpus, false);

        assertThat(again.update().unchanged()).containsExactly("touched");
        assertThat(again.update().replaced()).containsExactlyInAnyOrder("edited", "described");
        assertThat(hits("omega")).isEqualTo(1);
        assertThat(index.documents())
                .filteredOn(summary -> summary.docId().equals("described"))
                .singleElement()
                .extracting(summary -> summary.metadata().title())
                .isEqualTo("A New Title");
    }

    @Test
    void index_removedFile_isDeletedAndCountsStayRight() throws IOException {
        article("a.txt", "alpha");
        Path gone = article("b.txt", "delta");
        indexer.index(corpus, false);

        Files.delete(gone);
        CorpusIndexReport again = indexer.index(corpus, false);

        assertThat(again.update().deleted()).containsExactly("b");
        assertThat(again.documents()).isEqualTo(1);
        assertThat(index.metadata().documents()).isEqualTo(1);
        assertThat(index.metadata().passages()).isEqualTo(1);
        assertThat(hits("delta")).isZero();
    }
}
