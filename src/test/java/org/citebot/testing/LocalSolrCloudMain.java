package org.citebot.testing;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real SolrCloud on this machine for a person to point {@code citebot bench --solr-zk} (or {@code
 * citebot eval --backend solr}) at, without Docker or a Solr download: {@link SolrCloudCluster}'s
 * embedded ZooKeeper and Jetty nodes on 127.0.0.1, from the test dependencies Maven already has. It
 * prints the ZooKeeper address and stays up until it is stopped (Ctrl-C or {@code kill PID}), then
 * stops its nodes. docs/benchmarks.md gives the command line.
 *
 * <p>Arguments: {@code [--nodes N] [--folder DIR]}; one node, in a new temporary folder, by default.
 * The folder must be new or empty: each start is a new cluster.
 */
public final class LocalSolrCloudMain {

    private LocalSolrCloudMain() {}

    public static void main(String[] args) throws Exception {
        int nodes = 1;
        Path folder = null;
        for (int i = 0; i < args.length; i++) {
            boolean valued = i + 1 < args.length;
            if (args[i].equals("--nodes") && valued) {
                nodes = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--folder") && valued) {
                folder = Path.of(args[++i]);
            } else {
                System.err.println("usage: LocalSolrCloudMain [--nodes N] [--folder DIR]");
                System.exit(2);
            }
        }
        if (nodes < 1) {
            System.err.println("--nodes takes a count of at least 1, not " + nodes);
            System.exit(2);
        }
        if (folder != null && Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    // A cluster started over an old one's ZooKeeper data would find collections without cores.
                    System.err.println("--folder must be new or empty: " + folder);
                    System.exit(2);
                }
            }
        }
        Path dir = folder != null ? Files.createDirectories(folder) : Files.createTempDirectory("citebot-solrcloud-");
        // Printed apart from Solr's own logging, which goes to stderr and stdout alike.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SolrCloudCluster cluster = SolrCloudCluster.start(dir, nodes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("Stopping SolrCloud...");
                            try {
                                cluster.close();
                            } catch (Exception e) {
                                e.printStackTrace();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "citebot-local-solrcloud-stop"));
        out.printf(
                "%nSolrCloud up in %d ms: %d node(s) in %s, process %d%n",
                cluster.startup().toMillis(),
                nodes,
                dir,
                ProcessHandle.current().pid());
        out.println("ZooKeeper: " + cluster.zkHost());
        out.println("Solr: " + cluster.urls());
        out.println("Bench against it: java -Xmx2g -jar target/citebot.jar bench --solr-zk " + cluster.zkHost()
                + " --passages 100k --hybrid-passages 0 ...");
        out.println("Stop it with Ctrl-C or kill " + ProcessHandle.current().pid());
        stopped.await();
    }
}
