package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches over the two real seed articles, split here one passage per paragraph (a stand-in for
 * the corpus reader, which this package must not depend on).
 */
class SeedCorpusSearchTest {

    private static final Path SEEDS = Path.of(System.getProperty("citebot.seeds", "seeds"));

    @TempDir
    Path dir;

    private PassageIndex index;
    private LuceneSearchService search;

    @BeforeEach
    void buildIndex() throws IOException {
        index = PassageIndex.open(
                dir, IndexSettings.defaults(), Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC));
        index.update(List.of(
                seed(
                        "000_a1f61fe0d4b32682",
                        "On the eve of the NATO summit in Ankara",
                        "https://www.wsws.org/en/articles/2026/06/30/pers-j30.html"),
                seed(
                        "001_4d0260bb2bcefddf",
                        "U.S./NATO vs. Russia in Ukraine War",
                        "https://revcom.us/en/us-nato-vs-russia")));
        search = new LuceneSearchService(index, SearchSettings.defaults());
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    private static IndexedDocument seed(String id, String title, String url) throws IOException {
        String text = Files.readString(SEEDS.resolve(id + ".txt"));
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        int from = 0;
        for (String block : text.split("\\n\\s*\\n")) {
            String paragraph = block.strip();
            int start = text.indexOf(paragraph, from);
            if (paragraph.isEmpty() || start < 0) {
                continue;
            }
            int end = start + paragraph.length();
            from = end;
            paragraphs.add(new Paragraph(paragraphs.size() + 1, Optional.empty(), paragraph, start, end, false));
            passages.add(new Passage(id, passages.size(), paragraphs.size(), Optional.empty(), paragraph, start, end));
        }
        SourceDocument source = new SourceDocument(
                id,
                id + ".txt",
                Integer.toHexString(text.hashCode()),
                TestCorpus.metadata(title, null, null, null, url),
                text,
                paragraphs);
        return new IndexedDocument(source, passages);
    }

    @Test
    void search_wordInCurlyQuotes_highlightsJustTheWordAndLinksToThePassage() {
        SearchResults results = search.search(SearchRequest.of("Armageddon", 5));

        assertThat(results.totalHits()).isEqualTo(1);
        SearchHit hit = results.hits().get(0);
        assertThat(hit.passage().docId()).isEqualTo("001_4d0260bb2bcefddf");
        Snippet snippet = hit.snippet();
        assertThat(snippet.highlights()).hasSize(1);
        HighlightSpan span = snippet.highlights().get(0);
        assertThat(snippet.text().substring(span.start(), span.end())).isEqualTo("Armageddon");
        assertThat(hit.link()).map(Object::toString).hasValueSatisfying(link -> assertThat(link)
                .startsWith("https://revcom.us/en/us-nato-vs-russia#:~:text=During%20this%20whole%20period%2C"));
    }

    @Test
    void search_commonWords_spreadTheFirstResultsOverBothArticles() {
        SearchResults results = search.search(SearchRequest.of("NATO war Ukraine", 10));

        // Two passages from each article come first; with only two articles the fifth place
        // necessarily goes to a third passage of one of them.
        Map<String, Integer> firstFour = new HashMap<>();
        results.hits()
                .subList(0, 4)
                .forEach(hit -> firstFour.merge(hit.passage().docId(), 1, Integer::sum));
        assertThat(results.totalHits()).isGreaterThan(10);
        assertThat(firstFour).containsOnly(Map.entry("000_a1f61fe0d4b32682", 2), Map.entry("001_4d0260bb2bcefddf", 2));
    }

    @Test
    void search_longPassages_haveBoundedSnippetsWithExactSpans() {
        SearchResults results = search.search(SearchRequest.of("HIMARS missiles Kherson", 10));

        assertThat(results.hits()).isNotEmpty().allSatisfy(hit -> {
            Snippet snippet = hit.snippet();
            assertThat(snippet.text().length())
                    .isLessThanOrEqualTo(SearchSettings.defaults().snippetMaxChars());
            assertThat(hit.passage().text()).contains(snippet.text());
            assertThat(snippet.cutStart()).isEqualTo(!hit.passage().text().startsWith(snippet.text()));
            snippet.highlights().forEach(span -> assertThat(snippet.text().substring(span.start(), span.end()))
                    .matches("(?i)himars|missiles?|kherson"));
        });
        assertThat(results.hits().get(0).passage().text()).contains("HIMARS", "Kherson");
    }
}
