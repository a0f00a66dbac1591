package org.citebot.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;
import org.citebot.solr.SolrSettings;

/**
 * A real SolrCloud inside the test JVM: Solr's {@link MiniSolrCloudCluster} with an embedded
 * ZooKeeper and Jetty nodes listening on 127.0.0.1 only. Starting one costs seconds (see {@link
 * #startup()}), so the test JVM starts one ({@link #shared()}) and the test classes share it.
 */
public final class SolrCloudCluster implements AutoCloseable {

    private static final int WAIT_SECONDS = 60;

    private static SolrCloudCluster shared;

    private final MiniSolrCloudCluster cluster;
    private final Duration startup;
    /** The nodes as started: the cluster's own list drops a node while it is stopped. */
    private final List<JettySolrRunner> nodes;

    private SolrCloudCluster(MiniSolrCloudCluster cluster, Duration startup) {
        this.cluster = cluster;
        this.startup = startup;
        this.nodes = List.copyOf(cluster.getJettySolrRunners());
    }

    /**
     * The test JVM's cluster of 2 nodes, started on the first call and stopped (its folder deleted)
     * when the JVM exits, so every Solr test class shares one start-up.
     */
    public static synchronized SolrCloudCluster shared() throws Exception {
        if (shared == null) {
            Path folder = Files.createTempDirectory("citebot-solrcloud");
            SolrCloudCluster started = start(folder, 2);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("stopping the test SolrCloud failed: " + e);
                }
                deleteQuietly(folder);
            }));
            shared = started;
        }
        return shared;
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
                List.of(zkHost()), List.of(), collection, shards, replicas, Optional.empty(), Optional.empty());
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

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            cluster.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping SolrCloud", e);
        } catch (Exception e) {
            throw new IOException("stopping SolrCloud failed", e);
        }
    }
}
