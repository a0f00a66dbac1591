package org.citebot.command;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.passages.DocumentSummary;
import org.citebot.search.HighlightSpan;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchResults;
import org.citebot.search.Snippet;

/** Documents, hits and results shared by the command and renderer tests. */
public final class SampleData {

    private SampleData() {}

    public static DocumentMetadata document(String title, String publisher, String author, LocalDate date, String url) {
        return new DocumentMetadata(
                title,
                Optional.of(author),
                Optional.of(publisher),
                Optional.of(date),
                Optional.of(URI.create(url)),
                "en");
    }

    public static DocumentSummary summary(String id, String title, String publisher, int passages) {
        return new DocumentSummary(
                id,
                new DocumentMetadata(
                        title,
                        Optional.empty(),
                        Optional.of(publisher),
                        Optional.of(LocalDate.of(2026, 6, 30)),
                        Optional.of(URI.create("https://example.org/" + id)),
                        "en"),
                passages);
    }

    /** A hit whose snippet is {@code text} with {@code word} in bold at each occurrence. */
    public static SearchHit hit(
            int rank,
            DocumentMetadata document,
            String docId,
            int paragraph,
            String section,
            String text,
            String word) {
        List<HighlightSpan> spans = new ArrayList<>();
        for (int at = text.indexOf(word); at >= 0 && !word.isEmpty(); at = text.indexOf(word, at + word.length())) {
            spans.add(new HighlightSpan(at, at + word.length()));
        }
        Passage passage = new Passage(docId, paragraph - 1, paragraph, Optional.of(section), text, 0, text.length());
        URI link = URI.create(document.url().orElseThrow() + "#:~:text=" + paragraph);
        return new SearchHit(
                rank, passage, document, 1.0f / rank, new Snippet(text, spans, false, false), Optional.of(link));
    }

    /** Three passages about nuclear escalation from two documents, as one page of five hits in all. */
    public static SearchResults threePassages() {
        DocumentMetadata atlantic = document(
                "Escalation ladders revisited",
                "The Atlantic Review",
                "Ann Lee",
                LocalDate.of(2026, 6, 30),
                "https://example.org/escalation");
        DocumentMetadata gazette = document(
                "Deterrence_in *Europe* [part 2]",
                "Policy Gazette",
                "B. O'Neil",
                LocalDate.of(2025, 1, 2),
                "https://example.org/deterrence");
        return new SearchResults(
                "nuclear escalation",
                5,
                false,
                0,
                List.of(
                        hit(
                                1,
                                atlantic,
                                "escalation",
                                3,
                                "The ladder",
                                "Nuclear escalation is rarely a single step. Each rung invites a response.",
                                "escalation"),
                        hit(
                                2,
                                gazette,
                                "deterrence",
                                7,
                                "# Europe",
                                "In Europe, escalation control depends on *credible* signals - and on allies.",
                                "escalation"),
                        hit(
                                3,
                                atlantic,
                                "escalation",
                                9,
                                "Conclusion",
                                "The escalation ladder is a metaphor, not a plan. @everyone should read it.",
                                "escalation")),
                12_000_000L,
                List.of(),
                List.of());
    }

    /** {@link #threePassages()} of a query whose count stopped at {@code atLeast}: more may match. */
    public static SearchResults threePassagesOfAtLeast(long atLeast) {
        SearchResults three = threePassages();
        return new SearchResults(
                three.normalizedQuery(),
                atLeast,
                true,
                three.offset(),
                three.hits(),
                three.tookNanos(),
                three.didYouMean(),
                three.closestTitles());
    }

    public static SearchResults noResults() {
        return new SearchResults(
                "nucular escalasion",
                0,
                false,
                0,
                List.of(),
                1_000_000L,
                List.of("nuclear escalation"),
                List.of("Escalation ladders revisited"));
    }
}
