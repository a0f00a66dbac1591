package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.command.SampleData;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingPassageSearchTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> normalized = new ArrayList<>();
    private PassageIndex index;
    private LuceneSearchService lucene;
    private CachingPassageSearch cached;

    @BeforeEach
    void setUp() throws IOException {
        index = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC());
        index.update(List.of(document("a", "The NATO summit in Ankara debated the war and nuclear deterrence.")));
        lucene = new LuceneSearchService(index, SearchSettings.defaults());
        cached = new CachingPassageSearch(
                lucene,
                query -> {
                    normalized.add(query);
                    return lucene.normalize(query);
                },
                () -> generation(),
                1000,
                64L * 1024 * 1024,
                Duration.ofMinutes(10),
                nanos::get);
    }

    @AfterEach
    void tearDown() throws IOException {
        index.close();
    }

    @Test
    void search_sameQuestionTypedDifferently_isACacheHit() {
        SearchResults first = cached.search(SearchRequest.of("NATO  Summit?", 3));
        SearchResults second = cached.search(SearchRequest.of("nato summit", 3));

        assertThat(second).isSameAs(first);
        assertThat(cached.statistics().hits()).isEqualTo(1);
        assertThat(cached.statistics().misses()).isEqualTo(1);
    }

    @Test
    void search_sameWordsAgain_isAHitWithoutParsingAgain() {
        SearchResults first = cached.search(SearchRequest.of("NATO  Summit?", 3));
        SearchResults again = cached.search(SearchRequest.of("NATO  Summit?", 3));
        SearchResults otherPage = cached.search(new SearchRequest("NATO  Summit?", SearchFilters.NONE, 3, 3));
        SearchResults otherSpelling = cached.search(SearchRequest.of("nato summit", 3));

        assertThat(again).isSameAs(first);
        assertThat(otherSpelling).isSameAs(first);
        assertThat(otherPage).isNotSameAs(first);
        assertThat(normalized).containsExactly("NATO  Summit?", "nato summit");
        assertThat(cached.statistics().hits()).isEqualTo(2);
        assertThat(cached.statistics().misses()).isEqualTo(2);
        assertThat(cached.statistics().size()).isEqualTo(2);
    }

    @Test
    void search_afterReindex_neverServesTheOlderGeneration() throws IOException {
        SearchResults before = cached.search(SearchRequest.of("nato summit", 3));
        index.update(List.of(document("a", "The NATO summit in Vilnius was about something else entirely.")));

        SearchResults after = cached.search(SearchRequest.of("nato summit", 3));
        SearchResults afterOtherSpelling = cached.search(SearchRequest.of("NATO  Summit?", 3));

        assertThat(after).isNotSameAs(before);
        assertThat(after.hits().get(0).passage().text()).contains("Vilnius");
        assertThat(afterOtherSpelling).isSameAs(after);
        assertThat(cached.statistics().misses()).isEqualTo(2);
        assertThat(cached.statistics().hits()).isEqualTo(1);
    }

    @Test
    void search_differentPageOrFilter_isADifferentEntry() {
        cached.search(new SearchRequest("nato", SearchFilters.NONE, 0, 1));
        cached.search(new SearchRequest("nato", SearchFilters.NONE, 1, 1));
        cached.search(new SearchRequest("nato", SearchFilters.ofSource("Example Press"), 0, 1));

        assertThat(cached.statistics().misses()).isEqualTo(3);
    }

    @Test
    void search_entriesExpireAfterConfiguredTime() {
        cached.search(SearchRequest.of("nato", 3));
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());

        cached.search(SearchRequest.of("nato", 3));

        assertThat(cached.statistics().misses()).isEqualTo(2);
    }

    @Test
    void search_badQuery_throwsAndCachesNothing() {
        assertThatThrownBy(() -> cached.search(SearchRequest.of("the of and", 3)))
                .isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> cached.search(SearchRequest.of("the of and", 3)))
                .isInstanceOf(QueryException.class);
        assertThat(cached.statistics().size()).isZero();
        assertThat(cached.statistics().misses()).isZero();
        assertThat(normalized).containsExactly("the of and", "the of and");
    }

    @Test
    void search_floodOfHugeAnswers_staysUnderTheByteBound() {
        long maxBytes = 4L * 1024 * 1024;
        String longPassage = "Escalation across the Black Sea. ".repeat(60); // ~2,000 characters
        CachingPassageSearch bounded = bounded(request -> answer(request, longPassage, 50), 10_000, maxBytes);

        for (int i = 0; i < 500; i++) {
            SearchResults results = bounded.search(SearchRequest.of("question " + i, 50));
            // The estimate is honest: at least two bytes for every character the answer keeps.
            assertThat(CachingPassageSearch.bytes(
                            new CachingPassageSearch.Key("question " + i, SearchFilters.NONE, 0, 50, 1L), results))
                    .isGreaterThan(2L * 50 * longPassage.length());
        }

        CachingPassageSearch.Held held = bounded.held();
        assertThat(held.bytes()).isLessThanOrEqualTo(maxBytes);
        assertThat(held.answers())
                .as("of 500 answers of ~200 KB each, when the count alone allowed 10,000")
                .isBetween(1L, 18L);
    }

    @Test
    void search_floodOfLongDistinctQuestions_remembersAtMostAnEighthOfTheBytes() {
        long maxBytes = 1024L * 1024;
        CachingPassageSearch bounded = bounded(request -> answer(request, "A short passage.", 1), 10_000, maxBytes);

        for (int i = 0; i < 5_000; i++) {
            bounded.search(SearchRequest.of(i + " " + "why ".repeat(250), 1));
        }

        CachingPassageSearch.Held held = bounded.held();
        assertThat(held.bytes()).isLessThanOrEqualTo(maxBytes);
        assertThat(held.questions())
                .as("of 5,000 questions of 1,000 characters")
                .isLessThan(100);
    }

    @Test
    void search_floodOfSmallAnswers_staysUnderTheCount() {
        CachingPassageSearch bounded =
                bounded(request -> answer(request, "A short passage.", 1), 100, 64L * 1024 * 1024);

        for (int i = 0; i < 1_000; i++) {
            bounded.search(SearchRequest.of("q" + i, 1));
        }

        CachingPassageSearch.Held held = bounded.held();
        assertThat(held.answers()).isBetween(50L, 100L);
        assertThat(held.questions()).isBetween(50L, 100L);
    }

    /** A cache over {@code answers} whose questions normalise to themselves in lower case. */
    private CachingPassageSearch bounded(PassageSearch answers, long maxEntries, long maxBytes) {
        return new CachingPassageSearch(
                answers,
                query -> query.strip().toLowerCase(java.util.Locale.ROOT),
                () -> 1L,
                maxEntries,
                maxBytes,
                Duration.ofMinutes(10),
                nanos::get);
    }

    /** An answer of {@code hits} copies of {@code passage}, as a page of a long document would be. */
    private static SearchResults answer(SearchRequest request, String passage, int hits) {
        DocumentMetadata meta = SampleData.document(
                "A long report", "Example Press", "Ann Lee", LocalDate.of(2026, 6, 30), "https://example.org/report");
        List<SearchHit> page = new ArrayList<>();
        for (int i = 0; i < hits; i++) {
            Passage p = new Passage("report", i, i + 1, Optional.empty(), passage, 0, passage.length());
            page.add(new SearchHit(i + 1, p, meta, 1f, new Snippet(passage, List.of(), false, false), meta.url()));
        }
        return new SearchResults(request.query(), hits, false, 0, page, 0, List.of(), List.of());
    }

    private long generation() {
        try {
            return index.metadata().generation();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static IndexedDocument document(String id, String text) {
        DocumentMetadata meta = new DocumentMetadata(
                "Doc " + id,
                Optional.empty(),
                Optional.of("Example Press"),
                Optional.of(LocalDate.of(2026, 6, 30)),
                Optional.of(URI.create("https://example.org/" + id)),
                "en");
        Paragraph paragraph = new Paragraph(1, Optional.empty(), text, 0, text.length(), false);
        SourceDocument doc = new SourceDocument(
                id, id + ".txt", Integer.toHexString(text.hashCode()), meta, text, List.of(paragraph));
        return new IndexedDocument(doc, List.of(new Passage(id, 0, 1, Optional.empty(), text, 0, text.length())));
    }
}
