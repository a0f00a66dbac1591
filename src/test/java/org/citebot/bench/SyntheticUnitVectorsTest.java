package org.citebot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticUnitVectorsTest {

    private final SyntheticUnitVectors vectors = new SyntheticUnitVectors();

    @Test
    void embedPassages_sameText_sameUnitVectorOfTheModelsDimension() {
        List<float[]> first = vectors.embedPassages(List.of("Sanctions hit the economy.", "Another passage."));
        List<float[]> again = vectors.embedPassages(List.of("Sanctions hit the economy."));

        assertThat(first.get(0)).hasSize(384).containsExactly(again.get(0));
        double norm = 0;
        for (float value : first.get(0)) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void embedPassages_differentTexts_differentVectors() {
        List<float[]> two = vectors.embedPassages(List.of("Sanctions hit the economy.", "Another passage."));

        assertThat(two.get(0)).isNotEqualTo(two.get(1));
        assertThat(vectors.embedQuery("Sanctions hit the economy.")).isNotEqualTo(two.get(0));
        assertThat(vectors.modelId()).contains("synthetic");
    }
}
