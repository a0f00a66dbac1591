package org.citebot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.eval.beir.BeirCollectionReader;
import org.citebot.eval.beir.EvalDataDirectory;
import org.citebot.eval.beir.TestCollection;
import org.citebot.solr.SolrCollections;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's Solr rows on a real SolrCloud in the JVM (one node, embedded ZooKeeper, 127.0.0.1
 * only): one corpus size measured as {@code citebot bench --solr-zk} measures it gains a Solr row
 * in indexing and in search at one and four threads, on the same questions as embedded citebot, and
 * ratios against it, in the text report and the JSON; the bench's alias is gone afterwards and the
 * bot's alias on the same cluster is untouched. 200 passages, 20 questions and one round of
 * everything keep it to seconds (SciFact quality, the same in every run, is left out); it checks that
 * every figure is there and sane, never how fast anything was. Skipped when {@code shared/eval} is
 * absent, as the bench smoke test is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrBenchRowsTest {

    private static final String BOTS_ALIAS = "citebot";
    private static final int PASSAGES = 200;
    private static final int QUESTIONS = 20;
    /** One round of everything, 20 questions, a small warm-up corpus: the figures carry no weight. */
    private static final BenchSettings TINY = new BenchSettings(
            SciFactPassageCorpus.DEFAULT_SEED, 1, 1, 1, 1, 1, 4, 2, 1.0, 100, 20, 0.2, 100, QUESTIONS);

    @TempDir
    static Path folder;

    private SolrCloudCluster cluster;

    @BeforeAll
    void startSolrCloud() throws Exception {
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 1);
    }

    @AfterAll
    void stopSolrCloud() throws Exception {
        cluster.close();
    }

    @Test
    void measureSize_withSolr_addsSolrRowsBesideEmbeddedCitebotAndDeletesTheBenchAlias() throws Exception {
        Optional<Path> eval = EvalDataDirectory.locate(Path.of(""));
        Assumptions.assumeTrue(
                eval.isPresent() && Files.isDirectory(eval.get().resolve("scifact")),
                "shared/eval/scifact not found above the working directory: bench Solr test skipped");
        TestCollection scifact =
                new BeirCollectionReader(new ObjectMapper()).read(eval.get().resolve("scifact"));
        String botsCollection;
        try (SolrConnection bot = SolrConnection.open(cluster.settings(BOTS_ALIAS, 1, 1))) {
            botsCollection =
                    new SolrCollections(bot).setup(SolrConfigset.bundled()).collection();
        }
        SpeedBenchmark bench = new SpeedBenchmark(
                scifact,
                TINY,
                Clock.systemUTC(),
                Optional.empty(),
                0,
                Optional.empty(),
                0,
                Optional.of(cluster.settings(BOTS_ALIAS, 1, 1)));

        long started = System.nanoTime();
        SizeReport size = bench.measureSize(
                new SciFactPassageCorpus(scifact.documents(), TINY.seed()), PASSAGES, folder.resolve("work"));
        System.out.printf(
                "one size with Solr rows took %d ms (SolrCloud started in %d ms)%n",
                (System.nanoTime() - started) / 1_000_000, cluster.startup().toMillis());

        assertThat(size.indexing()).containsOnlyKeys("citebot", "lucene", "fts5", "solr");
        IndexingFigures indexed = size.indexing().get("solr");
        assertThat(indexed.passagesPerSecond()).isPositive();
        assertThat(indexed.megabytesPerSecond()).isPositive();
        assertThat(indexed.indexBytes())
                .as("Solr's index is on the cluster's machines, not measured here")
                .isEqualTo(BenchEngine.INDEX_BYTES_UNKNOWN);
        assertThat(size.search().keySet()).endsWith("solr");
        SearchFigures onSolr = size.search().get("solr");
        SearchFigures embedded = size.search().get("citebot");
        assertThat(onSolr.readyMillis()).isPositive();
        assertThat(onSolr.reopenMillis()).isPositive();
        assertThat(onSolr.emptyResults())
                .as("questions without hits: the same pipeline finds the same passages")
                .isEqualTo(embedded.emptyResults());
        assertLatencies(onSolr.oneThread(), 1, embedded.oneThread());
        assertLatencies(onSolr.fourThreads(), 4, embedded.fourThreads());
        List<Ratio> againstSolr = size.ratios().stream()
                .filter(ratio -> ratio.baseline().equals("solr"))
                .toList();
        assertThat(againstSolr)
                .as("indexing passages/s and MB/s, and the 10 search ratios")
                .hasSize(12)
                .allSatisfy(
                        ratio -> assertThat(ratio.ratio()).as(ratio.toString()).isPositive());

        BenchReport report = new BenchReport(
                BenchEnvironment.current(Clock.systemUTC().instant(), "test", 0),
                TINY,
                new QualityFigures("none", 0, 0, 0),
                List.of(size),
                List.of(),
                List.of(),
                "none",
                bench.solrRows());
        StringWriter text = new StringWriter();
        new BenchReportWriter().writeText(report, new PrintWriter(text));
        assertThat(text.toString())
                .contains("Solr rows: ZooKeeper at " + cluster.zkHost() + ", 1 shard(s) x 1 replica(s)")
                .containsPattern("(?m)^solr +[0-9.]+ +[0-9]+ +[0-9.]+ +n/a$")
                .containsPattern("(?m)^solr +[0-9.]+ +[0-9.]+ \\|")
                .containsPattern("(?m)^  vs solr: indexing passages/s [0-9.]+; indexing MB/s [0-9.]+;$")
                .containsPattern("(?m)^  vs solr: p50 µs, 1 thread [0-9.]+;.* heap delta bytes [0-9.-]+;$");
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        assertThat(json.get("solr").asText()).isEqualTo(bench.solrRows());
        assertThat(json.get("sizes")
                        .get(0)
                        .get("search")
                        .get("solr")
                        .get("fourThreads")
                        .get("threads")
                        .asInt())
                .isEqualTo(4);

        Matcher alias =
                Pattern.compile("aliases (citebot-bench-\\S+)-n<passages>").matcher(bench.solrRows());
        assertThat(alias.find()).as(bench.solrRows()).isTrue();
        try (SolrConnection connection = SolrConnection.open(cluster.settings(BOTS_ALIAS, 1, 1))) {
            SolrCollections collections = new SolrCollections(connection);
            assertThat(collections.aliasTarget(alias.group(1) + "-n" + PASSAGES))
                    .isEmpty();
            assertThat(collections.collections())
                    .as("the bench's collections are deleted, the bot's is untouched")
                    .containsExactly(botsCollection);
            assertThat(collections.aliasTarget(BOTS_ALIAS)).contains(botsCollection);
        }
    }

    @Test
    void report_withoutSolrRows_leavesTheSolrKeyOutOfTheJson() throws Exception {
        BenchReport report = new BenchReport(
                BenchEnvironment.current(Clock.systemUTC().instant(), "test", 0),
                TINY,
                new QualityFigures("none", 0, 0, 0),
                List.of(),
                List.of(),
                List.of(),
                "none",
                "");

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));

        assertThat(json.has("solr")).isFalse();
        assertThat(json.get("hybridVectors").asText()).isEqualTo("none");
    }

    private static void assertLatencies(LatencyFigures latencies, int threads, LatencyFigures embedded) {
        assertThat(latencies.threads()).isEqualTo(threads);
        assertThat(latencies.samples())
                .as("the same questions as the embedded index, as often")
                .isEqualTo(embedded.samples());
        assertThat(latencies.p50Micros()).isPositive();
        assertThat(latencies.p99Micros()).isGreaterThanOrEqualTo(latencies.p50Micros());
        assertThat(latencies.queriesPerSecond()).isPositive();
    }
}
