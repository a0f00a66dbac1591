package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.citebot.testing.LocalPorts;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot solr setup} against a real one-node SolrCloud in the JVM, and against nothing. */
class SolrCliTest {

    @TempDir
    static Path folder;

    private static SolrCloudCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        // One node is enough here: Solr places all four replicas on it.
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void setup_runningSolrCloud_createsTheCollectionOnce() {
        Map<String, String> env = Map.of(
                "CITEBOT_SEARCH_SOLR_ZK_HOSTS", cluster.zkHost(),
                "CITEBOT_SEARCH_SOLR_COLLECTION", "cli",
                "CITEBOT_SEARCH_SOLR_SHARDS", "2");
        StringWriter first = new StringWriter();
        StringWriter again = new StringWriter();

        assertThat(run(env, first, new StringWriter())).isZero();
        assertThat(run(env, again, new StringWriter())).isZero();

        assertThat(first.toString())
                .contains("Created Solr collection cli_g1 (2 shards x 2 replicas, configset citebot-")
                .contains("behind alias cli")
                .contains("Set search.backend: solr to search it");
        assertThat(again.toString()).contains("Solr is already set up: alias cli points at cli_g1");
    }

    @Test
    void setup_nothingListening_exitsTwoWithOneLine() throws Exception {
        StringWriter err = new StringWriter();
        Map<String, String> env =
                Map.of("CITEBOT_SEARCH_SOLR_URLS", "http://127.0.0.1:" + LocalPorts.unused() + "/solr");

        int code = run(env, new StringWriter(), err);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith(
                        "citebot: Search is unavailable right now; please try again in a minute. (listing configsets"
                                + " failed at Solr at http://127.0.0.1:")
                .doesNotContain("\n")
                .doesNotContain("\tat ");
    }

    @Test
    void setup_notConfigured_exitsTwoNamingTheKeys() {
        StringWriter err = new StringWriter();

        int code = run(Map.of(), new StringWriter(), err);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("set search.solr.zkHosts (or search.solr.urls)");
    }

    private static int run(Map<String, String> env, StringWriter out, StringWriter err) {
        return Main.execute(
                new String[] {"solr", "setup"}, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
