package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.UpdateReport;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.state.SqliteEmbeddingStore;
import org.citebot.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passage vectors: written with every new or changed passage, embedded once, and searchable by meaning. */
class PassageIndexVectorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T05:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private PassageIndex open(SqliteEmbeddingStore store) throws IOException {
        return PassageIndex.open(
                dir.resolve("index"),
                IndexSettings.defaults(),
                CLOCK,
                Optional.of(new PassageEmbedder(Models.bgeSmall(), store)));
    }

    @Test
    void update_withEmbedder_everyPassageCarriesAVectorAndTheCommitNamesTheModel() throws IOException {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"));
                PassageIndex index = open(store)) {
            index.update(TestCorpus.all());

            assertThat(index.metadata().vectorModel())
                    .isEqualTo(Models.bgeSmall().modelId());
            assertThat(vectorCount(index))
                    .isEqualTo(index.metadata().passages())
                    .isEqualTo(11);
        }
    }

    @Test
    void nearestVector_questionWithoutSharedWords_findsThePassageThatMeansIt() throws IOException {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"));
                PassageIndex index = open(store)) {
            index.update(List.of(
                    TestCorpus.document(
                            "harvest",
                            TestCorpus.metadata("Farming", null, null, null, null),
                            Para.of("Wheat yields fell after a dry spring across the plains.")),
                    TestCorpus.document(
                            "arms",
                            TestCorpus.metadata("Security", null, null, null, null),
                            Para.of("Finland's parliament voted to repeal its ban on nuclear weapons."))));

            float[] question = Models.bgeSmall().embedQuery("atomic bombs allowed in Scandinavia");
            IndexSearcher searcher = index.acquire();
            try {
                TopDocs nearest = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, question, 1), 1);
                assertThat(searcher.storedFields()
                                .document(nearest.scoreDocs[0].doc)
                                .get(IndexSchema.DOC_ID))
                        .isEqualTo("arms");
            } finally {
                index.release(searcher);
            }
        }
    }

    @Test
    void reindex_unchangedOrRebuiltCorpus_embedsNothingAgain() throws IOException {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            PassageEmbedder first = new PassageEmbedder(Models.bgeSmall(), store);
            try (PassageIndex index =
                    PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), CLOCK, Optional.of(first))) {
                index.update(TestCorpus.all());
                index.update(TestCorpus.all());
                index.rebuild(TestCorpus.all());
            }
            assertThat(first.embeddedCount()).as("embedded once").isEqualTo(11);
            assertThat(first.reusedCount()).as("the rebuild read them back").isEqualTo(11);
        }
    }

    @Test
    void update_changedDocument_embedsOnlyItsNewPassages() throws IOException {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            PassageEmbedder embedder = new PassageEmbedder(Models.bgeSmall(), store);
            try (PassageIndex index =
                    PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), CLOCK, Optional.of(embedder))) {
                IndexedDocument original = TestCorpus.document(
                        "doc",
                        TestCorpus.metadata("Talks", null, null, null, null),
                        Para.of("Negotiators met in Istanbul on Monday."),
                        Para.of("They agreed on a prisoner exchange."));
                IndexedDocument revised = TestCorpus.document(
                        "doc",
                        TestCorpus.metadata("Talks", null, null, null, null),
                        Para.of("Negotiators met in Istanbul on Monday."),
                        Para.of("They agreed on a grain corridor instead."));
                index.update(List.of(original));
                long before = embedder.embeddedCount();

                List<IndexProgress.Phase> phases = new CopyOnWriteArrayList<>();
                index.update(List.of(revised), (phase, done, total) -> phases.add(phase));

                assertThat(embedder.embeddedCount() - before).isEqualTo(1);
                assertThat(phases).contains(IndexProgress.Phase.EMBEDDING);
                assertThat(vectorCount(index)).isEqualTo(2);
            }
        }
    }

    @Test
    void needsRebuild_indexWithoutVectorsOpenedWithAnEmbedder_isRebuiltWithThem() throws IOException {
        try (PassageIndex lexical = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), CLOCK)) {
            lexical.update(TestCorpus.all());
            assertThat(lexical.metadata().hasVectors()).isFalse();
            assertThat(lexical.needsRebuild()).isFalse();
        }
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"));
                PassageIndex index = open(store)) {
            assertThat(index.needsRebuild()).isTrue();

            UpdateReport report = index.update(TestCorpus.all());

            assertThat(report.rebuilt()).isTrue();
            assertThat(index.needsRebuild()).isFalse();
            assertThat(vectorCount(index)).isEqualTo(11);
        }
        try (PassageIndex withoutModel = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), CLOCK)) {
            assertThat(withoutModel.needsRebuild())
                    .as("an index with vectors still answers where the model cannot run")
                    .isFalse();
        }
    }

    private static int vectorCount(PassageIndex index) throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            int count = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
                if (values != null) {
                    count += values.size();
                }
            }
            return count;
        } finally {
            index.release(searcher);
        }
    }
}
