package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;
import org.citebot.state.SqliteEmbeddingStore;
import org.citebot.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecomputedVectorsTest {

    private final TextEmbedder model = Models.bgeSmall();

    @TempDir
    Path dir;

    @Test
    void sharedSciFactVectors_agreeWithCitebotsOwnModel_andFillTheStoreUnderCitebotsKeys() throws Exception {
        Path scifact = EvalDataDirectory.locate(Path.of(""))
                .orElseThrow(() -> new AssertionError("../shared/eval is not beside the project"))
                .resolve("scifact");
        TestCollection collection = new BeirCollectionReader(new ObjectMapper()).read(scifact);
        PrecomputedVectors vectors = PrecomputedVectors.find(
                        scifact, PrecomputedVectors.folderFor(model).orElseThrow(), 384)
                .orElseThrow();

        assertThat(vectors.disagreement(collection, model)).isEmpty();

        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            assertThat(vectors.saveInto(store, collection, model)).isEqualTo(5_183);
            EvalDocument first = collection.documents().get(0);
            String key = PassageEmbedder.key(PrecomputedVectors.embeddedText(first));
            float[] own = model.embedPassages(List.of(PrecomputedVectors.embeddedText(first)))
                    .get(0);
            float[] stored = store.find(model.modelId(), List.of(key)).get(key);
            assertThat(stored).containsExactly(own, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void disagreement_vectorsOfAnotherModel_areRefusedWithTheRowNamed() throws Exception {
        TestCollection collection = collection(List.of(
                new EvalDocument("d1", "Tanks", "Tanks were sent."), new EvalDocument("d2", "Jets", "Jets followed.")));
        writeVectors(List.of("d1", "d2"), 384, 0.05f);

        Optional<String> refused =
                PrecomputedVectors.find(dir, "m", 384).orElseThrow().disagreement(collection, model);

        assertThat(refused)
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("row 0").contains("d1"));
    }

    @Test
    void find_vectorFileOfTheWrongSize_saysWhatWasExpected() throws Exception {
        writeVectors(List.of("d1", "d2"), 100, 0f);

        assertThatThrownBy(() -> PrecomputedVectors.find(dir, "m", 384))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("expected 3072");
    }

    @Test
    void find_noFiles_isEmpty() throws Exception {
        assertThat(PrecomputedVectors.find(dir, "m", 384)).isEmpty();
    }

    private void writeVectors(List<String> ids, int dimension, float value) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("embeddings").resolve("m"));
        Files.write(folder.resolve("corpus.ids"), ids);
        ByteBuffer bytes =
                ByteBuffer.allocate(ids.size() * dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining()) {
            bytes.putFloat(value);
        }
        Files.write(folder.resolve("corpus.f32"), bytes.array());
    }

    private static TestCollection collection(List<EvalDocument> documents) {
        return new TestCollection(
                "tiny", documents, List.of(), new RelevanceJudgements(java.util.Map.of()), AveragingMode.ALL_JUDGED);
    }
}
