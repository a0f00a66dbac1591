package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.ops.OpsServer;
import org.citebot.ops.ReadinessCheck;
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
    void healthcheck_nothingListening_exitsOneWithReason() throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {"healthcheck", "--timeout", "1"},
                Map.of("CITEBOT_OPS_LISTEN", "127.0.0.1:9"),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("did not answer");
    }

    private static int run(Map<String, String> env, String... args) {
        return Main.execute(
                args, env, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }
}
