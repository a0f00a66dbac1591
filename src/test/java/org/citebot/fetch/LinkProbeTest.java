package org.citebot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SafeFetcher#probe}: the link check's conditional request and the statuses it reports as they are. */
class LinkProbeTest {

    private LoopbackHttpServer server;
    private SafeFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
        DialRecorder dials = new DialRecorder(server.port());
        HostResolver dns = host -> {
            if (!host.equals("news.example")) {
                throw new UnknownHostException(host);
            }
            return List.of(DialRecorder.PUBLIC_STAND_IN);
        };
        fetcher =
                new SafeFetcher(FetchSettings.defaults(), dns, dials, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void probe_sendsTheValidatorsAndReturnsTheNewOnes() throws FetchRefusedException {
        server.on(
                "/a",
                "200 OK",
                "Content-Type: text/html\r\nETag: \"v2\"\r\nLast-Modified: Sun, 22 Nov 2026 06:00:00 GMT\r\n",
                "<p>text</p>".getBytes(StandardCharsets.UTF_8));

        LinkProbe probe = fetcher.probe(
                "http://news.example/a", Optional.of("\"v1\""), Optional.of("Sat, 21 Nov 2026 06:00:00 GMT"));

        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.page()).isPresent();
        assertThat(probe.etag()).contains("\"v2\"");
        assertThat(probe.lastModified()).contains("Sun, 22 Nov 2026 06:00:00 GMT");
        LoopbackHttpServer.Request request = server.requests().stream()
                .filter(r -> r.path().equals("/a"))
                .findFirst()
                .orElseThrow();
        assertThat(request.headers())
                .containsEntry("if-none-match", "\"v1\"")
                .containsEntry("if-modified-since", "Sat, 21 Nov 2026 06:00:00 GMT");
    }

    @Test
    void probe_aValidatorThatWouldBreakTheRequest_isNotSent() throws FetchRefusedException {
        server.on("/a", "304 Not Modified", "", new byte[0]);

        LinkProbe probe = fetcher.probe("http://news.example/a", Optional.of("\"v1\"\r\nX-Evil: 1"), Optional.empty());

        assertThat(probe.status()).isEqualTo(304);
        assertThat(server.requests().stream()
                        .filter(r -> r.path().equals("/a"))
                        .findFirst()
                        .orElseThrow()
                        .headers())
                .doesNotContainKey("if-none-match")
                .doesNotContainKey("x-evil");
    }

    @Test
    void probe_permanentRedirectAndGone_reportedWithoutFollowing() throws FetchRefusedException {
        server.on("/old", "301 Moved Permanently", "Location: /new\r\n", new byte[0]);

        LinkProbe moved = fetcher.probe("http://news.example/old", Optional.empty(), Optional.empty());
        LinkProbe gone = fetcher.probe("http://news.example/missing", Optional.empty(), Optional.empty());

        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.movedTo()).contains(URI.create("http://news.example/new"));
        assertThat(server.requestsFor("/new")).isZero();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.page()).isEmpty();
    }
}
