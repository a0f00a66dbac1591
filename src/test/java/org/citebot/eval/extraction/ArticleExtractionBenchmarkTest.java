package org.citebot.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.citebot.eval.beir.EvalDataDirectory;
import org.citebot.extract.ArticleExtractor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps citebot's article extraction from falling on the public benchmark (read in place from
 * ../shared/eval/article-extraction, never copied), and proves the Java measure is the benchmark's
 * own: the shipped outputs score what evaluate.py prints for them. Skipped when the data is absent.
 * Costs about 6 s (121 pages parsed and extracted once).
 */
class ArticleExtractionBenchmarkTest {

    private static ExtractionReport report;

    @BeforeAll
    static void extractEveryPageOnce() throws Exception {
        Optional<Path> data = EvalDataDirectory.locate(Path.of(""));
        Assumptions.assumeTrue(
                data.isPresent() && Files.isDirectory(data.get().resolve("article-extraction")),
                "shared/eval/article-extraction not found above the working directory: benchmark skipped");
        report = new ExtractionEvaluation(new ArticleExtractor(), new ObjectMapper())
                .measure(data.get().resolve("article-extraction"));
    }

    @Test
    void citebot_allPages_reachesTheGoalAboveTrafilatura() {
        // Measured 0.9704 (precision 0.9655, recall 0.9753); the goal is above 0.965.
        assertThat(report.pages()).isEqualTo(121);
        assertThat(report.citebot().all().f1()).isGreaterThan(0.965);
    }

    @Test
    void citebot_heldOutHalf_staysAboveReadability() {
        // Measured 0.9678 on the 60 pages never looked at while tuning.
        assertThat(report.citebot().heldOut().pages()).isEqualTo(60);
        assertThat(report.citebot().heldOut().f1()).isGreaterThan(0.96);
    }

    @Test
    void shippedOutputs_scoreWhatEvaluatePyPrints() {
        // python3 evaluate.py, to six decimals: readability_js 0.950877, trafilatura 0.961773.
        assertThat(result("readability_js").all().f1()).isCloseTo(0.950877, within(1e-6));
        assertThat(result("readability_js").all().precision()).isCloseTo(0.917693, within(1e-6));
        assertThat(result("readability_js").all().recall()).isCloseTo(0.986552, within(1e-6));
        assertThat(result("trafilatura").all().f1()).isCloseTo(0.961773, within(1e-6));
        assertThat(result("go_trafilatura").all().f1()).isCloseTo(0.959833, within(1e-6));
        assertThat(result("rs_trafilatura").all().f1()).isCloseTo(0.967972, within(1e-6));
    }

    @Test
    void articleCheck_refusesNoRealArticleButThePaywallStub() {
        assertThat(report.refusals().values())
                .allSatisfy(reason -> assertThat(reason).startsWith("the article is behind a paywall"))
                .hasSizeLessThanOrEqualTo(1);
    }

    private static ExtractorResult result(String name) {
        return report.results().stream()
                .filter(result -> result.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
