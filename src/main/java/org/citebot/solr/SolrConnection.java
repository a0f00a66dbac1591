package org.citebot.solr;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrResponse;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.BaseHttpClusterStateProvider;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.ClusterStateProvider;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.zookeeper.KeeperException;
import org.citebot.passages.StoreOutages;

/**
 * One SolrCloud client for a citebot process, through ZooKeeper or Solr's URLs as {@link
 * SolrSettings} say, with basic auth when credentials are set. Every request goes through {@link
 * #send}, or {@link #read}, which tries a failed query again; both turn Solr's and the network's
 * exceptions into one-line {@link SolrUnavailableException}s and tells its {@link StoreOutages} how each request went, so an outage
 * is logged once when it begins and once when it ends. Used by {@link SolrCollections}, {@link
 * SolrPassageStore} and {@link SolrHealth}.
 */
public final class SolrConnection implements AutoCloseable {

    private static final long CONNECT_SECONDS = 10;
    private static final long REQUEST_SECONDS = 60;
    /** How long {@link #awaitAlias} waits for the client to see an alias change. */
    static final Duration ALIAS_WAIT = Duration.ofSeconds(30);

    private static final Duration ALIAS_POLL = Duration.ofMillis(50);

    /** Attempts at one read ({@link #read}) before it is reported as failed. */
    static final int READ_ATTEMPTS = 3;
    /**
     * A read that failed later than this after it began is not tried again: the cluster is slow or
     * gone then, and a member should hear so rather than wait out another timeout.
     */
    private static final Duration READ_RETRY_WITHIN = Duration.ofSeconds(5);
    /** The pause before the second attempt at a read; it triples before each further one. */
    private static final Duration READ_RETRY_PAUSE = Duration.ofMillis(100);

    private final SolrSettings settings;
    private final CloudHttp2SolrClient client;
    private final StoreOutages outages;
    private final LongAdder answered = new LongAdder();
    private final LongAdder roundTripNanos = new LongAdder();
    private final LongAdder solrMillis = new LongAdder();

    private SolrConnection(SolrSettings settings, CloudHttp2SolrClient client) {
        this.settings = settings;
        this.client = client;
        this.outages = new StoreOutages("SolrCloud (" + settings.where() + ")", Clock.systemUTC());
    }

    /**
     * A client for the configured cluster. Nothing is contacted yet: the first request finds out
     * whether ZooKeeper or Solr answers.
     *
     * @throws SolrUnavailableException when neither ZooKeeper nor Solr URLs are configured
     */
    public static SolrConnection open(SolrSettings settings) {
        if (!settings.configured()) {
            throw new SolrUnavailableException(
                    "Solr is not configured: set search.solr.zkHosts (or search.solr.urls) in the configuration");
        }
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                .withRequestTimeout(REQUEST_SECONDS, TimeUnit.SECONDS);
        if (settings.user().isPresent() && settings.password().isPresent()) {
            http = http.withBasicAuthCredentials(
                    settings.user().get(), settings.password().get());
        }
        CloudHttp2SolrClient.Builder builder;
        if (settings.zkHosts().isEmpty()) {
            builder = new CloudHttp2SolrClient.Builder(
                    settings.urls().stream().map(URI::toString).toList());
        } else {
            ZkAddress zk = ZkAddress.parse(settings.zkHosts());
            builder = new CloudHttp2SolrClient.Builder(zk.hosts(), zk.chroot())
                    .withZkConnectTimeout((int) CONNECT_SECONDS, TimeUnit.SECONDS)
                    .withZkClientTimeout((int) CONNECT_SECONDS * 3, TimeUnit.SECONDS);
        }
        return new SolrConnection(settings, builder.withHttpClientBuilder(http).build());
    }

    /** The settings this connection was opened with. */
    public SolrSettings settings() {
        return settings;
    }

    /** Whether the cluster is in an outage, as this connection's requests found it. */
    public StoreOutages outages() {
        return outages;
    }

    /**
     * Sends one request, to {@code collection} when given.
     *
     * @param what what citebot was doing, for the message ("creating collection citebot_1")
     * @throws SolrUnavailableException naming what failed and why, in one line
     */
    public <T extends SolrResponse> T send(SolrRequest<T> request, Optional<String> collection, String what) {
        return send(request, collection, what, 1);
    }

    /**
     * Sends one query, which changes nothing, so it is tried again, up to {@link #READ_ATTEMPTS} times
     * in all, when it failed quickly for a reason other than Solr refusing it. A node that stops in the
     * middle of an answer cuts the response short ("parsing error") or drops the connection; the
     * next attempt goes to a replica on another node. While an outage is under way a failed read is
     * not tried again, so members hear at once that search is unavailable.
     *
     * @param what what citebot was doing, for the message ("searching citebot")
     * @throws SolrUnavailableException naming what failed and why, in one line
     */
    public QueryResponse read(QueryRequest query, Optional<String> collection, String what) {
        return send(query, collection, what, READ_ATTEMPTS);
    }

    private <T extends SolrResponse> T send(
            SolrRequest<T> request, Optional<String> collection, String what, int attempts) {
        return attempt(() -> request.process(client, collection.orElse(null)), what, attempts);
    }

    /** One exchange with Solr, as {@link SolrRequest#process} makes it. */
    @FunctionalInterface
    interface Exchange<T extends SolrResponse> {
        T run() throws SolrServerException, IOException;
    }

