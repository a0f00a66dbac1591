package org.citebot.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.citebot.search.HighlightSpan;
import org.junit.jupiter.api.Test;

class StyledTextTest {

    private static final String TEXT =
            "The war in Ukraine has entered a dangerous new stage. On the eve of the NATO summit "
                    + "in Ankara, the European powers are escalating the conflict with Russia. Such a war would not remain "
                    + "confined to Ukraine.";

    @Test
    void excerpt_fits_returnsSameText() {
        StyledText text = StyledText.plain("short");

        assertThat(text.excerpt(100)).isSameAs(text);
    }

    @Test
    void excerpt_tooLong_staysWithinLimitAndEndsWithEllipsisAtWordBoundary() {
        StyledText text = StyledText.plain(TEXT);

        StyledText cut = text.excerpt(60);

        assertThat(cut.text()).hasSizeLessThanOrEqualTo(60).endsWith("…");
        String body = cut.text().substring(0, cut.text().length() - 1);
        assertThat(TEXT).startsWith(body);
        assertThat(Character.isWhitespace(TEXT.charAt(body.length()))).isTrue();
    }

    @Test
    void excerpt_matchFarIntoText_keepsFirstMatchBoldAndInView() {
        int at = TEXT.indexOf("Russia");
        StyledText text = new StyledText(TEXT, List.of(new HighlightSpan(at, at + "Russia".length())));

        StyledText cut = text.excerpt(80);

        assertThat(cut.text()).hasSizeLessThanOrEqualTo(80).startsWith("…");
        assertThat(cut.bold()).hasSize(1);
        HighlightSpan span = cut.bold().get(0);
        assertThat(cut.text().substring(span.start(), span.end())).isEqualTo("Russia");
    }

    @Test
    void append_shiftsSpansOfTheSecondText() {
        StyledText joined = StyledText.plain("a ").append(StyledText.bold("b")).append(StyledText.plain(" c"));

        assertThat(joined.text()).isEqualTo("a b c");
        assertThat(joined.bold()).containsExactly(new HighlightSpan(2, 3));
    }

    @Test
    void slice_clipsSpansCrossingTheCut() {
        StyledText text = new StyledText("abcdef", List.of(new HighlightSpan(1, 4)));

        assertThat(text.slice(2, 6).bold()).containsExactly(new HighlightSpan(0, 2));
    }

    @Test
    void constructor_overlappingSpans_rejected() {
        assertThatThrownBy(() -> new StyledText("abcdef", List.of(new HighlightSpan(0, 3), new HighlightSpan(2, 4))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excerpt_surrogatePairAtCut_isNotSplit() {
        String emoji = "😀".repeat(40);
        StyledText cut = StyledText.plain(emoji).excerpt(21);

        assertThat(cut.text().codePoints().allMatch(cp -> cp == 0x1F600 || cp == '…'))
                .isTrue();
        assertThat(cut.text().length()).isLessThanOrEqualTo(21);
    }
}
