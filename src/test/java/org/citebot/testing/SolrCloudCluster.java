package org.citebot.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;
import org.citebot.solr.SolrSettings;

/**
 * A real SolrCloud inside the test JVM: Solr's {@link MiniSolrCloudCluster} with an embedded
 * ZooKeeper and Jetty nodes listening on 127.0.0.1 only. Starting one costs seconds (see {@link
 * #startup()}), so a test class starts one in {@code @BeforeAll} and stops it in {@code @AfterAll}:
 * kept running, its threads would disturb later tests that count the JVM's threads.
 */
public final class SolrCloudCluster implements AutoCloseable {

    private static final int WAIT_SECONDS = 60;

    private final MiniSolrCloudCluster cluster;
    private final Duration startup;
    /** The nodes as started: the cluster's own list drops a node while it is stopped. */
    private final List<JettySolrRunner> nodes;

    private SolrCloudCluster(MiniSolrCloudCluster cluster, Duration startup) {
        this.cluster = cluster;
        this.startup = startup;
        this.nodes = List.copyOf(cluster.getJettySolrRunners());
    }

    /** Starts ZooKeeper and {@code nodes} Solr nodes in {@code folder} and waits until all are live. */
    public static SolrCloudCluster start(Path folder, int nodes) throws Exception {
        // Only the loopback interface, and no ZooKeeper admin server (it would listen on 8080).
        System.setProperty("host", "127.0.0.1");
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("jetty.testMode", "true");
        System.setProperty("solr.disableDefaultJmxReporter", "true");
        long began = System.nanoTime();
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, folder)
                .withMetrics(false)
                .build();
        cluster.waitForAllNodes(WAIT_SECONDS);
        return new SolrCloudCluster(cluster, Duration.ofNanos(System.nanoTime() - began));
    }

    /** How long {@link #start} took. */
    public Duration startup() {
        return startup;
    }

    /** The embedded ZooKeeper's {@code 127.0.0.1:port}. */
    public String zkHost() {
        return cluster.getZkServer().getZkAddress();
    }

    /** Each running node's base URL ({@code http://127.0.0.1:PORT/solr}). */
    public List<URI> urls() {
        return nodes.stream()
                .filter(JettySolrRunner::isRunning)
                .map(jetty -> URI.create(jetty.getBaseUrl().toString()))
                .toList();
    }

    /** Settings reaching this cluster through its ZooKeeper, without credentials. */
    public SolrSettings settings(String collection, int shards, int replicas) {
        return new SolrSettings(
                List.of(zkHost()),
                List.of(),
                collection,
                shards,
                replicas,
                Optional.empty(),
                Optional.empty(),
                SolrSettings.DEFAULT_GENERATION_POLL);
    }

    /** Stops node {@code index} (0-based, as started), waiting until it is down. */
    public void stopNode(int index) throws Exception {
        JettySolrRunner jetty = nodes.get(index);
        cluster.stopJettySolrRunner(jetty);
        cluster.waitForJettyToStop(jetty);
    }

    /** Starts a stopped node again on its old port and waits until it is live. */
    public void restartNode(int index) throws Exception {
        JettySolrRunner jetty = nodes.get(index);
        if (!jetty.isRunning()) {
            cluster.startJettySolrRunner(jetty, true);
            cluster.waitForNode(jetty, WAIT_SECONDS);
        }
    }

    /** Waits until {@code collection} has its shards with {@code replicas} active replicas each. */
    public void waitForActive(String collection, int shards, int replicas) {
        cluster.waitForActiveCollection(collection, WAIT_SECONDS, TimeUnit.SECONDS, shards, shards * replicas);
    }

    @Override
    public void close() throws IOException {
        try {
            cluster.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping SolrCloud", e);
        } catch (Exception e) {
            if (nodes.stream().anyMatch(JettySolrRunner::isRunning)) {
                throw new IOException("stopping SolrCloud failed", e);
            }
            // Jetty reports a graceful stop that outlived its timeout (a client connection still open
            // on a loaded machine) and then stops anyway: with every node down, nothing is left behind.
            System.err.println(
                    "SolrCloud stopped, after a slow shutdown: " + e + " " + Arrays.toString(e.getSuppressed()));
        }
    }
}