    /** Runs {@code exchange} up to {@code attempts} times, as {@link #read} describes. */
    <T extends SolrResponse> T attempt(Exchange<T> exchange, String what, int attempts) {
        long began = System.nanoTime();
        long pause = READ_RETRY_PAUSE.toNanos();
        for (int attempt = 1; ; attempt++) {
            T response;
            long sent = System.nanoTime();
            try {
                response = exchange.run();
            } catch (SolrServerException | IOException | RuntimeException e) {
                // RuntimeException too: SolrJ reports ZooKeeper's connection failures as plain ones.
                if (refused(e)) {
                    throw unavailable(what, e);
                }
                boolean again = attempt < attempts
                        && outages.current().isEmpty()
                        && System.nanoTime() - began < READ_RETRY_WITHIN.toNanos()
                        && !Thread.currentThread().isInterrupted();
                if (again) {
                    LockSupport.parkNanos(pause);
                    pause *= 3;
                    continue;
                }
                outages.failed(reason(e));
                throw unavailable(what, e);
            }
            outages.answered();
            count(response, System.nanoTime() - sent);
            return response;
        }
    }

    private void count(SolrResponse response, long roundTripNanos) {
        answered.increment();
        this.roundTripNanos.add(roundTripNanos);
        if (response.getResponse() != null
                && response.getResponse().get("responseHeader") instanceof NamedList<?> header
                && header.get("QTime") instanceof Number qtime) {
            solrMillis.add(qtime.longValue());
        }
    }

    /** How many requests Solr has answered through this connection, and how long they took. */
    public RequestTimes requestTimes() {
        return new RequestTimes(answered.sum(), roundTripNanos.sum(), solrMillis.sum());
    }

    /**
     * The requests Solr answered through a connection: how many, their round trips as the client
     * timed them, and Solr's own time for them (its {@code QTime}, from the request's arrival to its
     * answer, before the answer is written; whole milliseconds, rounded down by Solr). The difference
     * is the transport: the network, HTTP and the answers' encoding on both sides.
     */
    public record RequestTimes(long requests, long roundTripNanos, long solrMillis) {

        /** What was answered since {@code earlier}. */
        public RequestTimes since(RequestTimes earlier) {
            return new RequestTimes(
                    requests - earlier.requests,
                    roundTripNanos - earlier.roundTripNanos,
                    solrMillis - earlier.solrMillis);
        }
    }

    /**
     * Whether Solr answered and refused the request (a 4xx: no such collection, a bad parameter):
     * Solr is up then, so it is not an outage, though the request failed.
     */
    private static boolean refused(Exception e) {
        return e instanceof SolrException solr && solr.code() >= 400 && solr.code() < 500;
    }

    /**
     * Waits until this client resolves {@code alias} to {@code collection}. Clients learn of alias
     * changes through a ZooKeeper watch (or a cached HTTP answer), so a request through an alias
     * made just after pointing it can fail with "collection not found" on a loaded machine; this
     * asks Solr afresh until the client's view agrees.
     *
     * @throws SolrUnavailableException when it does not agree within {@link #ALIAS_WAIT}
     */
    public void awaitAlias(String alias, String collection) {
        long deadline = System.nanoTime() + ALIAS_WAIT.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (resolveAfresh(alias).equals(List.of(collection))) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("waiting for alias " + alias, e);
            } catch (KeeperException | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                String reason = last == null ? "it still points elsewhere" : reason(last);
                throw new SolrUnavailableException("alias " + alias + " did not point at "
                        + collection + " within " + ALIAS_WAIT.toSeconds() + " s at " + settings.where() + " ("
                        + reason + ")");
            }
            LockSupport.parkNanos(ALIAS_POLL.toNanos());
        }
    }

    private List<String> resolveAfresh(String alias) throws KeeperException, InterruptedException {
        ClusterStateProvider provider = client.getClusterStateProvider();
        if (provider instanceof BaseHttpClusterStateProvider http) {
            return http.resolveAlias(alias, true);
        }
        if (provider instanceof ZkClientClusterStateProvider zk) {
            zk.getZkStateReader().getAliasesManager().update();
        }
        return provider.resolveAlias(alias);
    }

    private SolrUnavailableException unavailable(String what, Exception e) {
        return new SolrUnavailableException(what + " failed at " + settings.where() + " (" + reason(e) + ")", e);
    }

    /** The innermost useful message of an exception chain, on one line. */
    static String reason(Throwable e) {
        Throwable at = e;
        String best = null;
        for (int depth = 0; at != null && depth < 10; depth++) {
            String message = at.getMessage();
            if (message != null && !message.isBlank()) {
                best = at.getClass().getSimpleName() + ": " + message;
            }
            at = at.getCause() == at ? null : at.getCause();
        }
        String line = best == null ? e.getClass().getSimpleName() : best;
        line = line.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort: a client that cannot close holds nothing citebot still needs.
            org.slf4j.LoggerFactory.getLogger(SolrConnection.class)
                    .warn("closing the Solr client failed: {}", reason(e));
        }
    }

    /** ZooKeeper hosts and the chroot that may end the last of them ({@code zk1:2181,zk2:2181/solr}). */
    record ZkAddress(List<String> hosts, Optional<String> chroot) {

        static ZkAddress parse(List<String> configured) {
            List<String> hosts = new ArrayList<>(configured);
            int last = hosts.size() - 1;
            String tail = hosts.get(last);
            int slash = tail.indexOf('/');
            if (slash < 0) {
                return new ZkAddress(List.copyOf(hosts), Optional.empty());
            }
            hosts.set(last, tail.substring(0, slash));
            String chroot = tail.substring(slash);
            return new ZkAddress(List.copyOf(hosts), chroot.equals("/") ? Optional.empty() : Optional.of(chroot));
        }
    }
}
