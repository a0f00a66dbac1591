package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.IndexSchema;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.DocumentSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The closest titles a search that found nothing names: shared terms count one, typos one half,
 * ties by title; the titles analyzed once per list of documents, never answered from an older list.
 */
class NoMatchSuggestionsTest {

    private final Analyzer analyzer = IndexSchema.perFieldAnalyzer(IndexSchema.englishAnalyzer());
    private final UserQueryParser parser = new UserQueryParser(analyzer);
    private final NoMatchSuggestions suggestions = new NoMatchSuggestions(parser);

    @AfterEach
    void closeAnalyzer() {
        analyzer.close();
    }

    @Test
    void closestTitles_sharedTermsBeforeTypos_tiesByTitle_eachTitleOnce() {
        List<DocumentSummary> documents = List.of(
                summary("a", "Grain exports through the Black Sea"),
                summary("b", "Black Sea fleet movements"),
                summary("c", "Grain prices in Europe"),
                summary("d", "Grain exports through the Black Sea"),
                summary("e", "Nuclear arms control"));

        assertThat(titles(documents, "black sea grain"))
                .containsExactly(
                        "Grain exports through the Black Sea", "Black Sea fleet movements", "Grain prices in Europe");
        assertThat(titles(documents, "grein exprts"))
                .as("two typos, half each")
                .containsExactly("Grain exports through the Black Sea", "Grain prices in Europe");
        assertThat(titles(documents, "quantum chromodynamics")).isEmpty();
    }

    @Test
    void closestTitles_aTermAndATypoOfItInOneTitle_countOnce() {
        List<DocumentSummary> documents = List.of(summary("a", "Exports and exprts"), summary("b", "Exports of grain"));

        // "exports" is shared by both; the typo in a's title adds nothing to the term already found.
        assertThat(titles(documents, "exports grain")).containsExactly("Exports of grain", "Exports and exprts");
    }

    @Test
    void closestTitles_onlyTitlesTheAudienceSees() {
        DocumentSummary ownArticle = new DocumentSummary(
                "walrus", metadata("Walrus migration"), 3, DocumentOrigin.added(Optional.of("server-1")));
        List<DocumentSummary> documents = List.of(summary("a", "Walrus tusks"), ownArticle);

        assertThat(suggestions.closestTitles(
                        documents, parser.parse("walrus migration"), Audience.in(Optional.of("server-1"))))
                .containsExactly("Walrus migration", "Walrus tusks");
        assertThat(suggestions.closestTitles(
                        documents, parser.parse("walrus migration"), Audience.in(Optional.of("server-2"))))
                .containsExactly("Walrus tusks");
    }

    @Test
    void closestTitles_anotherListOfDocuments_isAnalyzedAnew() {
        List<DocumentSummary> before = List.of(summary("a", "Grain exports"));
        List<DocumentSummary> after = new ArrayList<>(List.of(summary("a", "Fertiliser exports")));

        assertThat(titles(before, "grain exports")).containsExactly("Grain exports");
        assertThat(titles(after, "grain exports")).containsExactly("Fertiliser exports");
        assertThat(titles(before, "fertiliser")).isEmpty();
        assertThat(titles(List.of(), "grain")).isEmpty();
    }

    private List<String> titles(List<DocumentSummary> documents, String query) {
        return suggestions.closestTitles(documents, parser.parse(query), Audience.EVERYTHING);
    }

    private static DocumentSummary summary(String id, String title) {
        return new DocumentSummary(id, metadata(title), 1);
    }

    private static DocumentMetadata metadata(String title) {
        return new DocumentMetadata(
                title,
                Optional.empty(),
                Optional.empty(),
                Optional.of(LocalDate.of(2026, 1, 1)),
                Optional.empty(),
                "en");
    }
}
