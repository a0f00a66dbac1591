package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> sentences(String text) {
        return splitter.split(text).stream()
                .map(span -> text.substring(span.start(), span.end()))
                .toList();
    }

    @Test
    void split_plainSentences_cutAfterTerminalPunctuation() {
        assertThat(sentences("One is here. Two? Three! Four…"))
                .containsExactly("One is here.", "Two?", "Three!", "Four…");
    }

    @Test
    void split_abbreviationsAndInitials_areNotBoundaries() {
        assertThat(sentences("Mr. Smith flew to St. Petersburg with J. Doe. The U.S. Navy followed."))
                .containsExactly("Mr. Smith flew to St. Petersburg with J. Doe.", "The U.S. Navy followed.");
    }

    @Test
    void split_closingQuoteAfterPeriod_staysWithItsSentence() {
        assertThat(sentences("He said “no.” Then “yes.” (It was late.) Done."))
                .containsExactly("He said “no.”", "Then “yes.”", "(It was late.)", "Done.");
    }

    @Test
    void split_lowercaseAfterPeriod_isNotABoundary() {
        assertThat(sentences("Sales rose 3.5 percent vs. last year. e.g. this."))
                .containsExactly("Sales rose 3.5 percent vs. last year. e.g. this.");
    }
}
