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
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.IndexedDocument;
import org.citebot.index.PassageIndex;
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
