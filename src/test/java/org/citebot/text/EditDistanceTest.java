package org.citebot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void between_countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("", "")).isZero();
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("CITEBOT_CORPUS_DIR", "CITEBOT_CORPUS_DRI"))
                .isEqualTo(2);
        assertThat(EditDistance.between("quillwurt", "quillwort")).isEqualTo(1);
        assertThat(EditDistance.between("abc", "abc")).isZero();
    }
}
