package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.ops.OpsServer;
import org.citebot.ops.ReadinessCheck;
import org.citebot.testing.LocalPorts;
import org.junit.jupiter.api.Test;

class HealthcheckCommandTest {

    @Test
    void healthcheck_runningEndpoint_exitsZero_readyCheckFailing_exitsOne() throws Exception {
        try (OpsServer ops = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of(new ReadinessCheck("gateway", () -> Optional.of("not connected"))))) {
            Map<String, String> env =
                    Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:" + ops.address().getPort());

            assertThat(run(env, "healthcheck")).isZero();
            assertThat(run(env, "healthcheck", "--ready")).isEqualTo(1);
        }
    }

    @Test
    void healthcheck_nothingListening_saysTheConnectionWasRefused() throws Exception {
        StringWriter err = new StringWriter();
        int code = run(Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:" + LocalPorts.unused()), err, "healthcheck");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("did not answer: connection refused")
                .doesNotContain("null");
    }

    @Test
    void healthcheck_listenerThatNeverAnswers_saysItTimedOut() throws Exception {
        // The kernel completes the connection from the backlog; nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = run(
                    Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:" + silent.getLocalPort()),
                    err,
                    "healthcheck",
                    "--timeout",
                    "1");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString())
                    .contains("no answer within 1 s (timeout)")
                    .doesNotContain("null");
        }
    }

    @Test
    void healthcheck_notReady_namesTheHttpStatus() throws Exception {
        try (OpsServer ops = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of(new ReadinessCheck("gateway", () -> Optional.of("not connected"))))) {
            StringWriter err = new StringWriter();
            int code = run(
                    Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:" + ops.address().getPort()),
                    err,
                    "healthcheck",
                    "--ready");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("answered HTTP 503");
        }
    }

    private static int run(Map<String, String> env, StringWriter err, String... args) {
        return Main.execute(args, env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private static int run(Map<String, String> env, String... args) {
        return Main.execute(
                args, env, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }
}
