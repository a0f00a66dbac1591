package org.citebot.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoint (JDK {@code HttpServer}, 127.0.0.1:8081 by default): {@code /healthz}
 * says the process is up, {@code /readyz} whether every {@link ReadinessCheck} holds (503 with the
 * reasons otherwise; the checks run at most once a second), and {@code /metrics} serves the
 * Prometheus text format.
 */
public final class OpsServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static OpsServer start(
            InetSocketAddress address, PrometheusMeterRegistry metrics, List<ReadinessCheck> checks)
            throws IOException {
        return start(address, metrics, checks, System::nanoTime);
    }

    /** As {@link #start(InetSocketAddress, PrometheusMeterRegistry, List)}, timing readiness by {@code nanoTime}. */
    static OpsServer start(
            InetSocketAddress address,
            PrometheusMeterRegistry metrics,
            List<ReadinessCheck> checks,
            LongSupplier nanoTime)
            throws IOException {
        InetSocketAddress bindable =
                address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        HttpServer server = HttpServer.create(bindable, 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "citebot-ops");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        Readiness readiness = new Readiness(List.copyOf(checks), nanoTime);
        server.createContext(
                "/", exchange -> respond(exchange, 404, TEXT, "not found: try /healthz, /readyz or /metrics\n"));
        server.createContext("/healthz", exchange -> {
            if (allowed(exchange)) {
                respond(exchange, 200, TEXT, "ok\n");
            }
        });
        server.createContext("/readyz", exchange -> {
            if (allowed(exchange)) {
                Readiness.Answer answer = readiness.answer();
                respond(exchange, answer.ready() ? 200 : 503, TEXT, answer.body());
            }
        });
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                respond(exchange, 200, PROMETHEUS, metrics.scrape());
            }
        });
        server.start();
        LOG.info(
                "Ops endpoint listening on http://{}:{} (/healthz, /readyz, /metrics)",
                server.getAddress().getHostString(),
                server.getAddress().getPort());
        return new OpsServer(server, executor);
    }

    /** Where the server listens (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The checks' answer, kept for {@link #FRESH}: a flood of probes runs each check at most once a
     * second, however costly (a check may ask a remote store). While one probe runs the checks, the
     * others get the last answer at once, so a check that hangs holds up one of the two threads and
     * never {@code /healthz}.
     */
    private static final class Readiness {

        static final Duration FRESH = Duration.ofSeconds(1);

        record Answer(boolean ready, String body, long at) {}

        private final List<ReadinessCheck> checks;
        private final LongSupplier nanoTime;
        private final ReentrantLock checking = new ReentrantLock();
        /** Written under {@link #checking}; empty until the checks first ran. */
        private volatile Optional<Answer> last = Optional.empty();

        Readiness(List<ReadinessCheck> checks, LongSupplier nanoTime) {
            this.checks = checks;
            this.nanoTime = nanoTime;
        }

        Answer answer() {
            Optional<Answer> seen = last;
            if (seen.isPresent() && fresh(seen.get())) {
                return seen.get();
            }
            if (!checking.tryLock()) {
                return seen.orElseGet(() -> new Answer(false, "not ready\nreadiness: being checked\n", 0));
            }
            try {
                if (last.isPresent() && fresh(last.get())) {
                    return last.get();
                }
                Answer answer = run();
                last = Optional.of(answer);
                return answer;
            } finally {
                checking.unlock();
            }
        }

        private boolean fresh(Answer answer) {
            return nanoTime.getAsLong() - answer.at() <= FRESH.toNanos();
        }

        private Answer run() {
            StringBuilder body = new StringBuilder();
            boolean ready = true;
            for (ReadinessCheck check : checks) {
                Optional<String> problem = safely(check);
                ready &= problem.isEmpty();
                body.append(check.name())
                        .append(": ")
                        .append(problem.orElse("ok"))
                        .append('\n');
            }
            return new Answer(ready, (ready ? "ready\n" : "not ready\n") + body, nanoTime.getAsLong());
        }
    }

    private static Optional<String> safely(ReadinessCheck check) {
        try {
            return check.problem().get();
        } catch (RuntimeException e) {
            return Optional.of("check failed: " + e.getClass().getSimpleName());
        }
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, "method not allowed\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
