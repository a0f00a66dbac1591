package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    private static final String LONG_TEXT =
            "In the early months of the war, Ukrainian forces won several significant victories that"
                    + " stalled Russian advances. Short-range, portable weapons such as Javelin missiles were highly effective"
                    + " in destroying Russian tanks and armored vehicles. But by late May, as the war moved to a different type"
                    + " of terrain, the administration approved shipping longer-range missiles to Ukraine. By September, there"
                    + " were a total of 34 systems in Ukraine. Officials said they changed the dynamics of the war, and created"
                    + " an opportunity for the Ukrainians to maneuver, particularly in the battle for the city of Kherson."
                    + " Throughout the fall and winter, drone and missile attacks wreaked havoc on the cities and infrastructure"
                    + " of the country, causing many deaths and great hardships on the civilian population.";

    @Test
    void excerpt_shortText_isWholeTextWithSpansUnchanged() {
        String text = "Ships carrying grain left Odesa.";
        List<HighlightSpan> spans = List.of(new HighlightSpan(14, 19));

        Snippet snippet = Snippets.excerpt(text, spans, 360);

        assertThat(snippet).isEqualTo(new Snippet(text, spans, false, false));
    }

    @Test
    void excerpt_matchDeepInLongText_startsAtItsSentenceAndKeepsSpansOnTheWord() {
        int kherson = LONG_TEXT.indexOf("Kherson");

        Snippet snippet = Snippets.excerpt(LONG_TEXT, List.of(new HighlightSpan(kherson, kherson + 7)), 360);

        assertThat(snippet.text())
                .hasSizeLessThanOrEqualTo(360)
                .startsWith("Officials said")
                .endsWith("population.");
        assertThat(snippet.cutStart()).isTrue();
        assertThat(snippet.cutEnd()).isFalse();
        HighlightSpan span = snippet.highlights().get(0);
        assertThat(snippet.text().substring(span.start(), span.end())).isEqualTo("Kherson");
        assertThat(LONG_TEXT).contains(snippet.text());
    }

    @Test
    void excerpt_matchFarIntoItsSentence_startsAtAWordShortlyBeforeIt() {
        int kherson = LONG_TEXT.indexOf("Kherson");

        Snippet snippet = Snippets.excerpt(LONG_TEXT, List.of(new HighlightSpan(kherson, kherson + 7)), 200);

        int start = LONG_TEXT.indexOf(snippet.text());
        assertThat(snippet.text()).hasSizeLessThanOrEqualTo(200).contains("Kherson");
        assertThat(kherson - start).isBetween(1, 60);
        assertThat(Character.isWhitespace(LONG_TEXT.charAt(start - 1))).isTrue();
        assertThat(Character.isWhitespace(
                        LONG_TEXT.charAt(start + snippet.text().length())))
                .isTrue();
        assertThat(snippet.cutStart()).isTrue();
        assertThat(snippet.cutEnd()).isTrue();
        HighlightSpan span = snippet.highlights().get(0);
        assertThat(snippet.text().substring(span.start(), span.end())).isEqualTo("Kherson");
    }

    @Test
    void excerpt_noMatches_isThePassageStartCutAtABoundary() {
        Snippet snippet = Snippets.excerpt(LONG_TEXT, List.of(), 200);

        assertThat(snippet.text()).startsWith("In the early months").hasSizeLessThanOrEqualTo(200);
        assertThat(snippet.highlights()).isEmpty();
        assertThat(snippet.cutStart()).isFalse();
        assertThat(snippet.cutEnd()).isTrue();
        assertThat(Character.isWhitespace(LONG_TEXT.charAt(snippet.text().length())))
                .isTrue();
    }

    @Test
    void excerpt_matchNearTheEnd_endsAtTheTextEndAndUsesTheRoomBefore() {
        int population = LONG_TEXT.indexOf("population");

        Snippet snippet = Snippets.excerpt(LONG_TEXT, List.of(new HighlightSpan(population, population + 10)), 300);

        assertThat(snippet.cutEnd()).isFalse();
        assertThat(snippet.text())
                .endsWith("civilian population.")
                .hasSizeGreaterThan(200)
                .hasSizeLessThanOrEqualTo(300);
        assertThat(Character.isWhitespace(
                        LONG_TEXT.charAt(LONG_TEXT.length() - snippet.text().length() - 1)))
                .isTrue();
    }

    @Test
    void excerpt_overlappingSpans_areMerged() {
        Snippet snippet = Snippets.excerpt(
                "nuclear war",
                List.of(new HighlightSpan(8, 11), new HighlightSpan(0, 7), new HighlightSpan(0, 11)),
                360);

        assertThat(snippet.highlights()).containsExactly(new HighlightSpan(0, 11));
    }

    @Test
    void excerpt_manyMatches_picksTheDensestStretch() {
        int first = LONG_TEXT.indexOf("Javelin");
        int second = LONG_TEXT.indexOf("drone");
        int third = LONG_TEXT.indexOf("missile attacks");

        Snippet snippet = Snippets.excerpt(
                LONG_TEXT,
                List.of(
                        new HighlightSpan(first, first + 7),
                        new HighlightSpan(second, second + 5),
                        new HighlightSpan(third, third + 7)),
                200);

        assertThat(snippet.highlights()).hasSize(2);
        assertThat(snippet.highlights())
                .allSatisfy(span -> assertThat(snippet.text().substring(span.start(), span.end()))
                        .isIn("drone", "missile"));
    }
}
