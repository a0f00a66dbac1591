package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.command.ErrorBoundary;
import org.citebot.index.IndexSettings;
import org.citebot.ops.OpsServer;
import org.citebot.ops.ReadinessCheck;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.testing.LogCapture;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SolrCloud fully down and back, on a real cluster in the JVM (2 nodes, embedded ZooKeeper, 127.0.0.1
 * only, a collection of 2 shards x 2 replicas): {@code /readyz} fails with the reason and passes again,
 * requests fail with the one neutral notice, the outage is logged once, and nothing restarts but Solr.
 */
class SolrOutageTest {

    private static final Logger log = LoggerFactory.getLogger(SolrOutageTest.class);
    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path folder;

    private static SolrCloudCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        log.info("SolrCloud of 2 nodes started in {} ms", cluster.startup().toMillis());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeStopped_notReadyWithTheReason_noticeForRequests_loggedOnce_thenReadyAgainByItself() throws Exception {
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor();
        try (LogCapture logs = LogCapture.attach();
                SolrConnection connection = SolrConnection.open(cluster.settings("outage", SHARDS, REPLICAS));
                SolrPassages passages = SolrPassages.open(
                        connection,
                        SolrConfigset.bundled(),
                        IndexSettings.defaults(),
                        Clock.systemUTC(),
                        Optional.empty(),
                        polls)) {
            String collection =
                    new SolrCollections(connection).aliasTarget("outage").orElseThrow();
            cluster.waitForActive(collection, SHARDS, REPLICAS);
            SolrHealth health = new SolrHealth(connection, "outage");
            AtomicLong frozen = new AtomicLong();
            SolrHealth frozenHealth = new SolrHealth(connection, "outage", frozen::get, SolrHealth.FRESH);
            try (OpsServer ops = OpsServer.start(
                    new InetSocketAddress("127.0.0.1", 0),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    List.of(new ReadinessCheck("search", health::unavailable)))) {
                URI readyz = URI.create("http://127.0.0.1:" + ops.address().getPort() + "/readyz");

                HttpResponse<String> healthy = get(readyz);
                assertThat(healthy.statusCode()).isEqualTo(200);
                assertThat(healthy.body()).isEqualTo("ready\nsearch: ok\n");
                assertThat(frozenHealth.unavailable()).isEmpty();
                assertThat(passages.documents()).isEmpty();

                long stopping = System.nanoTime();
                cluster.stopNode(0);
                cluster.stopNode(1);
                await().atMost(WAIT).until(() -> get(readyz).statusCode() == 503);
                log.info(
                        "/readyz failed {} ms after the nodes began to stop",
                        (System.nanoTime() - stopping) / 1_000_000);

                HttpResponse<String> down = get(readyz);
                assertThat(down.body())
                        .startsWith("not ready\nsearch: searching outage failed at ZooKeeper at " + cluster.zkHost())
                        .doesNotContain("\tat ");
                assertThat(down.body().lines()).hasSize(2);
                assertThat(frozenHealth.unavailable())
                        .as("an answer stands for a second: a flood of probes costs no requests")
                        .isEmpty();
                frozen.addAndGet(SolrHealth.FRESH.toNanos() + 1);
                assertThat(frozenHealth.unavailable()).isPresent();
                List<String> warnedWhenDown = outageLines(logs, Level.WARN);
                assertThat(warnedWhenDown).as("the outage is warned of").isNotEmpty();
                for (int i = 0; i < 20; i++) {
                    assertThat(get(readyz).statusCode()).isEqualTo(503);
                }
                assertThatThrownBy(passages::documents)
                        .isInstanceOf(StoreUnavailableException.class)
                        .satisfies(failure -> assertThat(new ErrorBoundary().apology("search", failure))
                                .isEqualTo("Search is unavailable right now; please try again in a minute."));
                // Stopping the nodes one by one may flap (a request failing on a node going down
                // while the other still answers); once all are down, nothing more is warned of.
                assertThat(outageLines(logs, Level.WARN))
                        .as("no warning per probe, poll or request once the outage is under way")
                        .isEqualTo(warnedWhenDown);

                long restarting = System.nanoTime();
                cluster.restartNode(0);
                cluster.restartNode(1);
                cluster.waitForActive(collection, SHARDS, REPLICAS);
                await().atMost(WAIT).until(() -> get(readyz).statusCode() == 200);
                log.info(
                        "/readyz passed {} ms after the nodes began to restart",
                        (System.nanoTime() - restarting) / 1_000_000);

                assertThat(passages.documents()).isEmpty();
                List<String> told = outageLines(logs, Level.INFO);
                assertThat(told.get(told.size() - 1)).startsWith("Search is available again: SolrCloud");
            }
        } finally {
            polls.shutdownNow();
        }
    }

    /** What the connection's StoreOutages logged at {@code atLeast} or above, in order. */
    private static List<String> outageLines(LogCapture logs, Level atLeast) {
        return logs.lines(atLeast).stream()
                .filter(line -> line.startsWith("Search is unavailable: SolrCloud")
                        || line.startsWith("Search is available again: SolrCloud"))
                .toList();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
