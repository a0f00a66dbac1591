package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void fuse_itemSecondInBoth_beatsItemsFirstInOnlyOne() {
        List<ReciprocalRankFusion.Fused<String>> fused =
                ReciprocalRankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("d", "b", "e")), 60);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::item).containsExactly("b", "a", "d", "c", "e");
        assertThat(fused.get(0).score()).isEqualTo(1.0 / 62 + 1.0 / 62);
        assertThat(fused.get(0).ranks()).containsExactly(2, 2);
        assertThat(fused.get(2).ranks()).containsExactly(0, 1);
    }

    @Test
    void fuse_equalScores_keepFirstMetOrder() {
        List<ReciprocalRankFusion.Fused<String>> fused =
                ReciprocalRankFusion.fuse(List.of(List.of("x"), List.of("y")), 60);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::item).containsExactly("x", "y");
    }

    @Test
    void fuse_smallK_letsOneTopRankBeatAgreementLowerDown() {
        List<List<String>> rankings = List.of(List.of("a", "x", "b"), List.of("y", "z", "b"));

        assertThat(ReciprocalRankFusion.fuse(rankings, 60).get(0).item()).isEqualTo("b");
        assertThat(ReciprocalRankFusion.fuse(rankings, 0).get(0).item()).isEqualTo("a");
    }

    @Test
    void fuse_nothingRanked_nothingFused() {
        assertThat(ReciprocalRankFusion.fuse(List.of(List.<String>of(), List.<String>of()), 60))
                .isEmpty();
    }
}
