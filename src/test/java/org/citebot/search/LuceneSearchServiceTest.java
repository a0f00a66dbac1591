package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.UpdateReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuceneSearchServiceTest {

    @TempDir
    Path dir;

    private PassageIndex index;
    private LuceneSearchService search;

    private void build(List<IndexedDocument> documents) throws IOException {
        index = PassageIndex.open(
                dir, IndexSettings.defaults(), Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC));
        index.update(documents);
        search = new LuceneSearchService(index, SearchSettings.defaults());
    }

    @AfterEach
    void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    private SearchResults run(String query) {
        return search.search(SearchRequest.of(query, 10));
    }

    private SearchResults run(String query, SearchFilters filters) {
        return search.search(new SearchRequest(query, filters, 0, 10));
    }

    private static List<String> docIds(SearchResults results) {
        return results.hits().stream().map(hit -> hit.passage().docId()).toList();
    }

    private static IndexedDocument doc(String id, String title, Para... paras) {
        return TestCorpus.document(
                id, TestCorpus.metadata(title, null, null, null, "https://example.org/" + id), paras);
    }

    @Test
    void search_emptyIndex_findsNothingWithoutFailing() throws IOException {
        build(List.of());

        SearchResults results = run("nucleer summit");

        assertThat(results.totalHits()).isZero();
        assertThat(results.didYouMean()).isEmpty();
        assertThat(results.closestTitles()).isEmpty();
    }

    @Test
    void search_plainWords_returnsRankedPassagesWithMetadataSnippetAndLink() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("nuclear escalation");

        // nuclear: three passages; escalat*: three more in the body, and the title "...Escalations"
        // makes every passage of that document match.
        assertThat(results.totalHits()).isEqualTo(7);
        assertThat(results.totalIsLowerBound()).isFalse();
        assertThat(results.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7);
        SearchHit first = results.hits().get(0);
        assertThat(results.hits()).allSatisfy(hit -> assertThat(hit.score()).isLessThanOrEqualTo(first.score()));
        assertThat(first.passage().text()).containsIgnoringCase("nuclear");
        assertThat(first.document().title()).isNotBlank();
        assertThat(results.didYouMean()).isEmpty();
        assertThat(results.closestTitles()).isEmpty();
        assertThat(results.tookNanos()).isPositive();
        assertThat(results.hasMore()).isFalse();
    }

    @Test
    void search_quotedPhrase_onlyMatchesTheExactPhrase() throws IOException {
        build(TestCorpus.all());

        SearchResults loose = run("nuclear war");
        SearchResults phrase = run("\"nuclear war\"");

        assertThat(loose.totalHits()).isGreaterThan(3);
        assertThat(phrase.totalHits()).isEqualTo(1);
        assertThat(phrase.hits().get(0).passage().text()).contains("a nuclear war was very high");
    }

    @Test
    void search_exclusions_leaveOutPassagesWithTheWordOrPhrase() throws IOException {
        build(TestCorpus.all());

        assertThat(run("nuclear").totalHits()).isEqualTo(3);
        SearchResults withoutBiden = run("nuclear -Biden");
        assertThat(withoutBiden.totalHits()).isEqualTo(2);
        assertThat(withoutBiden.hits()).noneMatch(hit -> hit.passage().text().contains("Biden"));
        assertThat(run("nuclear -\"nuclear war\"").totalHits()).isEqualTo(2);
        assertThat(run("nuclear -\"nuclear arsenals\"").totalHits()).isEqualTo(2);
        assertThat(docIds(run("nuclear -\"nuclear arsenals\""))).doesNotContain(TestCorpus.TREATIES_ID);
    }

    @Test
    void search_titleMatch_ranksAboveTheSameMatchInTheBody() throws IOException {
        build(List.of(
                doc("body_match", "Ports closed early", Para.of("Drone strikes overnight.")),
                doc("title_match", "Drone strikes overnight", Para.of("Ports closed early."))));

        SearchResults results = run("drone");

        assertThat(docIds(results)).containsExactly("title_match", "body_match");
        SearchHit titleOnly = results.hits().get(0);
        assertThat(titleOnly.snippet().highlights()).isEmpty();
        assertThat(titleOnly.snippet().text()).isEqualTo("Ports closed early.");
    }

    @Test
    void search_sectionMatch_ranksAboveTheSameMatchInTheBody() throws IOException {
        build(List.of(
                doc("body_match", "Log", Para.under("Ports closed early", "Drone strikes overnight.")),
                doc("section_match", "Log", Para.under("Drone strikes overnight", "Ports closed early."))));

        assertThat(docIds(run("drone"))).containsExactly("section_match", "body_match");
    }

    @Test
    void search_termsNextToEachOther_rankAboveTheSameTermsFarApart() throws IOException {
        build(missileNearAndFarCorpus());

        SearchResults results = run("missile strike");

        assertThat(docIds(results)).containsExactly("near", "far");
        assertThat(results.hits().get(0).score())
                .isGreaterThan(results.hits().get(1).score());
    }

    @Test
    void search_proximityBoostTurnedOff_ranksByBm25Alone() throws IOException {
        build(missileNearAndFarCorpus());
        SearchSettings defaults = SearchSettings.defaults();
        SearchSettings noProximity = defaults.withProximityBoost(0f);

        SearchResults results =
                new LuceneSearchService(index, noProximity).search(SearchRequest.of("missile strike", 10));

        assertThat(results.hits().get(0).score())
                .isEqualTo(results.hits().get(1).score());
    }

    /** "missile" and "strike" side by side in "near", a sentence apart in "far"; otherwise the same words. */
    private static List<IndexedDocument> missileNearAndFarCorpus() {
        return List.of(
                doc(
                        "far",
                        "Report two",
                        Para.of(
                                "The missile reports mentioned weather, markets and sports; later the strike hit the depot.")),
                doc(
                        "near",
                        "Report one",
                        Para.of(
                                "The missile strike hit the depot; later reports mentioned weather, markets and sports.")));
    }

    private static List<IndexedDocument> sanctionsCorpus() {
        return List.of(
                doc(
                        "m_sanctions",
                        "Economic notes",
                        Para.of("Sanctions, sanctions and more sanctions hit the economy in spring."),
                        Para.of("Sanctions, sanctions and more sanctions hit the economy in summer."),
                        Para.of("Sanctions, sanctions and more sanctions hit the economy in autumn."),
                        Para.of("Sanctions, sanctions and more sanctions hit the economy in winter.")),
                doc(
                        "n_trade",
                        "Trade talks",
                        Para.of("Trade talks mentioned sanctions once among many other topics of the busy day."),
                        Para.of("Delegates discussed tariffs, quotas, shipping lanes and, briefly, sanctions relief.")),
                doc(
                        "o_energy",
                        "Energy prices",
                        Para.of("Energy prices rose; sanctions were one reason among several that analysts cited.")));
    }

    @Test
    void search_oneDocumentHoldsTheFirstSixtyCandidates_anotherDocumentsComparablePassageStillReachesTheFirstFive()
            throws IOException {
        // Sixty equally good passages of one document rank ahead of the other document's only
        // passage: deeper than any candidate window collects, so only a second look finds it.
        Para[] months = new Para[60];
        for (int i = 0; i < months.length; i++) {
            months[i] = Para.of("New sanctions hit the economy hard in week " + (i + 1) + ".");
        }
        build(List.of(
                doc("m_sanctions", "Economic notes", months),
                doc("n_trade", "Trade notes", Para.of("New sanctions hit the harbour trade hard in early March."))));

        SearchResults results = run("sanctions hit hard");

        List<String> ids = docIds(results);
        assertThat(ids.subList(0, 5)).contains("n_trade");
        assertThat(ids.subList(0, 5).stream().filter("m_sanctions"::equals)).hasSize(4);
        // Every page of the query sees the same order: the second page continues the first.
        SearchResults second = search.search(new SearchRequest("sanctions hit hard", SearchFilters.NONE, 5, 5));
        assertThat(docIds(second)).containsOnly("m_sanctions");
        assertThat(results.hits().subList(5, 10))
                .extracting(hit -> hit.passage().text())
                .containsExactlyElementsOf(
                        second.hits().stream().map(hit -> hit.passage().text()).toList());
    }

    @Test
    void search_diversityRuleTurnedOff_keepsEveryHitInScoreOrder() throws IOException {
        build(sanctionsCorpus());
        SearchSettings d = SearchSettings.defaults();
        SearchSettings noDiversity = d.withDiversityTop(0);

        SearchResults results = new LuceneSearchService(index, noDiversity).search(SearchRequest.of("sanctions", 10));

        assertThat(results.hits()).hasSize(7);
        assertThat(docIds(results).subList(0, 4)).containsOnly("m_sanctions");
    }

    /** One document with four passages as good as two other documents' three. */
    private static List<IndexedDocument> comparableSanctionsCorpus() {
        return List.of(
                doc(
                        "m_sanctions",
                        "Economic notes",
                        Para.of("New sanctions hit the economy hard in the spring months."),
                        Para.of("New sanctions hit the economy hard in the summer months."),
                        Para.of("New sanctions hit the economy hard in the autumn months."),
                        Para.of("New sanctions hit the economy hard in the winter months.")),
                doc(
                        "n_trade",
                        "Trade notes",
                        Para.of("New sanctions hit the harbour trade hard in early March."),
                        Para.of("New sanctions hit the grain trade hard in late April.")),
                doc("o_energy", "Energy notes", Para.of("New sanctions hit the gas supply hard in the cold weeks.")));
    }

    @Test
    void search_oneDocumentDominatesComparablePassages_firstFiveHoldAtMostTwoOfItsPassages() throws IOException {
        build(comparableSanctionsCorpus());

        SearchResults results = run("sanctions hit hard");

        assertThat(results.totalHits()).isEqualTo(7);
        List<String> ids = docIds(results);
        Map<String, Integer> firstFive = new HashMap<>();
        ids.subList(0, 5).forEach(id -> firstFive.merge(id, 1, Integer::sum));
        assertThat(firstFive)
                .containsEntry("m_sanctions", 2)
                .containsEntry("n_trade", 2)
                .containsEntry("o_energy", 1);
        assertThat(ids.subList(5, 7)).containsOnly("m_sanctions");
        assertThat(results.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void search_oneDocumentsPassagesClearlyBetter_areNotPushedDownForWeakerOnes() throws IOException {
        build(sanctionsCorpus());

        SearchResults results = run("sanctions");

        // Three mentions a passage against one in a longer passage: not comparable, so no cap.
        assertThat(docIds(results).subList(0, 4)).containsOnly("m_sanctions");
    }

    /** {@code documents} documents of ten passages each; every passage mentions tankers. */
    private static List<IndexedDocument> tankerCorpus(int documents) {
        List<IndexedDocument> corpus = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            Para[] paras = new Para[10];
            for (int p = 0; p < paras.length; p++) {
                // Scores differ by document length, so the ranking has a clear order.
                paras[p] = Para.of("Tanker number " + (d * 10 + p) + " sailed" + " far".repeat(p + d % 7) + ".");
            }
            corpus.add(doc(String.format("t%04d", d), "Convoy log " + d, paras));
        }
        return corpus;
    }

    @Test
    void search_moreMatchesThanTheExactCountThreshold_reportsALowerBoundAndMorePages() throws IOException {
        int documents = LuceneSearchService.EXACT_TOTAL_UP_TO / 10 + 20;
        build(tankerCorpus(documents));

        SearchResults results = run("tanker");

        assertThat(results.totalIsLowerBound()).isTrue();
        assertThat(results.totalHits()).isEqualTo(LuceneSearchService.EXACT_TOTAL_UP_TO);
        assertThat(results.hits()).hasSize(10);
        assertThat(results.hasMore()).isTrue();
        SearchResults last = search.search(
                new SearchRequest("tanker", SearchFilters.NONE, LuceneSearchService.EXACT_TOTAL_UP_TO - 10, 10));
        assertThat(last.hits()).hasSize(10);
        assertThat(last.hasMore()).as("a lower bound means passages beyond it").isTrue();
    }

    @Test
    void search_exactlyTheThresholdMatches_countsExactly() throws IOException {
        build(tankerCorpus(LuceneSearchService.EXACT_TOTAL_UP_TO / 10));

        SearchResults results = run("tanker");

        assertThat(results.totalIsLowerBound()).isFalse();
        assertThat(results.totalHits()).isEqualTo(LuceneSearchService.EXACT_TOTAL_UP_TO);
        SearchResults last = search.search(
                new SearchRequest("tanker", SearchFilters.NONE, LuceneSearchService.EXACT_TOTAL_UP_TO - 10, 10));
        assertThat(last.hits()).hasSize(10);
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void search_pageBeyondTheThreshold_countsExactlyAsDeepAsItCollects() throws IOException {
        int documents = LuceneSearchService.EXACT_TOTAL_UP_TO / 10 + 20;
        build(tankerCorpus(documents));

        SearchResults deep = search.search(new SearchRequest("tanker", SearchFilters.NONE, documents * 10 - 5, 10));

        assertThat(deep.totalIsLowerBound()).isFalse();
        assertThat(deep.totalHits()).isEqualTo(documents * 10L);
        assertThat(deep.hits()).hasSize(5);
        assertThat(deep.hasMore()).isFalse();
    }

    @Test
    void search_onlyOneDocumentMatches_returnsAllItsPassagesFirst() throws IOException {
        build(sanctionsCorpus());

        SearchResults results = run("economy");

        assertThat(docIds(results)).containsExactly("m_sanctions", "m_sanctions", "m_sanctions", "m_sanctions");
    }

    @Test
    void search_pages_concatenateToTheSingleListWithStableTotals() throws IOException {
        build(sanctionsCorpus());
        List<String> all =
                run("sanctions").hits().stream().map(hit -> hit.passage().id()).toList();

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            SearchResults page = search.search(new SearchRequest("sanctions", SearchFilters.NONE, offset, 3));
            assertThat(page.totalHits()).isEqualTo(7);
            assertThat(page.offset()).isEqualTo(offset);
            assertThat(page.hasMore()).isEqualTo(offset + 3 < 7);
            page.hits().forEach(hit -> paged.add(hit.passage().id()));
            assertThat(page.hits())
                    .extracting(SearchHit::rank)
                    .containsExactlyElementsOf(
                            java.util.stream.IntStream.rangeClosed(offset + 1, Math.min(offset + 3, 7))
                                    .boxed()
                                    .toList());
        }
        assertThat(paged).isEqualTo(all).doesNotHaveDuplicates().hasSize(7);
        assertThat(search.search(new SearchRequest("sanctions", SearchFilters.NONE, 20, 5))
                        .hits())
                .isEmpty();
        SearchResults farAway =
                search.search(new SearchRequest("sanctions", SearchFilters.NONE, Integer.MAX_VALUE - 1, 50));
        assertThat(farAway.hits()).isEmpty();
        assertThat(farAway.totalHits()).isEqualTo(7);
        assertThat(farAway.hasMore()).isFalse();
    }

    @Test
    void search_sourceFilter_matchesPublisherTitleOrIdIgnoringCase() throws IOException {
        build(TestCorpus.all());

        assertThat(docIds(run("Ukraine", SearchFilters.ofSource("REUTERS"))))
                .isNotEmpty()
                .containsOnly(TestCorpus.GRAIN_ID);
        assertThat(docIds(run("Ukraine", SearchFilters.ofSource("world socialist web site"))))
                .isNotEmpty()
                .containsOnly(TestCorpus.SUMMIT_ID);
        assertThat(docIds(run("nuclear", SearchFilters.ofSource("Notes on Arms Control Treaties"))))
                .containsExactly(TestCorpus.TREATIES_ID);
        assertThat(docIds(run("nuclear", SearchFilters.ofSource(TestCorpus.ESCALATION_ID.toUpperCase()))))
                .containsExactly(TestCorpus.ESCALATION_ID);
    }

    @Test
    void search_unknownSource_saysWhichPublishersThereAreInsteadOfNoPassages() throws IOException {
        build(TestCorpus.all());

        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource("Pravda")))
                .isInstanceOf(QueryException.class)
                .hasMessage("No source is named “Pravda”. A source is a publisher, a document title or a document id."
                        + " The publishers are Reading Group, Reuters, revcom.us, World Socialist Web Site.");
    }

    @Test
    void search_partialSourceName_namesTheSourcesItStarts() throws IOException {
        build(TestCorpus.all());

        assertThatThrownBy(() -> run("Ukraine", SearchFilters.ofSource("world")))
                .isInstanceOf(QueryException.class)
                .hasMessage("No source is named “world”. Sources starting with “world”: World Socialist Web Site.");
        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource(" RE ")))
                .hasMessage("No source is named “RE”. Sources starting with “RE”: Reading Group, Reuters, revcom.us.");
        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource("notes on")))
                .hasMessage("No source is named “notes on”. Sources starting with “notes on”: Notes on arms control"
                        + " treaties.");
        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource("003_")))
                .as("an id, when no name starts so")
                .hasMessage("No source is named “003_”. Sources starting with “003_”: " + TestCorpus.GRAIN_ID + ".");
    }

    @Test
    void search_unknownSource_manyPublishers_namesTenAndCountsTheRest() throws IOException {
        List<IndexedDocument> documents = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            documents.add(TestCorpus.document(
                    "d" + i,
                    TestCorpus.metadata("Report " + i, null, "Press " + (char) ('a' + i), null, null),
                    Para.of("A passage about grain exports number " + i + ".")));
        }
        build(documents);

        assertThatThrownBy(() -> run("grain", SearchFilters.ofSource("Press")))
                .hasMessageEndingWith("“Press”: Press a, Press b, Press c, Press d, Press e, Press f, Press g, Press h,"
                        + " Press i, Press j and 4 more.");
    }

    @Test
    void search_removedPublisher_isNoLongerNamed() throws IOException {
        build(TestCorpus.all());
        index.update(List.of(TestCorpus.summit(), TestCorpus.escalation(), TestCorpus.treaties()));

        assertThatThrownBy(() -> run("grain", SearchFilters.ofSource("Re")))
                .hasMessage("No source is named “Re”. Sources starting with “Re”: Reading Group, revcom.us.");
    }

    @Test
    void search_authorAndDateFilters_restrictTheDocuments() throws IOException {
        build(TestCorpus.all());
        SearchFilters maria =
                new SearchFilters(Optional.empty(), Optional.of("MARIA lopez"), Optional.empty(), Optional.empty());
        SearchFilters between = new SearchFilters(
                Optional.empty(),
                Optional.empty(),
                Optional.of(LocalDate.of(2024, 1, 1)),
                Optional.of(LocalDate.of(2025, 12, 31)));
        SearchFilters since2026 = new SearchFilters(
                Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2026, 1, 1)), Optional.empty());
        SearchFilters until = new SearchFilters(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2024, 3, 1)));

        assertThat(docIds(run("nuclear", maria))).containsExactly(TestCorpus.TREATIES_ID);
        assertThat(docIds(run("nuclear Ukraine", between)))
                .containsOnly(TestCorpus.TREATIES_ID, TestCorpus.GRAIN_ID)
                .contains(TestCorpus.TREATIES_ID, TestCorpus.GRAIN_ID);
        assertThat(docIds(run("nuclear Ukraine", since2026))).isNotEmpty().containsOnly(TestCorpus.SUMMIT_ID);
        assertThat(docIds(run("nuclear", until)))
                .containsOnly(TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID)
                .hasSize(2);
        SearchFilters backwards = new SearchFilters(
                Optional.empty(),
                Optional.empty(),
                Optional.of(LocalDate.of(2026, 1, 1)),
                Optional.of(LocalDate.of(2020, 1, 1)));
        assertThat(run("nuclear", backwards).totalHits()).isZero();
    }

    @Test
    void search_snippetSpans_pointExactlyAtTheMatchedWords() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("nuclear conflict");

        assertThat(results.hits()).isNotEmpty();
        assertThat(results.hits()).allSatisfy(hit -> {
            boolean bodyMatches = hit.passage().text().toLowerCase().matches("(?s).*\\b(nuclear|conflict)\\b.*");
            assertThat(hit.snippet().highlights().isEmpty()).isEqualTo(!bodyMatches);
            hit.snippet().highlights().forEach(span -> assertThat(hit.snippet()
                            .text()
                            .substring(span.start(), span.end())
                            .toLowerCase())
                    .isIn("nuclear", "conflict"));
        });
        assertThat(results.hits())
                .anySatisfy(hit -> assertThat(hit.snippet().highlights()).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void search_stemmedMatch_highlightsTheWordAsWritten() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("escalate");

        assertThat(results.hits()).isNotEmpty().allSatisfy(hit -> assertThat(
                        hit.snippet().highlights())
                .allSatisfy(span -> assertThat(hit.snippet().text().substring(span.start(), span.end()))
                        .matches("(?i)escalat\\w*")));
        assertThat(results.hits().stream().flatMap(hit -> hit.snippet().highlights().stream()
                        .map(span -> hit.snippet().text().substring(span.start(), span.end()))))
                .contains("escalating", "escalation");
    }

    @Test
    void search_quotedPhrase_matchesTheWordsAsWrittenNotOtherForms() throws IOException {
        build(List.of(
                doc("singular", "Warnings", Para.of("Putin warned that a red line would be crossed by the missiles.")),
                doc("plural", "Warnings", Para.of("The allies have crossed many red lines since the invasion."))));

        assertThat(docIds(run("\"red line\""))).containsExactly("singular");
        assertThat(docIds(run("\"red lines\""))).containsExactly("plural");
        assertThat(docIds(run("red line"))).containsExactlyInAnyOrder("singular", "plural");
    }

    @Test
    void search_quotedPhraseOnlyInAHeading_doesNotMatchThePassagesUnderIt() throws IOException {
        build(List.of(doc(
                "headed",
                "Escalation",
                Para.under("Red line", "Each step raised the stakes of the war."),
                Para.under("Red line", "Putin said a red line would be crossed."))));

        SearchResults results = run("\"red line\"");

        assertThat(results.totalHits()).isEqualTo(1);
        assertThat(results.hits().get(0).passage().text()).contains("a red line would be crossed");
    }

    @Test
    void search_quotedPhrase_neverJoinsAPassagesLastWordsToItsHeadingOrTitle() throws IOException {
        // Text, heading and title share one scored field; the phrase's stems stand there one after
        // the other only across the gap between the text and its heading, or its heading and title.
        build(List.of(
                doc("joined", "Line of contact", Para.under("Frontier", "The map was coloured red")),
                doc("apart", "Maps", Para.of("The map showed the line in red, far from the coast."))));

        assertThat(docIds(run("\"red line\""))).isEmpty();
        assertThat(docIds(run("\"red frontier\""))).isEmpty();
        assertThat(docIds(run("red line"))).containsExactlyInAnyOrder("apart", "joined");
    }

    @Test
    void search_quotedPhrase_whoseWordsAndStemsStandApart_doesNotMatch() throws IOException {
        build(List.of(
                doc("forms", "Warnings", Para.of("Putin warned that a red line would be crossed, as many lines were.")),
                doc("gap", "Cabinet", Para.of("The secretary for state met the head of the office."))));

        assertThat(docIds(run("\"red lines\""))).isEmpty();
        assertThat(docIds(run("\"red line\""))).containsExactly("forms");
        assertThat(docIds(run("\"secretary of state\""))).isEmpty();
        assertThat(docIds(run("\"secretary for state\""))).containsExactly("gap");
    }

    @Test
    void search_quotedStopWords_mustAppearToo() throws IOException {
        build(List.of(
                doc("office", "Cabinet", Para.of("The secretary of state met the minister in Kyiv.")),
                doc("state", "Cabinet", Para.of("The state secretary met the minister in Kyiv."))));

        assertThat(docIds(run("\"secretary of state\""))).containsExactly("office");
        assertThat(docIds(run("-\"secretary of state\" minister"))).containsExactly("state");
    }

    @Test
    void search_phrase_highlightsOnlyThePhraseWords() throws IOException {
        build(TestCorpus.all());

        Snippet snippet = run("\"nuclear war\"").hits().get(0).snippet();

        assertThat(snippet.highlights())
                .extracting(span -> snippet.text().substring(span.start(), span.end()))
                .containsExactly("nuclear", "war");
    }

    @Test
    void search_hits_linkToThePassageOrNothingWithoutUrl() throws IOException {
        build(TestCorpus.all());

        assertThat(run("deployed strategic warheads").hits()).isNotEmpty().allSatisfy(hit -> assertThat(hit.link())
                .isEmpty());
        SearchHit grain = run("grain Odesa").hits().get(0);
        assertThat(grain.link())
                .map(Object::toString)
                .contains("https://example.org/news/grain-corridor#:~:text=Ships%20carrying%20grain%20left%20Odesa,"
                        + "drone%20attacks%20on%20port%20infrastructure.");
    }

    @Test
    void search_misspelledWord_suggestsCorpusSpellingAndNoHits() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("nucleer");

        assertThat(results.totalHits()).isZero();
        assertThat(results.hits()).isEmpty();
        assertThat(results.didYouMean()).isNotEmpty().first().isEqualTo("nuclear");
    }

    @Test
    void search_misspelledTitleWords_suggestsCorrectionAndClosestTitle() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("Grian exprts");

        assertThat(results.totalHits()).isZero();
        assertThat(results.didYouMean()).first().isEqualTo("grain exports");
        assertThat(results.closestTitles()).first().isEqualTo("Grain exports through the Black Sea");
    }

    @Test
    void search_numberTheCorpusNeverUses_isNotCorrectedToANearbyNumber() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("2036");

        assertThat(results.totalHits()).isZero();
        assertThat(results.didYouMean())
                .as("2035 is in the corpus, but a year is not a typo")
                .isEmpty();
        assertThat(run("2035").totalHits()).isPositive();
    }

    @Test
    void search_sameTypoAfterReindex_correctedFromTheNewIndexNotACachedOldAnswer() throws IOException {
        build(List.of(TestCorpus.summit()));
        assertThat(run("grian").didYouMean()).doesNotContain("grain");
        assertThat(run("grian").didYouMean())
                .as("asked twice, answered the same")
                .doesNotContain("grain");

        index.update(List.of(TestCorpus.summit(), TestCorpus.grain()));

        assertThat(run("grian").didYouMean()).first().isEqualTo("grain");
    }

    @Test
    void search_nothingMatchesButSpelledRight_suggestsNoCorrection() throws IOException {
        build(TestCorpus.all());

        SearchResults results = run("nuclear", SearchFilters.ofSource("Reuters"));

        assertThat(results.totalHits()).isZero();
        assertThat(results.didYouMean()).isEmpty();
    }

    @Test
    void normalizedQuery_sameQuestionTypedDifferently_isEqual() throws IOException {
        build(TestCorpus.all());

        SearchResults typed = run("NATO  Summit?");
        SearchResults plain = run("nato summit");

        assertThat(typed.normalizedQuery()).isEqualTo(plain.normalizedQuery()).isEqualTo("nato summit");
        assertThat(search.normalize("NATO  Summit?")).isEqualTo("nato summit");
        assertThat(typed.totalHits()).isEqualTo(plain.totalHits()).isPositive();
        assertThat(search.normalize("summit -Ankara \"NATO summit\"")).isEqualTo("summit \"nato summit\" -ankara");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "title:(x",
                "*",
                "a~",
                "/.*/",
                "AND OR NOT",
                "\"unbalanced",
                "-",
                "--x",
                "\u0000",
                "\u001b[31m",
                "nuclear \u001b[31mwar\u001b[0m",
                "😀",
                "🚀 nuclear 🚀",
                "حرب نووية",
                "מלחמה גרעינית",
                "**bold** _x_ ~~y~~ ||spoiler||",
                "@everyone",
                "<@123>",
                "the of and",
                "",
                "   ",
                "NATO\" OR \"1\"=\"1",
                "summit) OR (1=1",
                "\\",
                "\"",
                "\"\"",
                "-\"\""
            })
    void search_hostileInput_givesResultsOrAFriendlyMessage(String query) throws IOException {
        build(TestCorpus.all());

        Throwable thrown = catchThrowable(() -> run(query));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(QueryException.class);
            assertThat(thrown.getMessage())
                    .isNotBlank()
                    .doesNotContainIgnoringCase("lucene")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void search_hostileInputWithWords_stillFindsThem() throws IOException {
        build(TestCorpus.all());

        assertThat(run("title:(nuclear").totalHits()).isEqualTo(3);
        assertThat(run("🚀 nuclear 🚀").totalHits()).isEqualTo(3);
        assertThat(run("nuclear \u0000\u001b[31m").totalHits()).isEqualTo(3);
        assertThat(run("**nuclear** ||spoiler||").totalHits()).isEqualTo(3);
        assertThat(run("\"unbalanced nuclear").totalHits()).isEqualTo(3);
        assertThat(run("حرب نووية").totalHits()).isZero();
        SearchResults longQuery = run("nuclear ".repeat(1250));
        assertThat(longQuery.totalHits()).isEqualTo(3);
        assertThat(longQuery.normalizedQuery()).isEqualTo("nuclear");
    }

    @Test
    void search_stopWordsOnly_throwsFriendlyQueryException() throws IOException {
        build(TestCorpus.all());

        assertThatThrownBy(() -> run("the of and"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("only common words");
        assertThatThrownBy(() -> run(" ")).isInstanceOf(QueryException.class).hasMessage(UserQueryParser.EMPTY_MESSAGE);
    }

    @Test
    void search_duringAnUpdate_answersFromTheLastCommitWithoutWaiting() throws Exception {
        build(List.of(TestCorpus.summit()));
        CountDownLatch updateIsMidway = new CountDownLatch(1);
        CountDownLatch letUpdateFinish = new CountDownLatch(1);
        List<IndexedDocument> corpus = List.of(TestCorpus.summit(), TestCorpus.grain(), TestCorpus.treaties());
        List<IndexedDocument> slowCorpus = new AbstractList<>() {
            @Override
            public IndexedDocument get(int i) {
                if (i == 2) {
                    updateIsMidway.countDown();
                    try {
                        letUpdateFinish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                return corpus.get(i);
            }

            @Override
            public int size() {
                return corpus.size();
            }
        };
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<UpdateReport> update = executor.submit(() -> index.update(slowCorpus));
            assertThat(updateIsMidway.await(10, TimeUnit.SECONDS)).isTrue();

            // The grain document is already in the writer, but not committed: searches do not see it.
            assertThat(run("grain").totalHits()).isZero();
            assertThat(run("Ankara").totalHits()).isEqualTo(4);
            assertThat(update).isNotDone();

            letUpdateFinish.countDown();
            assertThat(update.get(10, TimeUnit.SECONDS).added())
                    .containsExactly(TestCorpus.GRAIN_ID, TestCorpus.TREATIES_ID);
            assertThat(run("grain").totalHits()).isEqualTo(2);
        } finally {
            letUpdateFinish.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void search_afterUpdate_seesTheNewCommit() throws IOException {
        build(List.of(TestCorpus.summit()));
        assertThat(run("grain").totalHits()).isZero();

        index.update(List.of(TestCorpus.summit(), TestCorpus.grain()));

        assertThat(run("grain").totalHits()).isEqualTo(2);
    }
}
