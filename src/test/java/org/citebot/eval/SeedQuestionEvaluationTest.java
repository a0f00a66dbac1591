package org.citebot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.IndexSettings;
import org.citebot.search.SearchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelled seed questions scored over the real {@code seeds/} folder, as {@code citebot eval --seeds} does. */
class SeedQuestionEvaluationTest {

    private final SeedQuestionEvaluation evaluation = new SeedQuestionEvaluation(
            new CorpusReader(CorpusOptions.defaults()),
            new PassageSplitter(),
            IndexSettings.defaults(),
            SearchSettings.defaults(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @TempDir
    Path work;

    private static Path seeds() {
        return Path.of(System.getProperty("citebot.seeds", "seeds"));
    }

    @Test
    void measure_realSeeds_asksEveryQuestionOverBothDocuments() throws Exception {
        List<LabelledQuestion> questions = LabelledQuestion.seedQuestions();

        SeedQuestionEvaluation.SeedResult result = evaluation.measure(seeds(), work, questions);

        assertThat(result.documents()).isEqualTo(2);
        assertThat(result.passages()).isGreaterThan(2);
        assertThat(result.score().questions())
                .isEqualTo(
                        questions.stream().filter(LabelledQuestion::answerable).count());
        assertThat(result.score().successAt3())
                .isGreaterThanOrEqualTo(result.score().successAt1());
        assertThat(result.score().mrr()).isBetween(result.score().successAt1(), 1.0);
        System.out.printf("seeds %s%n", result);
    }

    @Test
    void measure_questionAboutTheSeeds_isAnsweredFirst() throws Exception {
        LabelledQuestion himars = new LabelledQuestion(
                "t1",
                LabelledQuestion.Kind.WORDING,
                "How many HIMARS systems were in Ukraine?",
                "001_4d0260bb2bcefddf",
                "HIMARS");

        SeedQuestionEvaluation.SeedResult result = evaluation.measure(seeds(), work, List.of(himars));

        assertThat(result.score().successAt1()).isEqualTo(1.0);
        assertThat(result.score().misses()).isEmpty();
    }

    @Test
    void measure_missingSeedsFolder_failsNamingIt() {
        Path missing = work.resolve("no-seeds");
        assertThatThrownBy(() -> evaluation.measure(missing, Files.createDirectories(work.resolve("i")), List.of()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-seeds");
    }
}
