package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.IndexedDocument;
import org.citebot.semantic.EmbeddingStore;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.testing.Models;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a member sees from a search, whichever engine holds the passages: the same class runs over
 * the embedded index and over SolrCloud, with the same expectations, down to the order of the hits.
 * The corpus (the four test documents, and an article one server added) is stored once per class. An implementation hands back the
 * search over a store holding {@code documents}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchContract {

    private PassageSearch search;

    /** A search over a store of this engine holding exactly {@code documents}. */
    protected abstract PassageSearch searchOver(List<IndexedDocument> documents) throws Exception;

    /**
     * A hybrid search (words and meaning) over another store of this engine holding {@code
     * documents} with their vectors by {@code embedder}.
     */
    protected abstract PassageSearch hybridSearchOver(List<IndexedDocument> documents, PassageEmbedder embedder)
            throws Exception;

    /** The server that added an article about walruses; only its members see it. */
    private static final String SERVER = "111";

    private static final String ADDED_ID = "added_walrus_colony";

    @BeforeAll
    void storeTheCorpus() throws Exception {
        IndexedDocument walruses = TestCorpus.document(
                ADDED_ID,
                TestCorpus.metadata("A walrus colony on Svalbard", null, "Polar Post", null, null),
                Para.of("The walrus colony hauled out on the beach, tusks and all."));
        List<IndexedDocument> documents = new ArrayList<>(TestCorpus.all());
        documents.add(new IndexedDocument(
                walruses.document(), walruses.passages(), DocumentOrigin.added(Optional.of(SERVER))));
        search = searchOver(documents);
    }

    private SearchResults run(String query) {
        return search.search(SearchRequest.of(query, 10));
    }

    private SearchResults run(String query, SearchFilters filters) {
        return search.search(new SearchRequest(query, filters, 0, 10));
    }

    private static List<String> passageIds(SearchResults results) {
        return results.hits().stream().map(hit -> hit.passage().id()).toList();
    }

    private static List<String> docIds(SearchResults results) {
        return results.hits().stream().map(hit -> hit.passage().docId()).toList();
    }

    @Test
    void words_rankThePassagesByBm25fAndProximity_inTheSameOrderOnEveryEngine() {
        SearchResults results = run("nuclear escalation");

        assertThat(results.totalHits()).isEqualTo(7);
        assertThat(results.totalIsLowerBound()).isFalse();
        assertThat(passageIds(results).subList(0, 5)).containsExactlyElementsOf(EXPECTED_NUCLEAR_ESCALATION_TOP5);
        assertThat(passageIds(results).subList(5, 7))
                .containsExactlyInAnyOrder("000_a1f61fe0d4b32682#0", "000_a1f61fe0d4b32682#2");
        assertThat(results.hits()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(results.goodMatch()).isTrue();
        assertThat(passageIds(run("war Ukraine Russia"))).containsExactlyElementsOf(EXPECTED_WAR_UKRAINE_RUSSIA);
        assertThat(passageIds(run("Europe military spending"))).containsExactlyElementsOf(EXPECTED_EUROPE_SPENDING);
    }

    @Test
    void stems_matchOtherFormsOfAWord_andHighlightTheWordsAsWritten() {
        SearchResults results = run("escalate");

        assertThat(passageIds(results)).isEqualTo(passageIds(run("escalations")));
        assertThat(results.hits().stream().flatMap(hit -> hit.snippet().highlights().stream()
                        .map(span -> hit.snippet().text().substring(span.start(), span.end()))))
                .contains("escalating", "escalation")
                .allMatch(word -> word.matches("(?i)escalat\\w*"));
    }

    @Test
    void phrases_matchOnlyAsWritten_andMarkOnlyThePhrasesWords() {
        assertThat(run("nuclear war").totalHits()).isGreaterThan(3);
        SearchResults phrase = run("\"nuclear war\"");

        assertThat(phrase.totalHits()).isEqualTo(1);
        SearchHit hit = phrase.hits().get(0);
        assertThat(hit.passage().text()).contains("a nuclear war was very high");
        assertThat(hit.snippet().highlights())
                .extracting(span -> hit.snippet().text().substring(span.start(), span.end()))
                .containsExactly("nuclear", "war");
        assertThat(run("\"nuclear wars\"").totalHits())
                .as("another form of a word is not the phrase")
                .isZero();
        assertThat(run("\"the whole of Europe\"").totalHits())
                .as("stop words inside a phrase count")
                .isEqualTo(1);
    }

    @Test
    void exclusions_leaveOutPassagesWithTheWordOrPhrase() {
        assertThat(run("nuclear").totalHits()).isEqualTo(3);
        SearchResults withoutBiden = run("nuclear -Biden");
        assertThat(withoutBiden.totalHits()).isEqualTo(2);
        assertThat(withoutBiden.hits()).noneMatch(hit -> hit.passage().text().contains("Biden"));
        assertThat(run("nuclear -\"nuclear war\"").totalHits()).isEqualTo(2);
        assertThat(docIds(run("nuclear -\"nuclear arsenals\""))).hasSize(2).doesNotContain(TestCorpus.TREATIES_ID);
    }

    @Test
    void filters_bySourceAuthorAndDate_restrictTheDocuments() {
        assertThat(docIds(run("Ukraine", SearchFilters.ofSource("REUTERS"))))
                .isNotEmpty()
                .containsOnly(TestCorpus.GRAIN_ID);
        assertThat(docIds(run("nuclear", SearchFilters.ofSource("Notes on Arms Control Treaties"))))
                .containsExactly(TestCorpus.TREATIES_ID);
        assertThat(docIds(run("nuclear", SearchFilters.ofSource(TestCorpus.ESCALATION_ID.toUpperCase()))))
                .containsExactly(TestCorpus.ESCALATION_ID);
        SearchFilters maria =
                new SearchFilters(Optional.empty(), Optional.of("MARIA lopez"), Optional.empty(), Optional.empty());
        assertThat(docIds(run("nuclear", maria))).containsExactly(TestCorpus.TREATIES_ID);
        SearchFilters since2026 = new SearchFilters(
                Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2026, 1, 1)), Optional.empty());
        assertThat(docIds(run("nuclear Ukraine", since2026))).isNotEmpty().containsOnly(TestCorpus.SUMMIT_ID);
        SearchFilters until = new SearchFilters(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2024, 3, 1)));
        assertThat(docIds(run("nuclear", until))).containsOnly(TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID);
    }

    @Test
    void audience_aServerSeesTheArticleItAdded_neverAnothersNorItsWordsOrTitle() {
        SearchFilters own = SearchFilters.NONE.withAudience(Audience.in(Optional.of(SERVER)));
        SearchFilters other = SearchFilters.NONE.withAudience(Audience.in(Optional.of("222")));

        assertThat(docIds(run("walrus", own))).containsExactly(ADDED_ID);
        assertThat(run("walrus", other).hits()).isEmpty();
        assertThat(run("walrsu", own).didYouMean()).first().isEqualTo("walrus");
        assertThat(run("walrsu", other).didYouMean()).isEmpty();
        assertThat(run("walrsu kolony", own).closestTitles()).contains("A walrus colony on Svalbard");
        assertThat(run("walrsu kolony", other).closestTitles()).doesNotContain("A walrus colony on Svalbard");
        assertThat(docIds(run("nuclear", other))).doesNotContain(ADDED_ID).hasSize(3);
    }

    @Test
    void paging_concatenatesToTheSingleList_withStableTotals() {
        List<String> all = passageIds(run("Ukraine"));
        int total = (int) run("Ukraine").totalHits();
        assertThat(total).isEqualTo(all.size()).isGreaterThan(4);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
            SearchResults page = search.search(new SearchRequest("Ukraine", SearchFilters.NONE, offset, 3));
            assertThat(page.totalHits()).isEqualTo(total);
            assertThat(page.hasMore()).isEqualTo(offset + 3 < total);
            assertThat(page.hits())
                    .extracting(SearchHit::rank)
                    .containsExactlyElementsOf(IntStream.rangeClosed(offset + 1, Math.min(offset + 3, total))
                            .boxed()
                            .toList());
            page.hits().forEach(hit -> paged.add(hit.passage().id()));
        }
        assertThat(paged).isEqualTo(all).doesNotHaveDuplicates();
        SearchResults farAway = search.search(new SearchRequest("Ukraine", SearchFilters.NONE, 5_000, 50));
        assertThat(farAway.hits()).isEmpty();
        assertThat(farAway.totalHits()).isEqualTo(total);
    }

    @Test
    void highlights_pointExactlyAtTheMatchedWords_andLinksDeepIntoThePage() {
        SearchResults results = run("nuclear conflict");

        assertThat(results.hits())
                .isNotEmpty()
                .allSatisfy(hit -> hit.snippet().highlights().forEach(span -> assertThat(hit.snippet()
                                .text()
                                .substring(span.start(), span.end())
                                .toLowerCase())
                        .isIn("nuclear", "conflict")));
        assertThat(results.hits()).extracting(hit -> hit.snippet().highlights()).isEqualTo(EXPECTED_CONFLICT_SPANS);
        SearchHit first = results.hits().get(0);
        assertThat(first.link())
                .isEqualTo(TextFragmentLinks.link(
                        first.document().url(), first.passage().text()));
        assertThat(first.link())
                .hasValueSatisfying(link -> assertThat(link.toString()).contains("#:~:text="));
        assertThat(run("verification inspections").hits())
                .as("a document without a URL links nowhere")
                .allSatisfy(hit -> assertThat(hit.link()).isEmpty());
    }

    @Test
    void didYouMean_correctsWordsTheCorpusNeverUses_andNamesTheClosestTitles() {
        SearchResults typo = run("nucleer");
        assertThat(typo.totalHits()).isZero();
        assertThat(typo.didYouMean()).first().isEqualTo("nuclear");

        SearchResults title = run("Grian exprts");
        assertThat(title.didYouMean()).first().isEqualTo("grain exports");
        assertThat(title.closestTitles()).first().isEqualTo("Grain exports through the Black Sea");

        assertThat(run("2036").didYouMean()).as("a year is not a typo").isEmpty();
    }

    @Test
    void noMatch_spelledRight_offersNoCorrection_andAnUnknownSourceNamesTheSources() {
        SearchResults filtered = run("nuclear", SearchFilters.ofSource("Reuters"));
        assertThat(filtered.totalHits()).isZero();
        assertThat(filtered.didYouMean()).isEmpty();
        assertThat(run("quantum chromodynamics").hits()).isEmpty();

        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource("Pravda")))
                .isInstanceOf(QueryException.class)
                .hasMessage(
                        "No source is named “Pravda”. A source is a publisher, a document title or a document id."
                                + " The publishers are Polar Post, Reading Group, Reuters, revcom.us, World Socialist Web Site.");
        assertThatThrownBy(() -> run("nuclear", SearchFilters.ofSource(" RE ")))
                .hasMessage("No source is named “RE”. Sources starting with “RE”: Reading Group, Reuters, revcom.us.");
    }

    @Test
    void hostileQueries_areWordsToTheEngine_neverItsQuerySyntax() {
        assertThatThrownBy(() -> run("*:*")).isInstanceOf(QueryException.class);
        java.util.Map<String, String> asWords = java.util.Map.of(
                "{!term f=doc_id}" + TestCorpus.GRAIN_ID,
                "term f doc_id " + TestCorpus.GRAIN_ID,
                "weighted:grain OR body:*",
                "weighted grain OR body",
                "nuclear^100 war~2 \\ $q",
                "nuclear 100 war 2 q",
                "\"unclosed nuclear",
                "unclosed nuclear",
                "grain') OR ('1'='1",
                "grain OR 1 1",
                "_ _ nuclear _ {!knn f=vector}[1]",
                "nuclear knn f vector 1");
        asWords.forEach((hostile, words) -> {
            SearchResults results = run(hostile);
            assertThat(passageIds(results)).as(hostile).isEqualTo(passageIds(run(words)));
            assertThat(results.totalHits()).as(hostile).isEqualTo(run(words).totalHits());
        });
        assertThat(docIds(run("weighted:grain OR body:*"))).containsOnly(TestCorpus.GRAIN_ID);
        assertThat(run("{!term f=doc_id}" + TestCorpus.GRAIN_ID).hits()).isEmpty();
    }

    @Test
    void hybrid_meaningFindsWhatTheWordsMiss_andFusesWithTheWordsAlikeOnEveryEngine() throws Exception {
        PassageSearch hybrid =
                hybridSearchOver(TestCorpus.all(), new PassageEmbedder(Models.bgeSmall(), EmbeddingStore.NONE));

        SearchResults meaning = hybrid.search(SearchRequest.of("cereal cargo leaving the harbour", 10));
        assertThat(meaning.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(meaning.hits()).isNotEmpty();
        assertThat(passageIds(meaning)).as("no word matches; the meaning does").containsExactly("003_grain_corridor#0");
        assertThat(meaning.goodMatch()).isTrue();

        SearchResults words = hybrid.search(SearchRequest.of("nuclear escalation", 10));
        assertThat(words.mode()).isEqualTo(SearchMode.HYBRID);
        List<String> fused = passageIds(words);
        assertThat(fused.get(0)).isEqualTo("001_4d0260bb2bcefddf#1");
        // Ranks 2 and 3 tie in the fusion: each leg ranks one of them above the other.
        assertThat(fused.subList(1, 3)).containsExactlyInAnyOrder("000_a1f61fe0d4b32682#1", "002_arms_control_notes#0");
        // The next three are nearly as close in meaning: their order moves with the vector graph.
        assertThat(fused.subList(3, 6))
                .containsExactlyInAnyOrder(
                        "000_a1f61fe0d4b32682#0", "001_4d0260bb2bcefddf#2", "001_4d0260bb2bcefddf#0");
        // Both engines compare 32-bit float vectors, but each shard of Solr has its own graph: a
        // passage whose cosine sits at the semantic floor may join the fusion on one engine only,
        // behind the passages both legs agree on.
        assertThat(fused).contains("000_a1f61fe0d4b32682#2").hasSizeBetween(7, 8);

        SearchResults excluded = hybrid.search(SearchRequest.of("grain ships -Odesa", 10));
        assertThat(excluded.hits()).noneMatch(hit -> hit.passage().text().contains("Odesa"));
    }

    /** Ranks 6 and 7 tie (two passages of one document score alike); they follow in either order. */
    static final List<String> EXPECTED_NUCLEAR_ESCALATION_TOP5 = List.of(
            "001_4d0260bb2bcefddf#1",
            "000_a1f61fe0d4b32682#1",
            "002_arms_control_notes#0",
            "001_4d0260bb2bcefddf#2",
            "001_4d0260bb2bcefddf#0");

    static final List<String> EXPECTED_WAR_UKRAINE_RUSSIA = List.of(
            "000_a1f61fe0d4b32682#0",
            "001_4d0260bb2bcefddf#2",
            "000_a1f61fe0d4b32682#1",
            "001_4d0260bb2bcefddf#1",
            "001_4d0260bb2bcefddf#0",
            "000_a1f61fe0d4b32682#3",
            "000_a1f61fe0d4b32682#2",
            "003_grain_corridor#1");

    /** The diversity rule lifts the other document's passage above the summit's third. */
    static final List<String> EXPECTED_EUROPE_SPENDING = List.of(
            "000_a1f61fe0d4b32682#2", "000_a1f61fe0d4b32682#3", "001_4d0260bb2bcefddf#0", "000_a1f61fe0d4b32682#1");

    static final List<List<HighlightSpan>> EXPECTED_CONFLICT_SPANS = List.of(
            List.of(new HighlightSpan(131, 138), new HighlightSpan(139, 147)),
            List.of(new HighlightSpan(186, 194)),
            List.of(new HighlightSpan(130, 137)),
            List.of(new HighlightSpan(90, 97)),
            List.of(),
            List.of());
}
