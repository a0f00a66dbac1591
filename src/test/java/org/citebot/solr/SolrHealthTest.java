package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The probe against a Solr that accepts connections and never answers (a hung node, a partition):
 * one caller waits for it, every other caller gets the last answer at once. Down and back on a real
 * cluster: {@link SolrOutageTest}.
 */
class SolrHealthTest {

    @Test
    void solrThatNeverAnswers_oneCallerWaits_othersAnswerAtOnce_andTheProbeFailsWithTheReason() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SolrSettings settings = new SolrSettings(
                    List.of(),
                    List.of(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/solr")),
                    "citebot",
                    1,
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    SolrSettings.DEFAULT_GENERATION_POLL);
            try (SolrConnection connection = SolrConnection.open(settings)) {
                SolrHealth health = new SolrHealth(connection, "citebot");
                CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(health::unavailable);
                await().atMost(Duration.ofSeconds(20)).until(() -> !held.isEmpty());

                long began = System.nanoTime();
                Optional<String> other = health.unavailable();
                Duration took = Duration.ofNanos(System.nanoTime() - began);

                assertThat(took).isLessThan(Duration.ofSeconds(1));
                assertThat(other).as("the last answer: none yet").isEmpty();
                assertThat(waiting).isNotDone();

                for (Socket socket : held) {
                    socket.close();
                }
                assertThat(waiting.get(30, TimeUnit.SECONDS)).hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("searching citebot failed at Solr at http://127.0.0.1:"));
            }
        }
    }
}
