package org.citebot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Optional<String>> gateway = new AtomicReference<>(Optional.of("not connected"));
    private final HttpClient http = HttpClient.newHttpClient();
    private OpsServer server;

    @BeforeEach
    void start() throws IOException {
        server = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                metrics,
                List.of(
                        new ReadinessCheck("index", Optional::empty),
                        new ReadinessCheck("gateway", gateway::get),
                        new ReadinessCheck("broken", () -> {
                            throw new IllegalStateException("boom");
                        })));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthz_processUp_answersOk() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyz_aCheckFails_503WithEveryReason() throws Exception {
        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("index: ok", "gateway: not connected", "broken: check failed");
    }

    @Test
    void readyz_allChecksHold_200() throws Exception {
        OpsServer other = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0), metrics, List.of(new ReadinessCheck("index", Optional::empty)));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + other.address().getPort() + "/readyz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("ready");
        } finally {
            other.close();
        }
    }

    @Test
    void readyz_floodOfProbes_runsTheChecksOnceASecond() throws Exception {
        AtomicLong nanos = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        try (OpsServer flooded = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                metrics,
                List.of(new ReadinessCheck("search", () -> {
                    runs.incrementAndGet();
                    return Optional.empty();
                })),
                nanos::get)) {
            URI readyz = URI.create("http://127.0.0.1:" + flooded.address().getPort() + "/readyz");
            for (int i = 0; i < 20; i++) {
                assertThat(send(readyz).statusCode()).isEqualTo(200);
            }
            assertThat(runs).hasValue(1);

            nanos.addAndGet(Duration.ofMillis(1001).toNanos());
            assertThat(send(readyz).body()).isEqualTo("ready\nsearch: ok\n");
            assertThat(runs).hasValue(2);
        }
    }

    @Test
    void readyz_aCheckHangs_otherProbesAndHealthzAnswerAtOnce() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (OpsServer stuck = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0), metrics, List.of(new ReadinessCheck("search", () -> {
                    entered.countDown();
                    try {
                        hung.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.empty();
                })))) {
            String base = "http://127.0.0.1:" + stuck.address().getPort();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> other = send(URI.create(base + "/readyz"));
            HttpResponse<String> health = send(URI.create(base + "/healthz"));

            assertThat(other.statusCode()).isEqualTo(503);
            assertThat(other.body()).isEqualTo("not ready\nreadiness: being checked\n");
            assertThat(health.statusCode()).isEqualTo(200);
            hung.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            hung.countDown();
        }
    }

    @Test
    void metrics_servesPrometheusTextWithRegisteredMeters() throws Exception {
        metrics.counter("citebot_test_events", "kind", "x").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("citebot_test_events_total{kind=\"x\"} 3.0");
    }

    @Test
    void otherPathsAndMethods_refusedPolitely() throws Exception {
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(uri("/healthz"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> send(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }
}
