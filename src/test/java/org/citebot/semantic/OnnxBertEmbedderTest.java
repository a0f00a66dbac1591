package org.citebot.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.citebot.testing.Models;
import org.junit.jupiter.api.Test;

class OnnxBertEmbedderTest {

    private final TextEmbedder model = Models.bgeSmall();

    @Test
    void embedQuery_anyQuestion_unitVectorOfTheModelsDimension() {
        float[] vector = model.embedQuery("how many civilians have died");

        assertThat(vector).hasSize(384);
        assertThat(dot(vector, vector)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void embedPassages_sameTextAloneOrWithOthers_sameVector() {
        String text = "NATO allies sent long-range missiles to Ukraine.";

        float[] alone = model.embedPassages(List.of(text)).get(0);
        float[] withOthers = model.embedPassages(List.of(
                        "A much longer and unrelated passage about the harvest and the weather in spring.", text))
                .get(1);

        assertThat(withOthers).containsExactly(alone);
    }

    @Test
    void embedQuery_paraphraseWithoutSharedWords_closerThanAnUnrelatedPassage() {
        List<float[]> passages = model.embedPassages(List.of(
                "Europe is preparing for a confrontation involving nuclear arms.",
                "The recipe calls for two cups of flour and a pinch of salt."));

        float[] question = model.embedQuery("atomic weapons");

        assertThat(dot(question, passages.get(0))).isGreaterThan(dot(question, passages.get(1)) + 0.1);
    }

    @Test
    void embedQuery_usesTheQueryInstruction_differsFromThePassageVector() {
        String text = "conscription in Ukraine";

        assertThat(dot(
                        model.embedQuery(text),
                        model.embedPassages(List.of(text)).get(0)))
                .isLessThan(0.999);
    }

    @Test
    void load_unknownName_namesTheModelsThatExist() {
        assertThatThrownBy(() -> EmbeddingModels.load("gpt-9", Path.of("target"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt-9")
                .hasMessageContaining(EmbeddingModels.BGE_SMALL_EN);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
