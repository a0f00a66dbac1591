package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both retrieval profiles on a tiny synthetic collection indexed in a temporary folder. */
class RetrievalProfilesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final TestCollection ANIMALS = new TestCollection(
            "animals",
            List.of(
                    new EvalDocument("d1", "Sea otters", "Sea otters hold hands while they sleep in kelp forests."),
                    new EvalDocument("d2", "Beavers", "Beavers build dams from branches and mud across streams."),
                    new EvalDocument("d3", "River otters", "River otters eat fish and build dens near streams."),
                    new EvalDocument("q9", "Otters", "Otters and more otters, a document sharing its id with a query."),
                    new EvalDocument("t2", "Kelp", "Kelp forests shelter fish."),
                    new EvalDocument("t1", "Kelp", "Kelp forests shelter fish.")),
            List.of(
                    new Topic("q1", "Which otters hold hands?"),
                    new Topic("q2", "dams built by beavers"),
                    new Topic("q9", "otters"),
                    new Topic("q3", "kelp shelter"),
                    new Topic("q4", "the and of")),
            new RelevanceJudgements(Map.of("q1", Map.of("d1", 1), "q2", Map.of("d2", 1))),
            AveragingMode.ALL_JUDGED);

    @TempDir
    Path work;

    @Test
    void bagOfWords_repeatedTerm_isOneClauseBoostedByItsCount() {
        BooleanQuery query =
                (BooleanQuery) AnseriniBm25Profile.bagOfWords(new EnglishAnalyzer(), "Otters, otter and the dams");

        assertThat(query.clauses()).hasSize(2).allSatisfy(clause -> assertThat(clause.getOccur())
                .isEqualTo(BooleanClause.Occur.SHOULD));
        BoostQuery otter = (BoostQuery) query.clauses().get(0).getQuery();
        assertThat(((TermQuery) otter.getQuery()).getTerm().text()).isEqualTo("otter");
        assertThat(otter.getBoost()).isEqualTo(2f);
        BoostQuery dam = (BoostQuery) query.clauses().get(1).getQuery();
        assertThat(((TermQuery) dam.getQuery()).getTerm().text()).isEqualTo("dam");
        assertThat(dam.getBoost()).isEqualTo(1f);
    }

    @Test
    void anseriniRun_tinyCollection_ranksTheMatchingDocumentFirst() throws Exception {
        RankedRun run = new AnseriniBm25Profile().run(ANIMALS, work);

        assertThat(run.hits("q1").get(0).docId()).isEqualTo("d1");
        assertThat(run.hits("q2").get(0).docId()).isEqualTo("d2");
        assertThat(TrecEval.evaluate(ANIMALS.judgements(), run, AveragingMode.ALL_JUDGED)
                        .ndcgAt10())
                .isEqualTo(1.0);
    }

    @Test
    void anseriniRun_documentWithTheQueryId_isLeftOut() throws Exception {
        RankedRun run = new AnseriniBm25Profile().run(ANIMALS, work);

        assertThat(run.hits("q9"))
                .extracting(ScoredDocument::docId)
                .isNotEmpty()
                .doesNotContain("q9");
    }

    @Test
    void anseriniRun_equalScores_comeInDocumentIdOrder() throws Exception {
        RankedRun run = new AnseriniBm25Profile().run(ANIMALS, work);

        List<ScoredDocument> kelp = run.hits("q3");
        assertThat(kelp).extracting(ScoredDocument::docId).startsWith("t1", "t2");
        assertThat(kelp.get(0).score()).isEqualTo(kelp.get(1).score());
    }

    @Test
    void anseriniRun_onlyStopWords_retrievesNothing() throws Exception {
        assertThat(new AnseriniBm25Profile().run(ANIMALS, work).hits("q4")).isEmpty();
    }

    @Test
    void citebotRun_tinyCollection_answersThroughTheBotsSearch() throws Exception {
        RankedRun run = CitebotProfile.defaults(CLOCK).run(ANIMALS, work);

        assertThat(run.hits("q1").get(0).docId()).isEqualTo("d1");
        assertThat(run.hits("q2").get(0).docId()).isEqualTo("d2");
        assertThat(run.hits("q9"))
                .extracting(ScoredDocument::docId)
                .isNotEmpty()
                .doesNotContain("q9");
    }

    @Test
    void citebotRun_scores_fallWithTheBotsRankSoTrecEvalKeepsItsOrder() throws Exception {
        RankedRun run = CitebotProfile.defaults(CLOCK).run(ANIMALS, work);

        List<ScoredDocument> hits = run.hits("q3");
        assertThat(hits).hasSizeGreaterThan(1);
        assertThat(TrecEval.trecOrder(hits))
                .isEqualTo(hits.stream().map(ScoredDocument::docId).toList());
    }

    @Test
    void citebotRun_questionTheBotRefuses_retrievesNothing() throws Exception {
        assertThat(CitebotProfile.defaults(CLOCK).run(ANIMALS, work).hits("q4")).isEmpty();
    }

    @Test
    void citebotRun_moreResultsThanOnePage_pagesUpToTheDepth() throws Exception {
        List<EvalDocument> many = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            many.add(new EvalDocument(String.format("m%03d", i), "Note " + i, "otters " + "word ".repeat(i)));
        }
        TestCollection collection = new TestCollection(
                "many",
                many,
                List.of(new Topic("q", "otters")),
                new RelevanceJudgements(Map.of("q", Map.of("m129", 1))),
                AveragingMode.ALL_JUDGED);

        RankedRun deep = CitebotProfile.defaults(CLOCK).run(collection, Files.createDirectory(work.resolve("deep")));
        RankedRun shallow = CitebotProfile.defaults(CLOCK)
                .withDepth(60)
                .run(collection, Files.createDirectory(work.resolve("shallow")));

        assertThat(deep.hits("q"))
                .hasSize(130)
                .extracting(ScoredDocument::docId)
                .doesNotHaveDuplicates();
        assertThat(deep.hits("q").get(0).docId()).isEqualTo("m000");
        assertThat(shallow.hits("q")).hasSize(60);
    }
}
