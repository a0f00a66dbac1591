package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.citebot.solr.SolrSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How {@code citebot bench} reads its Solr options, without a Solr: which SolrCloud the Solr rows go
 * to, in what shape, with which credentials, and the usage errors an operator gets before anything
 * is measured. {@code bench.SolrBenchRowsTest} measures the rows on a real SolrCloud.
 */
class BenchCommandSolrOptionsTest {

    @TempDir
    Path folder;

    @Test
    void solrTarget_withoutSolrOptions_isEmpty() {
        assertThat(parse(Map.of(), "--passages", "10k").solrTarget()).isEmpty();
    }

    @Test
    void solrTarget_solrZk_isOneShardOfOneReplicaWithTheEnvironmentsCredentials() {
        Map<String, String> environment = Map.of(
                SolrSettings.USER_VARIABLE,
                "bench",
                SolrSettings.PASSWORD_VARIABLE,
                "secret",
                "CITEBOT_SEARCH_SOLR_REPLICAS",
                "3");

        SolrSettings solr = parse(environment, "--solr-zk", "127.0.0.1:9983,127.0.0.2:9983/solr")
                .solrTarget()
                .orElseThrow();

        assertThat(solr.zkHosts()).containsExactly("127.0.0.1:9983", "127.0.0.2:9983/solr");
        assertThat(solr.urls()).isEmpty();
        assertThat(solr.shards()).isOne();
        assertThat(solr.replicas())
                .as("only the credentials come from the environment")
                .isOne();
        assertThat(solr.user()).contains("bench");
        assertThat(solr.password()).contains("secret");
    }

    @Test
    void solrTarget_solrUrlWithShardsAndReplicas_takesThem() {
        SolrSettings solr = parse(
                        Map.of(),
                        "--solr-url",
                        "http://127.0.0.1:8983/solr,http://127.0.0.1:8984/solr",
                        "--solr-shards",
                        "2",
                        "--solr-replicas",
                        "2")
                .solrTarget()
                .orElseThrow();

        assertThat(solr.zkHosts()).isEmpty();
        assertThat(solr.urls())
                .containsExactly(URI.create("http://127.0.0.1:8983/solr"), URI.create("http://127.0.0.1:8984/solr"));
        assertThat(solr.shards()).isEqualTo(2);
        assertThat(solr.replicas()).isEqualTo(2);
        assertThat(solr.user()).isEmpty();
    }

    @Test
    void solrTarget_solr_takesTheConfiguredClusterAndShapeAndLetsOptionsOverrideThem() throws Exception {
        Path config = Files.writeString(folder.resolve("citebot.yaml"), """
                search:
                  solr:
                    zkHosts: zk1:2181/solr
                    collection: ours
                    shards: 3
                    replicas: 2
                """);

        SolrSettings configured = parse(Map.of(), "--solr", "--config", config.toString())
                .solrTarget()
                .orElseThrow();
        SolrSettings overridden = parse(
                        Map.of(),
                        "--solr",
                        "--config",
                        config.toString(),
                        "--solr-url",
                        "http://127.0.0.1:8983/solr",
                        "--solr-replicas",
                        "1")
                .solrTarget()
                .orElseThrow();

        assertThat(configured.zkHosts()).containsExactly("zk1:2181/solr");
        assertThat(List.of(configured.shards(), configured.replicas())).containsExactly(3, 2);
        assertThat(overridden.zkHosts())
                .as("the given address replaces the configured one")
                .isEmpty();
        assertThat(overridden.urls()).containsExactly(URI.create("http://127.0.0.1:8983/solr"));
        assertThat(List.of(overridden.shards(), overridden.replicas())).containsExactly(3, 1);
    }

    @Test
    void bench_solrShardsWithoutACluster_isAUsageError() {
        assertThat(usageError("bench", "--passages", "300", "--solr-shards", "2"))
                .contains("--solr-shards and --solr-replicas need --solr-zk, --solr-url or --solr");
    }

    @Test
    void bench_solrZkThatIsNotHostAndPort_isAUsageErrorNamingIt() {
        assertThat(usageError("bench", "--passages", "300", "--solr-zk", "zookeeper-without-port"))
                .contains("zookeeper-without-port");
    }

    @Test
    void bench_solrWithAConfigFileThatIsMissing_isAUsageErrorNamingIt() {
        String absent = folder.resolve("absent.yaml").toString();

        assertThat(usageError("bench", "--solr", "--config", absent)).contains(absent);
    }

    /** Runs {@code args}, expects exit 2 before anything is measured, and returns what was printed on stderr. */
    private static String usageError(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_USAGE);
        assertThat(out.toString()).as("no report").isEmpty();
        return err.toString();
    }

    /** The bench command as picocli builds it under {@code citebot}, with {@code environment}. */
    private static BenchCommand parse(Map<String, String> environment, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "bench";
        System.arraycopy(options, 0, args, 1, options.length);
        CommandLine.ParseResult parsed = new CommandLine(new Main(environment)).parseArgs(args);
        return (BenchCommand) parsed.subcommand().commandSpec().userObject();
    }
}
