package org.citebot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SteadyRoundsTest {

    @Test
    void record_mediansStillFalling_keepsWarmingPastTheMinimum() {
        SteadyRounds rounds = new SteadyRounds(3, 20);

        assertThat(rounds.record(2_600_000)).isFalse();
        assertThat(rounds.record(1_250_000)).isFalse();
        assertThat(rounds.record(1_100_000)).isFalse();
        assertThat(rounds.record(1_020_000)).as("7% faster than the best").isFalse();
        assertThat(rounds.record(940_000)).isFalse();
    }

    @Test
    void record_twoRoundsInARowWithoutGain_endsTheWarmUp() {
        SteadyRounds rounds = new SteadyRounds(3, 20);
        rounds.record(2_000_000);
        rounds.record(1_000_000);

        assertThat(rounds.record(990_000)).as("1% faster: no gain").isFalse();
        assertThat(rounds.record(1_010_000)).isTrue();
        assertThat(rounds.medians()).containsExactly(2_000_000L, 1_000_000L, 990_000L, 1_010_000L);
    }

    @Test
    void record_oneSlowRoundBetweenFasterOnes_doesNotEndTheWarmUp() {
        SteadyRounds rounds = new SteadyRounds(3, 20);
        rounds.record(2_500_000);
        rounds.record(1_470_000);

        assertThat(rounds.record(1_640_000))
                .as("a slow round on a loaded machine")
                .isFalse();
        assertThat(rounds.record(1_100_000))
                .as("faster again: the count starts over")
                .isFalse();
        assertThat(rounds.record(1_090_000)).isFalse();
        assertThat(rounds.record(1_095_000)).isTrue();
    }

    @Test
    void record_steadyFromTheStart_stillRunsTheMinimum() {
        SteadyRounds rounds = new SteadyRounds(3, 20);

        assertThat(rounds.record(800_000)).isFalse();
        assertThat(rounds.record(800_000)).isFalse();
        assertThat(rounds.record(800_000)).isTrue();
    }

    @Test
    void record_neverSteady_stopsAtTheMaximum() {
        SteadyRounds rounds = new SteadyRounds(1, 4);

        assertThat(rounds.record(8_000_000)).isFalse();
        assertThat(rounds.record(4_000_000)).isFalse();
        assertThat(rounds.record(2_000_000)).isFalse();
        assertThat(rounds.record(1_000_000)).isTrue();
    }

    @Test
    void record_oneRoundAllowed_endsAfterIt() {
        assertThat(new SteadyRounds(1, 1).record(5_000_000)).isTrue();
    }

    @Test
    void new_maximumBelowMinimum_isRefused() {
        assertThatThrownBy(() -> new SteadyRounds(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
