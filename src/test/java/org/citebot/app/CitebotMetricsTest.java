package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.command.CommandRequest;
import org.citebot.command.Invoker;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator's Prometheus scrape of a running citebot shows after some use. */
class CitebotMetricsTest {

    @TempDir
    Path dir;

    @Test
    void scrape_afterSearchesAndRefusals_showsLatencyCacheAndRefusalCounts() throws Exception {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(), "CITEBOT_RATE_LIMIT_SEARCHES", "2"))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            Invoker member = new Invoker("u1", Optional.of("123456789012345678"), Optional.of("c"), false, List.of());
            for (String query : List.of("HIMARS", "HIMARS", "nuclear")) {
                citebot.registry()
                        .command("search")
                        .orElseThrow()
                        .handle(new CommandRequest("search", Map.of("query", query), member, Optional.empty()));
            }

            String scrape = citebot.metrics().scrape();

            assertThat(scrape)
                    .contains("citebot_search_latency_seconds_count 1")
                    .contains("citebot_cache_hits_total 1.0")
                    .contains("citebot_cache_misses_total 1.0")
                    .contains("citebot_ratelimit_refusals_total 1.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void close_leavesMicrometersGlobalComposite_soNoStoppedCitebotStaysReachable() throws Exception {
        CitebotConfig config = new ConfigLoader(
                        Map.of("CITEBOT_STATE_DB", dir.resolve("citebot.db").toString()))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        MeterRegistry registry;
        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            registry = citebot.metrics();
            assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getRegistries())
                    .as("Discord's static failure handlers count through the global composite while citebot runs")
                    .contains(registry);
        }

        assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getRegistries())
                .doesNotContain(registry);
        assertThat(registry.isClosed()).isTrue();
    }
}
