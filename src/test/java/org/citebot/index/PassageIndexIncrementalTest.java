package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.UpdatePlan;
import org.citebot.passages.UpdateReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental updates by content hash, the read-only preview, progress, and failures inside the writer. */
class PassageIndexIncrementalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T05:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Counts how many body texts the index analyses: the work an unchanged document must not cost. */
    private final CountingAnalyzer counting = new CountingAnalyzer();

    private PassageIndex open() throws IOException {
        IndexSettings defaults = IndexSettings.defaults();
        IndexSettings settings =
                new IndexSettings(defaults.analyzerId(), () -> counting, defaults.bm25K1(), defaults.bm25B());
        return PassageIndex.open(dir, settings, CLOCK);
    }

    private static IndexedDocument revisedSummit() {
        return TestCorpus.document(
                TestCorpus.SUMMIT_ID,
                TestCorpus.summit().document().metadata(),
                Para.of("A revised passage about ceasefire negotiations in Istanbul."));
    }

    @Test
    void update_oneDocumentChanged_analysesOnlyThatDocumentAndReportsTheRestUnchanged() throws IOException {
        try (PassageIndex index = open()) {
            index.update(TestCorpus.all());
            assertThat(counting.bodies.get()).isEqualTo(11);

            UpdateReport report = index.update(
                    List.of(revisedSummit(), TestCorpus.escalation(), TestCorpus.treaties(), TestCorpus.grain()));

            assertThat(counting.bodies.get()).isEqualTo(11 + 1);
            assertThat(report.replaced()).containsExactly(TestCorpus.SUMMIT_ID);
            assertThat(report.unchanged())
                    .containsExactly(TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID, TestCorpus.GRAIN_ID);
            assertThat(report.metadata().generation()).isEqualTo(2);
            assertThat(bodyMatches(index, "istanbul")).isEqualTo(1);
            assertThat(bodyMatches(index, "himar")).isEqualTo(1);
        }
    }

    @Test
    void update_nothingChanged_analysesNothingAndLeavesTheLuceneCommitAlone() throws IOException {
        try (PassageIndex index = open()) {
            index.update(TestCorpus.all());
            long commitBefore = lastCommit().getGeneration();
            int analysedBefore = counting.bodies.get();

            UpdateReport report = index.update(TestCorpus.all());

            assertThat(report.unchanged()).hasSize(4);
            assertThat(report.changed()).isFalse();
            assertThat(counting.bodies.get()).isEqualTo(analysedBefore);
            assertThat(lastCommit().getGeneration()).isEqualTo(commitBefore);
            assertThat(index.metadata().generation()).isEqualTo(1);
        }
    }

    @Test
    void preview_changedAddedRemoved_listsThemWithoutWritingAndMatchesTheLaterUpdate() throws IOException {
        try (PassageIndex index = open()) {
            index.update(List.of(TestCorpus.summit(), TestCorpus.escalation(), TestCorpus.treaties()));
            IndexMetadata before = index.metadata();
            long commitBefore = lastCommit().getGeneration();
            int analysedBefore = counting.bodies.get();
            List<IndexedDocument> next = List.of(revisedSummit(), TestCorpus.treaties(), TestCorpus.grain());

            UpdatePlan plan = index.preview(next);

            assertThat(plan.added()).containsExactly(TestCorpus.GRAIN_ID);
            assertThat(plan.replaced()).containsExactly(TestCorpus.SUMMIT_ID);
            assertThat(plan.unchanged()).containsExactly(TestCorpus.TREATIES_ID);
            assertThat(plan.deleted()).containsExactly(TestCorpus.ESCALATION_ID);
            assertThat(plan.rebuild()).isFalse();
            assertThat(plan.changesIndex()).isTrue();
            assertThat(index.metadata()).isEqualTo(before);
            assertThat(lastCommit().getGeneration()).isEqualTo(commitBefore);
            assertThat(counting.bodies.get()).isEqualTo(analysedBefore);
            assertThat(bodyMatches(index, "istanbul")).isZero();

            UpdateReport report = index.update(next);
            assertThat(List.of(report.added(), report.replaced(), report.unchanged(), report.deleted()))
                    .isEqualTo(List.of(plan.added(), plan.replaced(), plan.unchanged(), plan.deleted()));
        }
    }

    @Test
    void update_withProgress_reportsEveryDocumentOfTheWritingPhaseInOrder() throws IOException {
        try (PassageIndex index = open()) {
            index.update(List.of(TestCorpus.summit()));
            List<String> events = new ArrayList<>();

            index.update(TestCorpus.all(), (phase, done, total) -> events.add(phase + " " + done + "/" + total));

            assertThat(events)
                    .containsExactly("WRITING 0/4", "WRITING 1/4", "WRITING 2/4", "WRITING 3/4", "WRITING 4/4");
        }
    }

    @Test
    void rebuild_failingInsideTheWriterHalfway_rollsBackAndTheOldCommitKeepsAnswering() throws IOException {
        try (PassageIndex index = open()) {
            IndexMetadata before = index.update(TestCorpus.all()).metadata();
            long commitBefore = lastCommit().getGeneration();
            List<IndexedDocument> next = List.of(revisedSummit(), TestCorpus.escalation(), TestCorpus.treaties());
            IndexProgress failHalfway = (phase, done, total) -> {
                if (done == 2) {
                    throw new IllegalStateException("writer failed half way");
                }
            };

            // A full rebuild deletes everything first: the old documents must survive its failure too.
            assertThatThrownBy(() -> index.rebuild(next, failHalfway)).hasMessageContaining("half way");

            assertThat(index.metadata()).isEqualTo(before);
            assertThat(lastCommit().getGeneration()).isEqualTo(commitBefore);
            assertThat(bodyMatches(index, "istanbul")).isZero();
            // Every passage carries its article's title: "... NATO summit in Ankara ...", "Grain exports ...".
            assertThat(bodyMatches(index, "ankara")).isEqualTo(4);
            assertThat(bodyMatches(index, "grain")).isEqualTo(2);
            assertThat(index.update(next).metadata().generation()).isEqualTo(before.generation() + 1);
        }
    }

    private IndexCommit lastCommit() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            List<IndexCommit> commits = DirectoryReader.listCommits(directory);
            return commits.get(commits.size() - 1);
        }
    }

    private static int bodyMatches(PassageIndex index, String term) throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            return searcher.count(new TermQuery(new Term(IndexSchema.BODY, term)));
        } finally {
            index.release(searcher);
        }
    }

    private static final class CountingAnalyzer extends AnalyzerWrapper {

        final AtomicInteger bodies = new AtomicInteger();
        private final Analyzer english = IndexSchema.englishAnalyzer();

        CountingAnalyzer() {
            super(Analyzer.PER_FIELD_REUSE_STRATEGY);
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return english;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
            if (IndexSchema.BODY.equals(fieldName)) {
                bodies.incrementAndGet();
            }
            return reader;
        }
    }
}
