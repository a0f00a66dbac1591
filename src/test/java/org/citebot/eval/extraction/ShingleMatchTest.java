package org.citebot.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's measure in Java: tokens, shingles and averaging as evaluate.py defines them. */
class ShingleMatchTest {

    @Test
    void tokens_matchPythonsUnicodeWordRuns() {
        assertThat(ShingleMatch.tokens("It’s 2019: naïve snake_case, 東京!"))
                .containsExactly("It", "s", "2019", "naïve", "snake_case", "東京");
        // Combining marks are not \w in Python, so a decomposed accent splits the word there too.
        assertThat(ShingleMatch.tokens("cafe\u0301 ok")).containsExactly("cafe", "ok");
    }

    @Test
    void of_identicalTexts_areAllTruePositives() {
        ShingleMatch match = ShingleMatch.of("one two three four five", "one two  three\nfour, five!");

        assertThat(match).isEqualTo(new ShingleMatch(1, 0, 0));
        assertThat(match.precision()).isEqualTo(1);
        assertThat(match.recall()).isEqualTo(1);
    }

    @Test
    void of_extraTextAndMissingText_countShinglesNormalisedToOne() {
        // truth shingles: [a b c d], [b c d e]; extracted: [a b c d], [b c d x]
        ShingleMatch match = ShingleMatch.of("a b c d e", "a b c d x");

        assertThat(match.truePositives()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(match.falsePositives()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(match.falseNegatives()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void of_shortTexts_areOneShingleOfWhatTheyHave() {
        assertThat(ShingleMatch.of("two words", "two words")).isEqualTo(new ShingleMatch(1, 0, 0));
        assertThat(ShingleMatch.of("two words", "two")).isEqualTo(new ShingleMatch(0, 0.5, 0.5));
    }

    @Test
    void scores_pageThatExtractedNothing_countsForRecallButNotPrecision() {
        ShingleMatch perfect = ShingleMatch.of("a b c d", "a b c d");
        ShingleMatch empty = ShingleMatch.of("a b c d", "");

        ExtractionScores scores = ExtractionScores.of(List.of(perfect, empty));

        assertThat(scores.precision()).isEqualTo(1.0);
        assertThat(scores.recall()).isEqualTo(0.5);
        assertThat(scores.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-12));
    }
}
