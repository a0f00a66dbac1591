package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.citebot.corpus.Passage;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.UpdateReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageIndexTest {

    private static final Instant FIRST_BUILD = Instant.parse("2026-11-22T04:00:00Z");
    private static final Instant SECOND_BUILD = Instant.parse("2026-11-22T05:00:00Z");

    @TempDir
    Path dir;

    private PassageIndex open(Instant now) throws IOException {
        return PassageIndex.open(dir, IndexSettings.defaults(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void update_freshIndex_addsEverythingAndRecordsMetadataThatSurvivesReopening() throws IOException {
        UpdateReport report;
        try (PassageIndex index = open(FIRST_BUILD)) {
            assertThat(index.metadata().generation()).isZero();
            assertThat(index.documents()).isEmpty();
            report = index.update(TestCorpus.all());
        }
        assertThat(report.added())
                .containsExactly(
                        TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID, TestCorpus.GRAIN_ID);
        assertThat(report.replaced()).isEmpty();
        assertThat(report.changed()).isTrue();

        try (PassageIndex reopened = open(SECOND_BUILD)) {
            IndexMetadata metadata = reopened.metadata();
            assertThat(metadata).isEqualTo(report.metadata());
            assertThat(metadata.schemaVersion()).isEqualTo(IndexSchema.VERSION);
            assertThat(metadata.documents()).isEqualTo(4);
            assertThat(metadata.passages()).isEqualTo(4 + 3 + 2 + 2);
            assertThat(metadata.builtAt()).isEqualTo(FIRST_BUILD);
            assertThat(metadata.generation()).isEqualTo(1);
            assertThat(metadata.corpusFingerprint()).hasSize(64);
            assertThat(reopened.needsRebuild()).isFalse();

            List<DocumentSummary> documents = reopened.documents();
            assertThat(documents)
                    .extracting(DocumentSummary::docId)
                    .containsExactly(
                            TestCorpus.SUMMIT_ID,
                            TestCorpus.ESCALATION_ID,
                            TestCorpus.TREATIES_ID,
                            TestCorpus.GRAIN_ID);
            assertThat(documents).extracting(DocumentSummary::passages).containsExactly(4, 3, 2, 2);
            assertThat(documents.get(2).metadata())
                    .isEqualTo(TestCorpus.treaties().document().metadata());
            assertThat(documents.get(2).metadata().url()).isEmpty();
        }
    }

    @Test
    void update_commit_writesMetadataIntoLuceneCommitUserData() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            index.update(TestCorpus.all());
        }
        try (FSDirectory directory = FSDirectory.open(dir);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            Map<String, String> userData = reader.getIndexCommit().getUserData();
            assertThat(userData)
                    .containsEntry("citebot.schema_version", Integer.toString(IndexSchema.VERSION))
                    .containsEntry("citebot.documents", "4")
                    .containsEntry("citebot.passages", "11")
                    .containsEntry("citebot.built_at", "2026-11-22T04:00:00Z")
                    .containsEntry("citebot.generation", "1")
                    .containsEntry("citebot.analyzer", IndexSettings.defaults().analyzerId())
                    .containsKey("citebot.corpus_fingerprint");
        }
    }

    @Test
    void update_sameCorpusAgain_skipsEveryDocumentAndDoesNotCommit() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            IndexMetadata first = index.update(TestCorpus.all()).metadata();

            UpdateReport again = index.update(TestCorpus.all());

            assertThat(again.unchanged()).hasSize(4);
            assertThat(again.added()).isEmpty();
            assertThat(again.changed()).isFalse();
            assertThat(index.metadata()).isEqualTo(first);
        }
    }

    @Test
    void update_changedAndRemovedDocuments_replacesOnlyChangedAndDeletesRemoved() throws IOException {
        try (PassageIndex index =
                PassageIndex.open(dir, IndexSettings.defaults(), Clock.fixed(FIRST_BUILD, ZoneOffset.UTC))) {
            index.update(TestCorpus.all());
        }
        IndexedDocument revised = TestCorpus.document(
                TestCorpus.ESCALATION_ID,
                TestCorpus.escalation().document().metadata(),
                Para.of("A revised article now discusses ceasefire negotiations in Istanbul."));
        try (PassageIndex index = open(SECOND_BUILD)) {
            UpdateReport report = index.update(List.of(TestCorpus.summit(), revised, TestCorpus.treaties()));

            assertThat(report.replaced()).containsExactly(TestCorpus.ESCALATION_ID);
            assertThat(report.unchanged()).containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.TREATIES_ID);
            assertThat(report.deleted()).containsExactly(TestCorpus.GRAIN_ID);
            assertThat(report.added()).isEmpty();
            IndexMetadata metadata = index.metadata();
            assertThat(metadata.generation()).isEqualTo(2);
            assertThat(metadata.builtAt()).isEqualTo(SECOND_BUILD);
            assertThat(metadata.documents()).isEqualTo(3);
            assertThat(metadata.passages()).isEqualTo(4 + 1 + 2);
            assertThat(index.documents())
                    .extracting(DocumentSummary::docId)
                    .containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID);
            assertThat(passagesOf(index, TestCorpus.ESCALATION_ID)).isEqualTo(1);
            assertThat(passagesOf(index, TestCorpus.GRAIN_ID)).isZero();
            assertThat(bodyMatches(index, "istanbul")).isEqualTo(1);
            assertThat(bodyMatches(index, "himar")).isZero();
        }
    }

    @Test
    void update_everyCommit_increasesGenerationAndChangesFingerprint() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            IndexMetadata first = index.update(List.of(TestCorpus.summit())).metadata();
            IndexMetadata second = index.update(List.of(TestCorpus.summit(), TestCorpus.grain()))
                    .metadata();
            IndexMetadata third = index.update(List.of(TestCorpus.grain())).metadata();

            assertThat(List.of(first.generation(), second.generation(), third.generation()))
                    .containsExactly(1L, 2L, 3L);
            assertThat(second.corpusFingerprint()).isNotEqualTo(first.corpusFingerprint());
            assertThat(third.corpusFingerprint()).isNotEqualTo(second.corpusFingerprint());
        }
    }

    @Test
    void update_failingMidIteration_rollsBackAndLastCommitKeepsAnswering() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            IndexMetadata before = index.update(TestCorpus.all()).metadata();
            IndexedDocument revised = TestCorpus.document(
                    TestCorpus.SUMMIT_ID,
                    TestCorpus.summit().document().metadata(),
                    Para.of("A revised passage about ceasefire negotiations in Istanbul."));
            List<IndexedDocument> corpus = List.of(revised, TestCorpus.escalation(), TestCorpus.treaties());
            List<IndexedDocument> failing = new AbstractList<>() {
                @Override
                public IndexedDocument get(int i) {
                    if (i == 2) {
                        throw new IllegalStateException("disk went away while reading the corpus");
                    }
                    return corpus.get(i);
                }

                @Override
                public int size() {
                    return corpus.size();
                }
            };

            assertThatThrownBy(() -> index.update(failing)).hasMessageContaining("disk went away");

            assertThat(index.metadata()).isEqualTo(before);
            assertThat(passagesOf(index, TestCorpus.SUMMIT_ID)).isEqualTo(4);
            assertThat(bodyMatches(index, "istanbul")).isZero();
            // Every passage of the summit article carries its title, "... NATO summit in Ankara ...".
            assertThat(bodyMatches(index, "ankara")).isEqualTo(4);

            UpdateReport retry = index.update(corpus);
            assertThat(retry.metadata().generation()).isEqualTo(before.generation() + 1);
            assertThat(bodyMatches(index, "istanbul")).isEqualTo(1);
        }
    }

    @Test
    void update_passageOfAnotherDocument_failsWithoutChangingTheIndex() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            IndexMetadata before = index.update(List.of(TestCorpus.summit())).metadata();
            IndexedDocument grain = TestCorpus.grain();
            List<Passage> wrong = new ArrayList<>(grain.passages());
            wrong.add(new Passage("someone_else", 9, 9, java.util.Optional.empty(), "stray", 0, 5));
            IndexedDocument broken = new IndexedDocument(grain.document(), wrong);

            assertThatThrownBy(() -> index.update(List.of(TestCorpus.summit(), broken)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong");

            assertThat(index.metadata()).isEqualTo(before);
            assertThat(passagesOf(index, TestCorpus.GRAIN_ID)).isZero();
        }
    }

    @Test
    void update_duplicateDocumentIds_isRejected() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            assertThatThrownBy(() -> index.update(List.of(TestCorpus.grain(), TestCorpus.grain())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("listed twice");
            assertThat(index.metadata().generation()).isZero();
        }
    }

    @Test
    void rebuild_unchangedCorpus_rewritesEveryDocumentAsReplaced() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            index.update(TestCorpus.all());

            UpdateReport report = index.rebuild(TestCorpus.all());

            assertThat(report.rebuilt()).isTrue();
            assertThat(report.unchanged()).isEmpty();
            assertThat(report.replaced()).hasSize(4);
            assertThat(index.metadata().generation()).isEqualTo(2);
            assertThat(index.metadata().passages()).isEqualTo(11);
            assertThat(passagesOf(index, TestCorpus.SUMMIT_ID)).isEqualTo(4);
        }
    }

    @Test
    void update_everyEntryHasABodyNorm_butOnlyPassagesCountInTheBodysStatistics() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            index.update(TestCorpus.all());
            IndexSearcher searcher = index.acquire();
            try {
                int passages = TestCorpus.all().stream()
                        .mapToInt(document -> document.passages().size())
                        .sum();
                int entries = 0;
                int withNorm = 0;
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    entries += leaf.reader().maxDoc();
                    NumericDocValues norms = leaf.reader().getNormValues(IndexSchema.BODY);
                    while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                        withNorm++;
                    }
                }
                // Dense norms (the records' empty body), while the records neither match nor weigh.
                assertThat(withNorm)
                        .isEqualTo(entries)
                        .isEqualTo(passages + TestCorpus.all().size());
                assertThat(searcher.collectionStatistics(IndexSchema.BODY).docCount())
                        .isEqualTo(passages);
            } finally {
                index.release(searcher);
            }
        }
    }

    @Test
    void acquire_searcherHeldAcrossUpdate_keepsSeeingItsPointInTime() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            index.update(List.of(TestCorpus.summit()));
            IndexSearcher old = index.acquire();
            try {
                index.update(List.of(TestCorpus.summit(), TestCorpus.grain()));

                assertThat(old.count(new TermQuery(new Term(IndexSchema.BODY, "grain"))))
                        .isZero();
                // Both passages of the grain article carry its title, "Grain exports ...".
                assertThat(bodyMatches(index, "grain")).isEqualTo(2);
            } finally {
                index.release(old);
            }
        }
    }

    @Test
    void open_indexFromOlderSchema_needsRebuildAndUpdateRewritesIt() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer =
                        new IndexWriter(directory, new IndexWriterConfig().setSimilarity(new BM25Similarity()))) {
            Document stale = new Document();
            stale.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_PASSAGE, Field.Store.NO));
            stale.add(new StringField(IndexSchema.BODY, "stale", Field.Store.YES));
            writer.addDocument(stale);
            writer.setLiveCommitData(Map.of(
                            IndexSchema.COMMIT_SCHEMA_VERSION,
                            Integer.toString(IndexSchema.VERSION - 1),
                            IndexSchema.COMMIT_GENERATION,
                            "7")
                    .entrySet());
            writer.commit();
        }
        try (PassageIndex index = open(FIRST_BUILD)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.metadata().schemaVersion()).isEqualTo(IndexSchema.VERSION - 1);

            UpdateReport report = index.update(List.of(TestCorpus.grain()));

            assertThat(report.rebuilt()).isTrue();
            assertThat(report.added()).containsExactly(TestCorpus.GRAIN_ID);
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.metadata().generation()).isEqualTo(8);
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                assertThat(reader.numDocs()).isEqualTo(2 + 1);
            }
        }
    }

    @Test
    void open_indexWithAnotherAnalysis_needsRebuild() throws IOException {
        try (PassageIndex index = open(FIRST_BUILD)) {
            index.update(List.of(TestCorpus.grain()));
        }
        IndexSettings other = new IndexSettings("standard-v1", IndexSchema::englishAnalyzer, 0.9f, 0.4f);
        try (PassageIndex index = PassageIndex.open(dir, other, Clock.fixed(SECOND_BUILD, ZoneOffset.UTC))) {
            assertThat(index.needsRebuild()).isTrue();

            UpdateReport report = index.update(List.of(TestCorpus.summit()));

            assertThat(report.rebuilt()).isTrue();
            assertThat(report.added()).containsExactly(TestCorpus.SUMMIT_ID);
            assertThat(report.deleted()).containsExactly(TestCorpus.GRAIN_ID);
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.documents()).extracting(DocumentSummary::docId).containsExactly(TestCorpus.SUMMIT_ID);
        }
    }

    private static int passagesOf(PassageIndex index, String docId) throws IOException {
        return count(
                index,
                new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexSchema.DOC_ID, docId)), Occur.FILTER)
                        .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), Occur.FILTER)
                        .build());
    }

    private static int bodyMatches(PassageIndex index, String term) throws IOException {
        return count(index, new TermQuery(new Term(IndexSchema.BODY, term)));
    }

    private static int count(PassageIndex index, org.apache.lucene.search.Query query) throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            return searcher.count(query);
        } finally {
            index.release(searcher);
        }
    }
}
