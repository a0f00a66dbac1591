package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: a photo caption or credit of the seed corpus is never an answer, whatever is asked. */
class SeedCaptionSearchTest {

    /** The revcom seed's captions and image texts, as they stand in the file. */
    private static final List<String> CAPTIONS = List.of(
            "NATO heads meet in Germany.",
            "The US heads an alliance of 30 imperialist powers centered in Europe.",
            "Map of countries supplying military aid to Ukraine",
            "U.S. embassy delegation led by Army military attaché reviews map with Ukrainian officers",
            "Donetsk, Ukraine, November 19, 2021, three months before Russia invaded Ukraine");

    private static final List<String> CREDITS = List.of("Photo: NATO", "Map: Wikipedia", "Photo: AP");

    @Test
    void search_wordsOfEveryCaptionAndCredit_neverAnswerWithIt(@TempDir Path dir) throws IOException {
        Path seeds = Path.of(System.getProperty("citebot.seeds", "seeds"));
        try (PassageIndex index = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC())) {
            new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index)
                    .index(seeds, false);
            LuceneSearchService search = new LuceneSearchService(index, SearchSettings.defaults());

            for (String caption : CAPTIONS) {
                List<SearchHit> hits = search.search(SearchRequest.of(caption.replaceAll("[^\\p{L}\\p{N} ]", " "), 50))
                        .hits();
                assertThat(hits).as("answers to the words of '%s'", caption).isNotEmpty();
                assertThat(hits).as("answers to the words of '%s'", caption).allSatisfy(hit -> assertThat(
                                hit.passage().text())
                        .doesNotContain(CAPTIONS.subList(0, 5))
                        .doesNotContain("Photo:", "Map:"));
            }
        }
    }
}
