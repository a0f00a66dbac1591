package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.citebot.testing.LocalPorts;
import org.junit.jupiter.api.Test;

/**
 * What citebot says when Solr cannot be reached or is not configured (one line, never a stack
 * trace), and which failed requests it tries again.
 */
class SolrConnectionTest {

    @Test
    void setup_nothingListening_unavailableInOneLineNamingWhereAndWhat() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + LocalPorts.unused() + "/solr");
        SolrSettings settings = new SolrSettings(
                List.of(),
                List.of(url),
                "citebot",
                2,
                2,
                Optional.of("reader"),
                Optional.of("s3cret-pw"),
                SolrSettings.DEFAULT_GENERATION_POLL);

        try (SolrConnection connection = SolrConnection.open(settings)) {
            assertThatThrownBy(() -> new SolrCollections(connection).setup(SolrConfigset.bundled()))
                    .isInstanceOf(SolrUnavailableException.class)
                    .hasMessageStartingWith("listing configsets failed at Solr at " + url)
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("s3cret-pw");
        }
    }

    @Test
    void read_cutShortOnceByANodeStopping_triedAgainAndNoOutageBegins() throws IOException {
        try (SolrConnection connection = SolrConnection.open(unreachable())) {
            AtomicInteger tries = new AtomicInteger();
            QueryResponse second = new QueryResponse();

            QueryResponse answer = connection.attempt(
                    () -> {
                        if (tries.incrementAndGet() == 1) {
                            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, "parsing error");
                        }
                        return second;
                    },
                    "searching citebot",
                    SolrConnection.READ_ATTEMPTS);

            assertThat(answer).isSameAs(second);
            assertThat(tries).hasValue(2);
            assertThat(connection.outages().current()).isEmpty();
        }
    }

    @Test
    void requestTimes_countAnsweredRequestsTheirRoundTripsAndSolrsOwnTime() throws IOException {
        try (SolrConnection connection = SolrConnection.open(unreachable())) {
            SolrConnection.RequestTimes before = connection.requestTimes();
            for (int qtime : new int[] {3, 4}) {
                connection.attempt(
                        () -> {
                            NamedList<Object> header = new NamedList<>();
                            header.add("QTime", qtime);
                            NamedList<Object> body = new NamedList<>();
                            body.add("responseHeader", header);
                            QueryResponse response = new QueryResponse();
                            response.setResponse(body);
                            LockSupport.parkNanos(1_000_000);
                            return response;
                        },
                        "searching citebot",
                        1);
            }
            assertThatThrownBy(() -> connection.attempt(
                    alwaysFailing(new AtomicInteger(), new SolrServerException("connection reset")),
                    "searching citebot",
                    1));

            SolrConnection.RequestTimes answered = connection.requestTimes().since(before);
            assertThat(answered.requests())
                    .as("the failed request is not counted")
                    .isEqualTo(2);
            assertThat(answered.solrMillis()).isEqualTo(7);
            assertThat(answered.roundTripNanos()).isGreaterThanOrEqualTo(2_000_000);
        }
    }

    @Test
    void read_failingEveryTime_triedThreeTimesThenOneOutageWithTheReason() throws IOException {
        try (SolrConnection connection = SolrConnection.open(unreachable())) {
            AtomicInteger tries = new AtomicInteger();

            assertThatThrownBy(() -> connection.attempt(
                            alwaysFailing(tries, new SolrServerException("connection refused")),
                            "searching citebot",
                            SolrConnection.READ_ATTEMPTS))
                    .isInstanceOf(SolrUnavailableException.class)
                    .hasMessageStartingWith("searching citebot failed at ");
            assertThat(tries).hasValue(SolrConnection.READ_ATTEMPTS);
            assertThat(connection.outages().current())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("connection refused"));

            tries.set(0);
            assertThatThrownBy(() -> connection.attempt(
                            alwaysFailing(tries, new SolrServerException("connection refused")),
                            "searching citebot",
                            SolrConnection.READ_ATTEMPTS))
                    .isInstanceOf(SolrUnavailableException.class);
            assertThat(tries).as("during an outage a read fails at once").hasValue(1);
        }
    }

    @Test
    void read_refusedBySolr_notTriedAgainAndNoOutage() throws IOException {
        try (SolrConnection connection = SolrConnection.open(unreachable())) {
            AtomicInteger tries = new AtomicInteger();

            assertThatThrownBy(() -> connection.attempt(
                            alwaysFailing(
                                    tries, new SolrException(SolrException.ErrorCode.BAD_REQUEST, "undefined field")),
                            "searching citebot",
                            SolrConnection.READ_ATTEMPTS))
                    .isInstanceOf(SolrUnavailableException.class)
                    .hasMessageContaining("undefined field");
            assertThat(tries).hasValue(1);
            assertThat(connection.outages().current()).isEmpty();
        }
    }

    @Test
    void write_failingOnce_notTriedAgain() throws IOException {
        try (SolrConnection connection = SolrConnection.open(unreachable())) {
            AtomicInteger tries = new AtomicInteger();

            assertThatThrownBy(() -> connection.attempt(
                            alwaysFailing(tries, new SolrServerException("connection reset")),
                            "writing 3 documents to citebot_1",
                            1))
                    .isInstanceOf(SolrUnavailableException.class);
            assertThat(tries).hasValue(1);
        }
    }

    /** An exchange that counts its tries and fails every one with {@code failure}. */
    private static SolrConnection.Exchange<QueryResponse> alwaysFailing(AtomicInteger tries, Exception failure) {
        return () -> {
            tries.incrementAndGet();
            if (failure instanceof SolrServerException server) {
                throw server;
            }
            throw (RuntimeException) failure;
        };
    }

    private static SolrSettings unreachable() throws IOException {
        return new SolrSettings(
                List.of(),
                List.of(URI.create("http://127.0.0.1:" + LocalPorts.unused() + "/solr")),
                "citebot",
                1,
                1,
                Optional.empty(),
                Optional.empty(),
                SolrSettings.DEFAULT_GENERATION_POLL);
    }

    @Test
    void open_neitherZooKeeperNorUrls_saysWhichKeysToSet() {
        SolrSettings settings = new SolrSettings(
                List.of(),
                List.of(),
                "citebot",
                1,
                1,
                Optional.empty(),
                Optional.empty(),
                SolrSettings.DEFAULT_GENERATION_POLL);

        assertThatThrownBy(() -> SolrConnection.open(settings))
                .isInstanceOf(SolrUnavailableException.class)
                .hasMessageContaining("search.solr.zkHosts");
    }

    @Test
    void settings_printed_hideThePassword() {
        SolrSettings settings = new SolrSettings(
                List.of("127.0.0.1:2181"),
                List.of(),
                "citebot",
                1,
                1,
                Optional.of("reader"),
                Optional.of("s3cret-pw"),
                SolrSettings.DEFAULT_GENERATION_POLL);

        assertThat(settings.toString()).contains("password=(set)").doesNotContain("s3cret-pw");
    }
}
