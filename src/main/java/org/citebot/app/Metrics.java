package org.citebot.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Locale;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.EarlierPost;
import org.citebot.digest.PostResult;
import org.citebot.reindex.ReindexSummary;
import org.citebot.reply.Reply;
import org.citebot.search.CachingPassageSearch;
import org.citebot.search.PassageSearch;

/**
 * Every meter a running citebot records, in one Prometheus registry the ops endpoint serves: JVM
 * figures, search latency, the answer cache, errors, rate-limit refusals, reindex runs and digest
 * posts. The composition root wraps the services it builds with the decorators here, so the
 * services themselves know nothing of Micrometer.
 *
 * <p>Discord's failure handlers are static callbacks deep in the adapter and count through
 * Micrometer's global composite, which this registry joins when it is made and leaves on {@link
 * #close()}: otherwise every citebot started in one JVM (the test suite starts dozens) would stay
 * reachable from the global composite, with its caches and gauges, for the life of the JVM.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Makes the registry, binds the JVM's meters and joins the global composite. */
    Metrics() {
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry the ops endpoint scrapes. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code search} timed: the latency of cache misses, since only misses reach it. */
    PassageSearch timed(PassageSearch search) {
        Timer latency = Timer.builder("citebot.search.latency")
                .description("Time to search and highlight one page of passages (cache misses only)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        return request -> latency.record(() -> search.search(request));
    }

    /** Hits, misses, evictions and size of the answer cache, read at each scrape. */
    void watch(CachingPassageSearch cache) {
        FunctionCounter.builder("citebot.cache.hits", cache, c -> c.statistics().hits())
                .register(registry);
        FunctionCounter.builder(
                        "citebot.cache.misses", cache, c -> c.statistics().misses())
                .register(registry);
        FunctionCounter.builder(
                        "citebot.cache.evictions", cache, c -> c.statistics().evictions())
                .register(registry);
        Gauge.builder("citebot.cache.size", cache, c -> c.statistics().size()).register(registry);
    }

    /** Counts an error the error boundary caught, by its class. */
    void error(Throwable failure) {
        registry.counter("citebot.errors", "kind", failure.getClass().getSimpleName())
                .increment();
    }

    /** Counts a member's request refused by the rate limits. */
    void rateLimitRefusal() {
        registry.counter("citebot.ratelimit.refusals").increment();
    }

    /** Records a finished reindex run, dry or real, ok or failed, and how long it took. */
    void reindexFinished(ReindexSummary summary) {
        Timer.builder("citebot.reindex.runs")
                .description("Reindex runs and how long they took")
                .tag("result", summary.ok() ? "ok" : "failed")
                .tag("dryRun", Boolean.toString(summary.request().dryRun()))
                .register(registry)
                .record(summary.took());
    }

    /** {@code poster} with every post it makes (digests and moderator notes) counted by outcome. */
    DigestPoster counting(DigestPoster poster) {
        return new DigestPoster() {
            @Override
            public PostResult post(String guild, String channel, Reply reply, String nonce) {
                PostResult result = poster.post(guild, channel, reply, nonce);
                if (result instanceof PostResult.Failed failed) {
                    registry.counter(
                                    "citebot.digest.failures",
                                    "kind",
                                    failed.kind().name().toLowerCase(Locale.ROOT))
                            .increment();
                } else {
                    registry.counter("citebot.digest.posts").increment();
                }
                return result;
            }

            @Override
            public EarlierPost find(String guild, String channel, String nonce, Instant since) {
                return poster.find(guild, channel, nonce, since);
            }
        };
    }

    /** Leaves the global composite and closes the registry. */
    @Override
    public void close() {
        io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        registry.close();
    }
}
