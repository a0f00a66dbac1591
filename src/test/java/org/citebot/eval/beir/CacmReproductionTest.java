package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces Anserini's published BM25 figures on CACM (trec_eval without {@code -c}) with the
 * shared evaluation data, read in place; skipped when that data is not beside the project.
 */
class CacmReproductionTest {

    private static EffectivenessScores anserini;

    @BeforeAll
    static void runAnseriniOnce(@TempDir Path work) throws Exception {
        Optional<Path> data = EvalDataDirectory.locate(Path.of(""));
        Assumptions.assumeTrue(
                data.isPresent() && Files.isDirectory(data.get().resolve("cacm")),
                "shared/eval/cacm not found above the working directory: CACM reproduction skipped");
        TestCollection cacm = new CacmCollectionReader().read(data.get().resolve("cacm"));
        long started = System.nanoTime();
        anserini = TrecEval.evaluate(cacm.judgements(), new AnseriniBm25Profile().run(cacm, work), cacm.averaging());
        System.out.printf("anserini cacm %s in %d ms%n", anserini, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void anseriniProfile_onCacm_reproducesPublishedMap() {
        assertThat(anserini.map()).isCloseTo(0.3123, within(0.002));
    }

    @Test
    void anseriniProfile_onCacm_reproducesPublishedPrecisionAt30() {
        assertThat(anserini.precisionAt30()).isCloseTo(0.1942, within(0.002));
    }

    @Test
    void anseriniProfile_onCacm_averagesOverTheJudgedTopics() {
        assertThat(anserini.queries()).isEqualTo(52);
    }
}
