package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataSnifferTest {

    private final MetadataSniffer sniffer = new MetadataSniffer();

    private MetadataHints sniff(String text) {
        return sniffer.sniff(List.of(text.split("\n", -1))).hints();
    }

    @Test
    void sniff_titleNameAndDate_areAllFound() {
        MetadataHints hints =
                sniff("\n\nWar Budgets Grow Again\n\nJohannes Stern\n30 June 2026\n\nBody text starts here.");

        assertThat(hints.title()).contains("War Budgets Grow Again");
        assertThat(hints.author()).contains("Johannes Stern");
        assertThat(hints.published()).contains(LocalDate.of(2026, 6, 30));
    }

    @Test
    void sniff_byLineWithoutDate_isAuthor() {
        assertThat(sniff("A Title\n\nBy Jane Doe\n\nBody.").author()).contains("Jane Doe");
    }

    @Test
    void sniff_headingUnderTitleWithoutDate_isNotMistakenForAuthor() {
        MetadataHints hints = sniff("A Title\n\nCrossing Red Lines\n\nBody text.");

        assertThat(hints.title()).contains("A Title");
        assertThat(hints.author()).isEmpty();
    }

    @Test
    void sniff_firstLineIsASentence_noTitle() {
        assertThat(sniff("This starts right away with a sentence.\n\nMore body.")
                        .title())
                .isEmpty();
    }

    @Test
    void parse_dateShapes_areAllUnderstood() {
        LocalDate expected = LocalDate.of(2026, 6, 30);

        assertThat(DateParsing.parse("30 June 2026")).contains(expected);
        assertThat(DateParsing.parse("June 30, 2026")).contains(expected);
        assertThat(DateParsing.parse("Jun. 30, 2026")).contains(expected);
        assertThat(DateParsing.parse("2026-06-30")).contains(expected);
        assertThat(DateParsing.parse("2026-06-30T08:00:00+02:00")).contains(expected);
        assertThat(DateParsing.parse("Published 30 June 2026")).contains(expected);
        assertThat(DateParsing.parse("Spring Offensives")).isEqualTo(Optional.empty());
        assertThat(DateParsing.parse("2026-13-45")).isEmpty();
    }
}
