package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citebot.corpus.TextCleaner.CleanParagraph;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    private final TextCleaner cleaner = new TextCleaner();

    private List<CleanParagraph> clean(String text) {
        return cleaner.clean(List.of(TextCleaner.normalizeSpaces(text).split("\n", -1)), Set.of(), Set.of());
    }

    private static List<String> texts(List<CleanParagraph> paragraphs) {
        return paragraphs.stream().map(CleanParagraph::text).toList();
    }

    @Test
    void clean_paragraphSplitMidSentence_isRejoinedWithOneSpace() {
        List<CleanParagraph> paragraphs =
                clean("They rearm on a scale unseen since the war,\n\nthe restructuring of industry follows.\n");

        assertThat(texts(paragraphs))
                .containsExactly("They rearm on a scale unseen since the war, the restructuring of industry follows.");
    }

    @Test
    void clean_splitInsideQuotation_isRejoined() {
        List<CleanParagraph> paragraphs = clean("Accommodation with its “Western\n\npartners.” This lies in ruins.\n");

        assertThat(texts(paragraphs)).containsExactly("Accommodation with its “Western partners.” This lies in ruins.");
    }

    @Test
    void clean_completeSentenceThenLowercase_staysApart() {
        List<CleanParagraph> paragraphs = clean("It ended here.\n\niPhones were everywhere.\n");

        assertThat(paragraphs).hasSize(2);
    }

    @Test
    void clean_titleCaseLine_becomesSectionOfFollowingParagraphs() {
        List<CleanParagraph> paragraphs =
                clean("Intro text here.\n\nCrossing Red Lines\n\nFirst under it.\n\nSecond under it.\n");

        assertThat(paragraphs)
                .extracting(CleanParagraph::section)
                .containsExactly(
                        Optional.empty(), Optional.of("Crossing Red Lines"), Optional.of("Crossing Red Lines"));
        assertThat(texts(paragraphs)).doesNotContain("Crossing Red Lines");
    }

    @Test
    void clean_longHeadingWithDashAndCommas_isHeading() {
        String heading =
                "This Whole Dynamic Must Be Urgently, Radically Changed—in the Interests of Humanity, Not Rival and"
                        + " Contending Imperialists";

        List<CleanParagraph> paragraphs = clean(heading + "\n\nAll this emphasizes why.\n");

        assertThat(paragraphs)
                .singleElement()
                .extracting(CleanParagraph::section)
                .isEqualTo(Optional.of(heading));
    }

    @Test
    void clean_sentenceCaseShortLine_isNotHeading() {
        assertThat(TextCleaner.looksLikeHeading("Map of countries supplying military aid to Ukraine"))
                .isFalse();
        assertThat(TextCleaner.looksLikeHeading("NATO heads meet in Germany.")).isFalse();
        assertThat(TextCleaner.looksLikeHeading("Spring Offensives")).isTrue();
    }

    @Test
    void clean_bareCredit_isDroppedAndLineAboveIsCaption() {
        List<CleanParagraph> paragraphs =
                clean("Body one.\n\nMap of countries supplying aid\n\n\nMap: Wikipedia\n\nBody two.\n");

        assertThat(texts(paragraphs)).containsExactly("Body one.", "Map of countries supplying aid", "Body two.");
        assertThat(paragraphs).extracting(CleanParagraph::caption).containsExactly(false, true, false);
    }

    @Test
    void clean_creditTrailingAfterSpaces_isCutAndLineIsCaption() {
        List<CleanParagraph> paragraphs = clean(
                "The US heads an alliance of powers centered in Europe.\u00A0 \u00A0  Photo: NATO\n\nBody text.\n");

        assertThat(paragraphs.get(0))
                .isEqualTo(new CleanParagraph(
                        Optional.empty(), "The US heads an alliance of powers centered in Europe.", true));
        assertThat(paragraphs.get(1).caption()).isFalse();
    }

    @Test
    void clean_creditAfterSingleSpace_isOrdinaryText() {
        List<CleanParagraph> paragraphs = clean("He took the picture. Photo: his own.\n");

        assertThat(paragraphs)
                .singleElement()
                .extracting(CleanParagraph::caption)
                .isEqualTo(false);
    }

    @Test
    void clean_altTextAboveCaption_isCaptionAndDuplicateIsDropped() {
        String text = "NATO heads meet.\n\n\nLeaders pose in Berlin.    Photo: AP\n\nBody.\n\n"
                + "Officers review a map.\n\n\nDonetsk, 2021: Officers review a map.    Photo: AP\n";

        List<CleanParagraph> paragraphs = clean(text);

        assertThat(texts(paragraphs))
                .containsExactly(
                        "NATO heads meet.",
                        "Leaders pose in Berlin.",
                        "Body.",
                        "Donetsk, 2021: Officers review a map.");
        assertThat(paragraphs).extracting(CleanParagraph::caption).containsExactly(true, true, false, true);
    }

    @Test
    void clean_captionAndBrokenBody_areNeverJoined() {
        List<CleanParagraph> paragraphs = clean("A picture of the summit    Photo: NATO\n\nthe summit went on.\n");

        assertThat(paragraphs).hasSize(2);
    }

    @Test
    void clean_spacesAndNbsp_areCollapsedButTypographyKept() {
        List<CleanParagraph> paragraphs = clean("So\u00A0 long\tas “the terms”—set   by them—hold.\n");

        assertThat(texts(paragraphs)).containsExactly("So long as “the terms”—set by them—hold.");
    }

    @Test
    void clean_linesOfOneBlock_areJoinedWithSpace() {
        List<CleanParagraph> paragraphs = clean("We can no longer afford this.\n—Bob Avakian, Interviews\n");

        assertThat(texts(paragraphs)).containsExactly("We can no longer afford this. —Bob Avakian, Interviews");
    }

    @Test
    void clean_footnoteBackLink_isRemoved() {
        assertThat(texts(clean("1. See the resource page. [back]\n"))).containsExactly("1. See the resource page.");
    }

    @Test
    void clean_knownHeadingsAndCaptions_areTakenFromMarkup() {
        List<CleanParagraph> paragraphs = cleaner.clean(
                List.of("why we read", "", "a sketch of the room", "", "Body under it."),
                Set.of("why we read"),
                Set.of("a sketch of the room"));

        assertThat(paragraphs)
                .containsExactly(
                        new CleanParagraph(Optional.of("why we read"), "a sketch of the room", true),
                        new CleanParagraph(Optional.of("why we read"), "Body under it.", false));
    }

    @Test
    void clean_millionShortParagraphsHalfOfThemBroken_rejoinsThemWithinSeconds() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500_000; i++) {
            lines.add("alpha beta");
            lines.add("");
            lines.add("gamma delta.");
            lines.add("");
        }

        // Removing each joined block from the list made this quadratic: minutes for a million blocks.
        List<CleanParagraph> paragraphs =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cleaner.clean(lines, Set.of(), Set.of()));

        assertThat(paragraphs).hasSize(500_000).allSatisfy(paragraph -> assertThat(paragraph.text())
                .isEqualTo("alpha beta gamma delta."));
    }

    @Test
    void clean_longChainOfBrokenParagraphs_isOneParagraphBuiltInLinearTime() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            lines.add("word" + i);
            lines.add("");
        }

        // Concatenating the growing paragraph once per piece copied gigabytes.
        List<CleanParagraph> paragraphs =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cleaner.clean(lines, Set.of(), Set.of()));

        assertThat(paragraphs).singleElement().satisfies(paragraph -> {
            assertThat(TextCleaner.wordCount(paragraph.text())).isEqualTo(200_000);
            assertThat(paragraph.text()).startsWith("word0 word1 ").endsWith(" word199999");
        });
    }

    @Test
    void wordCount_countsRunsSeparatedByWhitespace() {
        assertThat(TextCleaner.wordCount("")).isZero();
        assertThat(TextCleaner.wordCount(" \t ")).isZero();
        assertThat(TextCleaner.wordCount("one")).isEqualTo(1);
        assertThat(TextCleaner.wordCount("  one  two\tthree\nfour ")).isEqualTo(4);
        assertThat(TextCleaner.wordCount("\u2003one two\u2003")).isEqualTo(2);
    }
}
