package org.citebot.passages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.CorpusIndexer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus runs contract, run for every backend by a subclass that makes empty stores: the corpus
 * indexer streams the same corpus folder into either store and gets the same reports, for a first
 * run, a changed, a removed and an unchanged file, and a full rebuild.
 */
public abstract class CorpusRunsContract {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

    /** A new, empty store for one test, closed by the subclass after it. */
    protected abstract CorpusUpdates emptyCorpusStore() throws Exception;

    @TempDir
    Path dir;

    private Path corpus;

    @BeforeEach
    void makeCorpus() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
    }

    /** The corpus folder runs read. */
    protected Path corpus() {
        return corpus;
    }

    protected Path article(String name, String word) throws IOException {
        Path file = corpus.resolve(name);
        Files.writeString(
                file, "The survey team recorded the word " + word + " in its field notes on the northern coast.\n");
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
        return file;
    }

    protected static CorpusIndexer indexer(CorpusUpdates store) {
        return new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), store);
    }

    protected CorpusIndexReport run(CorpusIndexer indexer, boolean full) throws IOException {
        return indexer.index(corpus, full, IndexProgress.NONE, CommitGuard.none());
    }

    @Test
    void index_changedRemovedAndUnchangedFiles_giveTheSameReportsOnEveryBackend() throws Exception {
        CorpusUpdates store = emptyCorpusStore();
        CorpusIndexer indexer = indexer(store);
        article("alpha.txt", "alpha");
        article("bravo.txt", "bravo");
        Path charlie = article("charlie.txt", "charlie");

        CorpusIndexReport first = run(indexer, false);

        assertThat(first.update().added()).containsExactlyInAnyOrder("alpha", "bravo", "charlie");
        assertThat(first.update().deleted()).isEmpty();
        assertThat(first.documents()).isEqualTo(3);
        assertThat(first.passages()).isEqualTo(3);
        assertThat(first.update().metadata().generation()).isEqualTo(1);
        assertThat(first.update().metadata().documents()).isEqualTo(3);

        article("bravo.txt", "bravo and a longer note about the changed tide");
        Files.delete(charlie);
        CorpusIndexReport second = run(indexer, false);

        assertThat(second.update().added()).isEmpty();
        assertThat(second.update().replaced()).containsExactly("bravo");
        assertThat(second.update().unchanged()).containsExactly("alpha");
        assertThat(second.update().deleted()).containsExactly("charlie");
        assertThat(second.update().rebuilt()).isFalse();
        assertThat(second.update().metadata().generation()).isEqualTo(2);
        assertThat(second.update().metadata().documents()).isEqualTo(2);
        assertThat(store.metadata()).isEqualTo(second.update().metadata());

        CorpusIndexReport third = run(indexer, false);

        assertThat(third.update().changed()).isFalse();
        assertThat(third.update().unchanged()).containsExactlyInAnyOrder("alpha", "bravo");
        assertThat(store.metadata().generation()).isEqualTo(2);
    }

    @Test
    void index_secondRun_readsNoUnchangedFile() throws Exception {
        CorpusUpdates store = emptyCorpusStore();
        CorpusIndexer indexer = indexer(store);
        Path alpha = article("alpha.txt", "alpha");
        article("bravo.txt", "bravo");
        run(indexer, false);

        // Same size, same time, same reading: only a run that reads the file could notice the new word.
        article("alpha.txt", "delta");
        assertThat(alpha).content().contains("delta");
        CorpusIndexReport again = run(indexer, false);

        assertThat(again.update().unchanged()).containsExactlyInAnyOrder("alpha", "bravo");
        assertThat(again.update().changed()).isFalse();
        assertThat(store.metadata().generation()).isEqualTo(1);
    }

    @Test
    void index_fullRebuild_rewritesEveryFile_andServesOnlyTheCorpus() throws Exception {
        CorpusUpdates store = emptyCorpusStore();
        CorpusIndexer indexer = indexer(store);
        article("alpha.txt", "alpha");
        Path bravo = article("bravo.txt", "bravo");
        run(indexer, false);
        Files.delete(bravo);

        CorpusIndexReport full = run(indexer, true);

        assertThat(full.update().rebuilt()).isTrue();
        assertThat(full.update().replaced()).containsExactly("alpha");
        assertThat(full.update().deleted()).containsExactly("bravo");
        assertThat(store.metadata().generation()).isEqualTo(2);
        assertThat(store.metadata().documents()).isEqualTo(1);
    }

    @Test
    void preview_changedFile_plansWhatTheRunThenDoes_withoutWriting() throws Exception {
        CorpusUpdates store = emptyCorpusStore();
        CorpusIndexer indexer = indexer(store);
        article("alpha.txt", "alpha");
        run(indexer, false);
        article("alpha.txt", "alpha with a second word of note");
        article("bravo.txt", "bravo");

        CorpusPreview preview = indexer.preview(corpus, IndexProgress.NONE, CommitGuard.none());
        long afterPreview = store.metadata().generation();
        CorpusIndexReport report = run(indexer, false);

        assertThat(preview.plan())
                .isEqualTo(new UpdatePlan(List.of("bravo"), List.of("alpha"), List.of(), List.of(), false));
        assertThat(afterPreview).isEqualTo(1);
        assertThat(report.update().added()).isEqualTo(preview.plan().added());
        assertThat(report.update().replaced()).isEqualTo(preview.plan().replaced());
    }
}
