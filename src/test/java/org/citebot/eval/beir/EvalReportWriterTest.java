package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.citebot.eval.LabelledQuestion;
import org.citebot.eval.QuestionScore;
import org.citebot.eval.SeedQuestionEvaluation.SeedResult;
import org.citebot.search.SearchMode;
import org.junit.jupiter.api.Test;

/** The readable and the JSON form of an evaluation report. */
class EvalReportWriterTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EvalReportWriter writer = new EvalReportWriter(json);

    private static final ProfileResult ANSERINI = new ProfileResult(
            "scifact",
            "anserini",
            new EffectivenessScores(0.68, 0.92, 0.9767, 0.64, 0.0325, 300, 300),
            1000,
            5100,
            Optional.of(PublishedFigures.SCIFACT_FLAT));

    private static final ProfileResult SHALLOW = new ProfileResult(
            "scifact",
            "citebot-title1.0",
            new EffectivenessScores(0.6659, 0.9076, 0.9076, 0.6, 0.03, 300, 300),
            100,
            8000,
            Optional.of(PublishedFigures.SCIFACT_MULTIFIELD));

    private static final SeedResult SEEDS = new SeedResult(
            new QuestionScore(
                    4,
                    0.5,
                    0.75,
                    0.625,
                    List.of(new QuestionScore.Miss(
                            new LabelledQuestion("q9", LabelledQuestion.Kind.STRETCH, "Who won?", "doc", "phrase"), 0)),
                    2,
                    2,
                    0,
                    SearchMode.HYBRID),
            2,
            30,
            900);

    @Test
    void writeText_measureWithPublishedFigure_showsFigureAndDifference() {
        String text = text(new EvalReport(List.of(ANSERINI), Optional.empty()));

        assertThat(text)
                .contains(
                        "scifact / anserini: 300 queries, depth 1000, 5.1 s, compared with Anserini BM25 flat (SciFact)")
                .contains("nDCG@10  0.6800  published 0.6789  difference +0.0011")
                .contains("R@100    0.9200  published 0.9253  difference -0.0053")
                .contains("MAP      0.6400\n")
                .contains("R@1000   0.9767  published 0.9767  difference +0.0000");
    }

    @Test
    void writeText_queriesLeftOutForLackOfHits_saysHowManyOfTheJudged() {
        ProfileResult cacm = new ProfileResult(
                "cacm",
                "citebot",
                new EffectivenessScores(0.43, 0.6, 0.83, 0.2882, 0.1847, 50, 52),
                1000,
                16000,
                Optional.of(PublishedFigures.CACM_BM25));

        String text = text(new EvalReport(List.of(cacm), Optional.empty()));

        assertThat(text)
                .contains("cacm / citebot: 50 of 52 judged queries (the others retrieved nothing)")
                .contains("MAP      0.2882  published 0.3123  difference -0.0241");
    }

    @Test
    void difference_belowHalfTheLastDecimal_isPositiveZero() {
        assertThat(EvalReportWriter.difference(0.97666, 0.9767)).isEqualTo(0.0).isNotNegative();
        assertThat(String.format("%+.4f", EvalReportWriter.difference(0.97666, 0.9767)))
                .isEqualTo("+0.0000");
    }

    @Test
    void writeText_shallowRun_marksDeepMeasuresNotAvailable() {
        String text = text(new EvalReport(List.of(SHALLOW), Optional.empty()));

        assertThat(text).contains("R@1000     n/a   (run shallower than 1000)").contains("nDCG@10  0.6659");
    }

    @Test
    void writeText_seeds_listsScoresAndMisses() {
        String text = text(new EvalReport(List.of(), Optional.of(SEEDS)));

        assertThat(text)
                .contains(
                        "seeds / citebot (hybrid): 4 answerable and 2 off-topic questions over 2 documents, 30 passages")
                .contains("off-topic told nothing answers well   2 of 2")
                .contains("success@1 0.5000")
                .contains("MRR       0.6250")
                .contains("missed q9 stretch (not in the top 10): Who won?");
    }

    @Test
    void toJson_fullReport_isOneObjectWithMeasuresPublishedFiguresAndSeeds() throws Exception {
        JsonNode root = json.readTree(writer.toJson(new EvalReport(List.of(ANSERINI, SHALLOW), Optional.of(SEEDS))));

        assertThat(root.isObject()).isTrue();
        JsonNode first = root.get("results").get(0);
        assertThat(first.get("profile").asText()).isEqualTo("anserini");
        assertThat(first.get("measures").get("nDCG@10").asDouble()).isEqualTo(0.68);
        assertThat(first.get("judgedQueries").asInt()).isEqualTo(300);
        assertThat(first.get("published").get("measures").get("nDCG@10").asDouble())
                .isEqualTo(0.6789);
        assertThat(root.get("results").get(1).get("measures").has("R@1000")).isFalse();
        assertThat(root.get("seeds").get(0).get("mrr").asDouble()).isEqualTo(0.625);
        assertThat(root.get("seeds").get(0).get("misses").get(0).get("id").asText())
                .isEqualTo("q9");
    }

    private String text(EvalReport report) {
        StringWriter out = new StringWriter();
        writer.writeText(report, new PrintWriter(out));
        return out.toString();
    }
}
