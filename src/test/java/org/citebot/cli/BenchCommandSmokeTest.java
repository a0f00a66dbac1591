package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.eval.beir.EvalDataDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI's smoke run of {@code citebot bench}: the whole benchmark at 10k passages with {@code --quick},
 * on the shared SciFact data read in place. It checks that the report is complete and sane (every
 * figure present and positive, ratios computed, FTS5's nDCG measured), never how fast anything was:
 * timings on a shared CI machine are not a test. Skipped when {@code shared/eval} is absent.
 */
class BenchCommandSmokeTest {

    private static final List<String> ENGINES = List.of("citebot", "lucene", "fts5");
    private static final List<String> SETUPS =
            List.of("citebot", "lucene", "lucene+highlighter", "fts5", "fts5+snippet");

    @TempDir
    Path work;

    @Test
    void bench_10kPassagesQuick_reportsEveryFigureForCitebotAndBothBaselines() throws Exception {
        Optional<Path> eval = EvalDataDirectory.locate(Path.of(""));
        Assumptions.assumeTrue(
                eval.isPresent() && Files.isDirectory(eval.get().resolve("scifact")),
                "shared/eval/scifact not found above the working directory: bench smoke test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        long started = System.nanoTime();
        int code = commandLine.execute(
                "--passages",
                "10k,300",
                // Embedding is the slow part of a hybrid row: 300 passages keep it to seconds.
                "--hybrid-passages",
                "300",
                "--quick",
                "--json",
                "--eval-dir",
                eval.get().toString(),
                "--work",
                work.toString());
        System.out.printf("bench smoke run took %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("environment").get("processors").asInt()).isPositive();
        JsonNode quality = report.get("quality");
        assertThat(quality.get("queries").asInt()).isEqualTo(300);
        assertThat(quality.get("fts5NdcgAt10").asDouble()).isBetween(0.3, 1.0);
        assertThat(quality.get("citebotNdcgAt10").asDouble()).isBetween(0.6647, 1.0);

        assertThat(report.get("sizes")).hasSize(2);
        JsonNode size = report.get("sizes").get(0);
        assertThat(size.get("passages").asInt()).isEqualTo(10_000);
        assertThat(size.get("documents").asInt()).isBetween(10_000 / 8, 10_000 / 2);
        assertThat(size.get("textBytes").asLong()).isPositive();
        for (String engine : ENGINES) {
            JsonNode indexing = size.get("indexing").get(engine);
            assertThat(indexing).as(engine).isNotNull();
            assertPositive(indexing, engine, "seconds", "passagesPerSecond", "megabytesPerSecond", "indexBytes");
        }
        for (String setup : SETUPS) {
            JsonNode search = size.get("search").get(setup);
            assertThat(search).as(setup).isNotNull();
            assertPositive(search, setup, "readyMillis", "reopenMillis", "heapBytes");
            assertThat(search.get("emptyResults").asInt())
                    .as(setup + " queries without hits")
                    .isLessThan(10);
            assertLatencies(search.get("oneThread"), setup + " one thread", 1);
            assertLatencies(search.get("fourThreads"), setup + " four threads", 4);
        }
        JsonNode interleaved = size.get("interleaved");
        assertThat(interleaved.get("rounds").asInt()).isPositive();
        assertLatencies(interleaved.get("citebot"), "citebot interleaved", 1);
        assertLatencies(interleaved.get("lucene"), "lucene interleaved", 1);
        JsonNode cache = size.get("cache");
        assertLatencies(cache.get("hitLookups"), "cache hits", 1);
        assertLatencies(cache.get("zipfStream"), "Zipf stream", 1);
        assertLatencies(cache.get("normalizeOnly"), "query normalization", 1);
        assertThat(cache.get("zipfHitRatio").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(cache.get("zipfCacheEntries").asInt()).isPositive();

        JsonNode profile = size.get("profile");
        assertThat(profile.get("samples").asInt()).isPositive();
        List<String> stages = new ArrayList<>();
        double shares = 0;
        for (JsonNode stage : profile.get("stages")) {
            stages.add(stage.get("stage").asText());
            shares += stage.get("share").asDouble();
        }
        assertThat(stages).contains("BM25F matching and top-k collection", "highlighting (the page analyzed again)");
        assertThat(shares).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        for (String engine : List.of("citebot", "lucene")) {
            JsonNode indexing = size.get("indexingProfiles").get(engine);
            assertThat(indexing.get("samples").asInt()).as(engine).isPositive();
            double indexingShares = 0;
            List<String> indexingStages = new ArrayList<>();
            for (JsonNode stage : indexing.get("stages")) {
                indexingStages.add(stage.get("stage").asText());
                indexingShares += stage.get("share").asDouble();
            }
            assertThat(indexingStages).as(engine).contains("analysis (tokenizing, stemming)");
            assertThat(indexingShares).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        }

        assertThat(size.get("ratios").size()).isEqualTo(2 * 3 + 4 * 10 + 2);
        for (JsonNode ratio : size.get("ratios")) {
            assertThat(ratio.get("ratio").isNumber()).as(ratio.toString()).isTrue();
            assertThat(ratio.get("ratio").asDouble()).as(ratio.toString()).isPositive();
        }
        assertThat(size.get("targets").size()).isEqualTo(7);
        assertThat(size.get("embedding"))
                .as("no hybrid row above --hybrid-passages")
                .isEmpty();
        assertThat(report.get("targets").get(0).get("target").asText()).contains("nDCG@10");

        JsonNode small = report.get("sizes").get(1);
        assertThat(small.get("passages").asInt()).isEqualTo(300);
        assertPositive(
                small.get("indexing").get("citebot-hybrid"), "hybrid indexing", "passagesPerSecond", "indexBytes");
        JsonNode hybrid = small.get("search").get("citebot-hybrid");
        assertLatencies(hybrid.get("oneThread"), "hybrid one thread", 1);
        assertLatencies(hybrid.get("fourThreads"), "hybrid four threads", 4);
        JsonNode embedding = small.get("embedding").get("citebot-hybrid");
        assertThat(embedding.get("embedded").asLong() + embedding.get("reused").asLong())
                .isEqualTo(300);
        assertThat(small.get("targets").toString()).contains("semantic leg adds under 15 ms p50");
        JsonNode start = report.get("semanticStart").get(0);
        assertPositive(start, "first hybrid start", "modelLoadMillis", "passages", "indexMillis", "heapBytes");
    }

    private static void assertLatencies(JsonNode latencies, String what, int threads) {
        assertThat(latencies).as(what).isNotNull();
        assertThat(latencies.get("threads").asInt()).as(what).isEqualTo(threads);
        assertThat(latencies.get("samples").asInt()).as(what + " samples").isGreaterThanOrEqualTo(20);
        assertPositive(latencies, what, "p50Micros", "p99Micros", "meanMicros", "queriesPerSecond");
        assertThat(latencies.get("p99Micros").asDouble())
                .as(what + " p99 >= p50")
                .isGreaterThanOrEqualTo(latencies.get("p50Micros").asDouble());
    }

    private static void assertPositive(JsonNode node, String what, String... fields) {
        for (String field : fields) {
            assertThat(node.get(field)).as(what + " " + field).isNotNull();
            assertThat(node.get(field).asDouble()).as(what + " " + field).isPositive();
        }
    }
}
