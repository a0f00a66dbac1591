package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code citebot eval} on a tiny synthetic BEIR collection and the real seeds: output and exit codes. */
class EvalCommandTest {

    private static final Path SEEDS =
            Path.of(System.getProperty("citebot.seeds", "seeds")).toAbsolutePath();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void eval_allProfilesAsJson_printsExactlyOneObjectWithEveryRun() throws IOException {
        Path beir = tinyBeir("tiny");

        int code = run("--beir", beir.toString(), "--profile", "all", "--json");

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("results")).hasSize(3);
        assertThat(root.get("results").get(0).get("profile").asText()).isEqualTo("anserini");
        assertThat(root.get("results").get(1).get("profile").asText()).isEqualTo("citebot");
        assertThat(root.get("results").get(2).get("profile").asText()).isEqualTo("citebot-hybrid");
        assertThat(root.get("results").get(2).get("measures").get("nDCG@10").asDouble())
                .isEqualTo(1.0);
        assertThat(root.get("results").get(0).get("measures").get("nDCG@10").asDouble())
                .isEqualTo(1.0);
        assertThat(root.get("results").get(0).get("queries").asInt()).isEqualTo(2);
    }

    @Test
    void eval_sciFactNamedFolder_comparesWithPublishedFigures() throws IOException {
        Path beir = tinyBeir("scifact");

        int code = run("--beir", beir.toString(), "--profile", "anserini");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("scifact / anserini: 2 queries, depth 1000")
                .contains("compared with Anserini BM25 flat (SciFact)")
                .contains("nDCG@10  1.0000  published 0.6789  difference +0.3211");
    }

    @Test
    void eval_seeds_reportsLexicalThenHybridSuccessMrrAndHonesty() throws IOException {
        int code = run("--seeds", SEEDS.toString(), "--json");

        assertThat(code).isZero();
        JsonNode seeds = new ObjectMapper().readTree(out.toString()).get("seeds");
        assertThat(seeds).hasSize(2);
        JsonNode lexical = seeds.get(0);
        JsonNode hybrid = seeds.get(1);
        assertThat(lexical.get("mode").asText()).isEqualTo("lexical");
        assertThat(hybrid.get("mode").asText()).isEqualTo("hybrid");
        assertThat(hybrid.get("documents").asInt()).isEqualTo(2);
        assertThat(hybrid.get("questions").asInt()).isEqualTo(31);
        assertThat(hybrid.get("offTopic").asInt()).isEqualTo(10);
        // Every answerable seed question in the top 3, every off-topic one told so, none wrongly.
        assertThat(hybrid.get("successAt3").asDouble()).isEqualTo(1.0);
        assertThat(hybrid.get("offTopicHonest").asInt()).isEqualTo(10);
        assertThat(hybrid.get("falseAlarms").asInt()).isZero();
        assertThat(hybrid.get("successAt3").asDouble())
                .isGreaterThan(lexical.get("successAt3").asDouble());
    }

    @Test
    void eval_missingCollection_exitsTwoNamingIt() {
        int code = run("--beir", dir.resolve("absent").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("BEIR collection folder not found").contains("absent");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void eval_malformedCorpus_exitsTwoNamingTheLine() throws IOException {
        Path beir = tinyBeir("broken");
        Files.writeString(beir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"ok\"}\nnot json\n");

        int code = run("--beir", beir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("corpus.jsonl:2");
    }

    @Test
    void eval_missingSeedsFolder_exitsTwo() {
        int code = run("--seeds", dir.resolve("no-seeds").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("seeds folder not found").contains("no-seeds");
    }

    @Test
    void eval_nothingToMeasure_exitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("--beir DIR");
    }

    @Test
    void eval_unknownProfile_exitsTwo() throws IOException {
        assertThat(run("--beir", tinyBeir("tiny").toString(), "--profile", "bm42"))
                .isEqualTo(2);
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new EvalCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path tinyBeir(String name) throws IOException {
        Path beir = Files.createDirectories(dir.resolve(name));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Sea otters", "text": "Sea otters hold hands while they sleep."}
                {"_id": "d2", "title": "Beavers", "text": "Beavers build dams from branches and mud."}
                {"_id": "d3", "title": "Kelp", "text": "Kelp forests shelter fish."}
                """);
        Files.writeString(
                beir.resolve("topics.tiny.tsv"), "q1\tDo otters hold hands?\nq2\tWho builds dams from mud?\n");
        Files.writeString(beir.resolve("qrels.tiny.txt"), "q1 0 d1 1\nq2 0 d2 1\n");
        return beir;
    }

    @Test
    void eval_extraction_printsCitebotBesideTheShippedOutputs() throws IOException {
        Path bench = Files.createDirectories(dir.resolve("article-extraction"));
        Files.createDirectories(bench.resolve("html"));
        Files.createDirectories(bench.resolve("output"));
        String body = "The quay lamps were lit again on Saturday after ten dark years of waiting. ".repeat(8);
        Files.writeString(
                bench.resolve("ground-truth.json"),
                "{\"p1\": {\"articleBody\": \"" + body + "\", \"url\": \"https://x.example/a\"}}");
        try (java.io.OutputStream gz =
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(bench.resolve("html/p1.html.gz")))) {
            gz.write(("<html><body><nav><a href=\"/\">Home</a> <a href=\"/b\">Sport</a></nav><article><p>" + body
                            + "</p></article></body></html>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(
                bench.resolve("output/other.json"),
                "{\"version\": \"1.0\", \"output\": {\"p1\": {\"articleBody\": \"Home Sport\"}}}");

        int code = run("--extraction", bench.toString(), "--json");

        assertThat(code).isZero();
        JsonNode extractors = new ObjectMapper().readTree(out.toString()).get("extractors");
        assertThat(extractors.get("citebot").get("all").get("f1").asDouble()).isEqualTo(1.0);
        assertThat(extractors.get("other").get("all").get("f1").asDouble()).isZero();
        assertThat(extractors.get("other").get("version").asText()).isEqualTo("1.0");
    }

    @Test
    void eval_extractionFolderMissing_exitsTwoNamingIt() {
        int code = run("--extraction", dir.resolve("absent").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("article extraction benchmark folder not found");
    }
}
