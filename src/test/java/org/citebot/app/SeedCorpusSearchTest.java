package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.eval.LabelledQuestion;
import org.citebot.eval.QuestionScore;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole search path over the real seed corpus: read, clean, split, index, search, link. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedCorpusSearchTest {

    private SearchEngine engine;

    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        CitebotConfig config = new ConfigLoader(Map.of())
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        engine = SearchEngine.open(config, Clock.systemUTC());
        assertThat(engine.ensureBuilt()).isPresent();
    }

    @AfterAll
    void close() throws IOException {
        engine.close();
    }

    @Test
    void labelledQuestions_wordingAndParaphrase_allFindTheRightPassageInTopThree() {
        List<LabelledQuestion> questions = LabelledQuestion.seedQuestions().stream()
                .filter(q -> q.kind() == LabelledQuestion.Kind.WORDING || q.kind() == LabelledQuestion.Kind.PARAPHRASE)
                .toList();

        QuestionScore score = QuestionScore.measure(engine.search(), questions);

        assertThat(questions).hasSizeGreaterThanOrEqualTo(18);
        assertThat(questions)
                .filteredOn(q -> q.kind() == LabelledQuestion.Kind.PARAPHRASE)
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(score.misses()).as("questions not answered in the top 3").isEmpty();
        assertThat(score.successAt3()).isEqualTo(1.0);
    }

    @Test
    void search_documentWithUrl_linksToTextFragmentOfThePassage() {
        SearchResults results = engine.search().search(SearchRequest.of("HIMARS changed the dynamics", 3));

        SearchHit top = results.hits().get(0);
        assertThat(top.document().url()).isPresent();
        assertThat(top.link()).isPresent();
        assertThat(top.link().get().toString())
                .startsWith(
                        "https://revcom.us/en/usnato-vs-russia-ukraine-war-planning-and-preparing-dangerous-escalations#:~:text=");
    }

    @Test
    void search_documentWithoutUrl_hasNoLinkButPublisherAndDate() {
        SearchResults results = engine.search().search(SearchRequest.of("Syrotiuk", 3));

        SearchHit top = results.hits().get(0);
        assertThat(top.document().url()).isEmpty();
        assertThat(top.link()).isEmpty();
        assertThat(top.document().publisher()).contains("World Socialist Web Site");
        assertThat(top.document().published()).isPresent();
    }

    @Test
    void ensureBuilt_secondTime_doesNothing() throws IOException {
        assertThat(engine.ensureBuilt()).isEmpty();
    }
}
