package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;
import org.citebot.state.SqliteEmbeddingStore;
import org.citebot.testing.Models;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces Anserini's published BM25 figures on BEIR SciFact with the shared evaluation data (read
 * in place, never copied); skipped when that data is not beside the project. The flat run proves the
 * bare engine. citebot scores title, section and body as one BM25F field (its weighted field), so an
 * index built with equal field weights, searched without the proximity boost, must land on
 * Anserini's flat run (one field holding title and text), which proves citebot's weighted field
 * scores BM25 faithfully; its defaults must beat the published multifield run.
 */
class SciFactReproductionTest {

    private static EffectivenessScores anserini;
    private static EffectivenessScores citebotMultifield;
    private static EffectivenessScores citebotDefaults;
    private static EffectivenessScores citebotHybrid;

    @BeforeAll
    static void runAnseriniOnce(@TempDir Path work) throws Exception {
        Optional<Path> data = EvalDataDirectory.locate(Path.of(""));
        Assumptions.assumeTrue(
                data.isPresent() && Files.isDirectory(data.get().resolve("scifact")),
                "shared/eval/scifact not found above the working directory: SciFact reproduction skipped");
        TestCollection scifact =
                new BeirCollectionReader(new ObjectMapper()).read(data.get().resolve("scifact"));
        long started = System.nanoTime();
        RankedRun run = new AnseriniBm25Profile().run(scifact, Files.createDirectory(work.resolve("anserini")));
        anserini = TrecEval.evaluate(scifact.judgements(), run, scifact.averaging());
        System.out.printf("anserini scifact %s in %d ms%n", anserini, (System.nanoTime() - started) / 1_000_000);

        // citebot's runs share one index with vectors: they differ only in how they search it. The
        // vectors are the shared ones, checked against citebot's own model before they are used.
        started = System.nanoTime();
        TextEmbedder model = Models.bgeSmall();
        SqliteEmbeddingStore store = SqliteEmbeddingStore.open(work.resolve("embeddings.db"));
        PrecomputedVectors vectors = PrecomputedVectors.find(
                        data.get().resolve("scifact"),
                        PrecomputedVectors.folderFor(model).orElseThrow(),
                        384)
                .orElseThrow();
        assertThat(vectors.disagreement(scifact, model)).isEmpty();
        vectors.saveInto(store, scifact, model);
        PassageEmbedder embedder = new PassageEmbedder(model, store);
        try (store;
                PassageIndex index = CitebotProfile.buildIndex(
                        scifact,
                        Files.createDirectory(work.resolve("citebot")),
                        IndexSettings.defaults(),
                        Clock.systemUTC(),
                        Optional.of(embedder))) {
            assertThat(embedder.embeddedCount())
                    .as("every SciFact vector came from the shared file")
                    .isZero();
            System.out.printf("citebot scifact index built in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            started = System.nanoTime();
            // The weights live in the index's frequencies: equal weights need an index of their own.
            // and Anserini's BM25 parameters (k1 0.9, b 0.4) with them.
            IndexSettings equalWeights =
                    new IndexSettings("english-porter-v1", IndexSchema::englishAnalyzer, 0.9f, 0.4f, 1.0f, 1.0f);
            SearchSettings noProximity =
                    SearchSettings.defaults().withProximityBoost(0f).withQuestionWords(true);
            CitebotProfile multifield =
                    new CitebotProfile("citebot-multifield", equalWeights, noProximity, Clock.systemUTC(), 100);
            citebotMultifield = TrecEval.evaluate(
                    scifact.judgements(),
                    multifield.run(scifact, Files.createDirectory(work.resolve("equal-weights"))),
                    scifact.averaging());
            System.out.printf(
                    "citebot multifield scifact %s in %d ms%n",
                    citebotMultifield, (System.nanoTime() - started) / 1_000_000);

            // Only nDCG@10 is asserted of the defaults, and ten documents deep is all it reads.
            started = System.nanoTime();
            CitebotProfile defaults = new CitebotProfile(
                    "citebot", IndexSettings.defaults(), SearchSettings.defaults(), Clock.systemUTC(), 10);
            citebotDefaults =
                    TrecEval.evaluate(scifact.judgements(), defaults.search(scifact, index), scifact.averaging());
            System.out.printf(
                    "citebot defaults scifact %s in %d ms%n",
                    citebotDefaults, (System.nanoTime() - started) / 1_000_000);

            started = System.nanoTime();
            citebotHybrid = TrecEval.evaluate(
                    scifact.judgements(),
                    CitebotProfile.hybrid(Clock.systemUTC(), embedder).search(scifact, index),
                    scifact.averaging());
            System.out.printf(
                    "citebot hybrid scifact %s in %d ms%n", citebotHybrid, (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
    void citebotHybrid_onSciFact_staysAboveTheIssuesFloor() {
        // 0.7272 / 0.9717 when measured; the issue asks for at least 0.72 and 0.95.
        assertThat(citebotHybrid.ndcgAt10()).isGreaterThanOrEqualTo(0.72);
        assertThat(citebotHybrid.recallAt100()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void anseriniProfile_onSciFact_reproducesPublishedNdcgAt10() {
        assertThat(anserini.ndcgAt10()).isCloseTo(0.6789, within(0.002));
    }

    @Test
    void anseriniProfile_onSciFact_reproducesPublishedRecallAt100() {
        assertThat(anserini.recallAt100()).isCloseTo(0.9253, within(0.002));
    }

    @Test
    void anseriniProfile_onSciFact_averagesOverAllJudgedQueries() {
        assertThat(anserini.queries()).isEqualTo(300);
    }

    @Test
    void citebotProfile_defaultsAsTheBotSearches_notBelowPublishedMultifieldNdcg() {
        assertThat(citebotDefaults.ndcgAt10()).isGreaterThanOrEqualTo(0.6647);
        // Issue 15's floor: the one weighted field must rank at least as well as the BM25F it replaced.
        assertThat(citebotDefaults.ndcgAt10()).isGreaterThanOrEqualTo(0.6842);
    }

    @Test
    void citebotProfile_equalFieldWeightsWithoutProximity_reproducesPublishedFlatRun() {
        // Not to the digit: the weighted field's length (twice the words, each frequency doubled) is
        // stored in a lossy one-byte norm, rounded differently from Anserini's single length.
        assertThat(citebotMultifield.ndcgAt10()).isCloseTo(0.6789, within(0.002));
        assertThat(citebotMultifield.recallAt100()).isCloseTo(0.9253, within(0.002));
    }
}
