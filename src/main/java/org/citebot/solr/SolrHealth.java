package org.citebot.solr;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Whether citebot's passages on SolrCloud can be searched right now: a query for no rows through the
 * alias, so every shard must have a live replica, kept for {@link #FRESH} so a flood of {@code
 * /readyz} probes costs at most one request a second. It needs no restart to recover: the first
 * probe after Solr returns finds it answering. Each probe goes through {@link SolrConnection#send},
 * so an outage it finds is logged once by the connection's {@code StoreOutages}. What the Solr
 * search backend's {@code unavailable()} reports.
 */
public final class SolrHealth {

    /** How long one probe's answer stands. */
    public static final Duration FRESH = Duration.ofSeconds(1);

    private final SolrConnection connection;
    private final String alias;
    private final LongSupplier nanoTime;
    private final long freshNanos;
    private final ReentrantLock probing = new ReentrantLock();
    /** The last probe; written under {@link #probing}, read without it. */
    private volatile Probe last;

    /** A probe of {@code alias} through {@code connection}, fresh for {@link #FRESH}. */
    public SolrHealth(SolrConnection connection, String alias) {
        this(connection, alias, System::nanoTime, FRESH);
    }

    SolrHealth(SolrConnection connection, String alias, LongSupplier nanoTime, Duration fresh) {
        this.connection = connection;
        this.alias = alias;
        this.nanoTime = nanoTime;
        this.freshNanos = fresh.toNanos();
        // Stale from the start, so the first call probes.
        this.last = new Probe(nanoTime.getAsLong() - freshNanos - 1, Optional.empty());
    }

    /**
     * Why searching the alias fails now (one line: what, where, why), or empty while it answers.
     * While one caller probes, the others get the last answer at once rather than waiting: a Solr
     * that hangs (a network partition) then holds up one of the ops endpoint's two threads for a
     * request's timeout, never both, so {@code /healthz} still answers.
     */
    public Optional<String> unavailable() {
        Probe seen = last;
        if (fresh(seen) || !probing.tryLock()) {
            return seen.problem();
        }
        try {
            // Another caller may have probed just before this one took the lock.
            if (fresh(last)) {
                return last.problem();
            }
            Probe probe = new Probe(nanoTime.getAsLong(), probe());
            last = probe;
            return probe.problem();
        } finally {
            probing.unlock();
        }
    }

    private boolean fresh(Probe probe) {
        return nanoTime.getAsLong() - probe.at() <= freshNanos;
    }

    private Optional<String> probe() {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("q", "*:*");
        params.set("rows", 0);
        try {
            connection.send(new QueryRequest(params), Optional.of(alias), "searching " + alias);
            return Optional.empty();
        } catch (SolrUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }

    private record Probe(long at, Optional<String> problem) {}
}
