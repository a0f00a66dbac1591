package org.citebot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a loopback server, with a stub resolver for invented names and a connector
 * that records every address it is asked to dial ({@link DialRecorder}). Each refusal test shows the
 * reason and that the forbidden address was never dialled; no test sends traffic beyond 127.0.0.1.
 * "news.example" is an invented public name: it resolves to a public stand-in address that the
 * recorder connects to the loopback server, so the default configuration (loopback refused) applies.
 */
class SafeFetcherTest {

    private static final String ARTICLE = "<html><head><title>A page</title></head><body><p>Hello.</p></body></html>";

    private LoopbackHttpServer server;
    private DialRecorder dials;
    private Map<String, List<InetAddress>> dns;

    @BeforeEach
    void startServer() throws IOException {
        server = new LoopbackHttpServer();
        dials = new DialRecorder(server.port());
        dns = Map.of(
                "news.example", List.of(DialRecorder.PUBLIC_STAND_IN),
                "intranet.example", List.of(DialRecorder.address(10, 1, 2, 3)),
                "metadata.example", List.of(DialRecorder.address(169, 254, 169, 254)),
                "split.example", List.of(DialRecorder.PUBLIC_STAND_IN, DialRecorder.address(192, 168, 1, 20)),
                "localhost.example", List.of(InetAddress.getLoopbackAddress()));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private SafeFetcher fetcher(FetchSettings settings) {
        HostResolver stub = host -> {
            List<InetAddress> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
        return new SafeFetcher(settings, stub, dials, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    private SafeFetcher defaults() {
        return fetcher(FetchSettings.defaults());
    }

    /** Loopback allowed and the loopback server's port too, as a developer's local setup would be. */
    private SafeFetcher loopbackAllowed() {
        return fetcher(
                FetchSettings.defaults().withAllowLoopback(true).withAllowedPorts(Set.of(80, 443, server.port())));
    }

    private String refusal(SafeFetcher fetcher, String url) {
        try {
            fetcher.fetch(url);
        } catch (FetchRefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + url + " to be refused");
    }

    @Test
    void fetch_publicNameWithDefaults_fetchesThePageNamingCitebot() throws Exception {
        server.html("/story", ARTICLE);

        FetchedPage page = defaults().fetch("http://news.example/story");

        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(ARTICLE);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.charset()).contains("utf-8");
        assertThat(page.finalUrl()).hasToString("http://news.example/story");
        assertThat(server.requests())
                .extracting(LoopbackHttpServer.Request::path)
                .containsExactly("/robots.txt", "/story");
        assertThat(server.requests()).allSatisfy(request -> {
            assertThat(request.host()).isEqualTo("news.example");
            assertThat(request.userAgent()).startsWith("citebot/");
        });
        assertThat(dials.forbidden()).isEmpty();
    }

    @Test
    void fetch_loopbackWithDefaults_isRefusedBeforeAnyConnection() {
        SafeFetcher fetcher = fetcher(FetchSettings.defaults().withAllowedPorts(Set.of(80, 443, server.port())));

        assertThat(refusal(fetcher, "http://127.0.0.1:" + server.port() + "/story"))
                .isEqualTo("the address 127.0.0.1 is not allowed: it is this machine (loopback)");
        assertThat(refusal(fetcher, "http://[::1]:" + server.port() + "/story"))
                .isEqualTo("the address 0:0:0:0:0:0:0:1 is not allowed: it is this machine (loopback)");
        assertThat(refusal(fetcher, "http://localhost.example:" + server.port() + "/story"))
                .isEqualTo("localhost.example resolves to 127.0.0.1, which is not allowed: it is this machine"
                        + " (loopback)");
        assertThat(dials.dialled()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void fetch_privateAndMetadataAddresses_areRefusedBeforeAnyConnection() {
        assertThat(refusal(defaults(), "http://10.0.0.1/"))
                .isEqualTo("the address 10.0.0.1 is not allowed: it is in a private network");
        assertThat(refusal(defaults(), "http://169.254.169.254/latest/meta-data/"))
                .isEqualTo("the address 169.254.169.254 is not allowed: it is the cloud metadata service"
                        + " (link-local)");
        assertThat(refusal(defaults(), "http://[fd00:ec2::254]/"))
                .contains("is not allowed: it is in a private network (unique-local fc00::/7)");
        assertThat(refusal(defaults(), "http://[::ffff:10.0.0.1]/"))
                .isEqualTo("the address 10.0.0.1 is not allowed: it is in a private network");
        assertThat(dials.dialled()).isEmpty();
    }

    @Test
    void fetch_nameResolvingToAPrivateAddress_isRefusedBeforeAnyConnection() {
        assertThat(refusal(defaults(), "http://intranet.example/wiki"))
                .isEqualTo("intranet.example resolves to 10.1.2.3, which is not allowed: it is in a private network");
        assertThat(refusal(defaults(), "http://metadata.example/"))
                .isEqualTo("metadata.example resolves to 169.254.169.254, which is not allowed: it is the cloud"
                        + " metadata service (link-local)");
        // One bad answer among good ones refuses the name: the next lookup could return only the bad one.
        assertThat(refusal(defaults(), "http://split.example/"))
                .isEqualTo("split.example resolves to 192.168.1.20, which is not allowed: it is in a private"
                        + " network");
        assertThat(dials.dialled()).isEmpty();
    }

    @Test
    void fetch_redirectFromAPublicNameToAPrivateAddress_isRefusedWithoutDiallingIt() {
        server.on("/go", "302 Found", "Location: http://10.0.0.1/admin\r\n", new byte[0]);
        server.on("/meta", "301 Moved Permanently", "Location: http://metadata.example/latest\r\n", new byte[0]);

        assertThat(refusal(defaults(), "http://news.example/go"))
                .isEqualTo("the address 10.0.0.1 is not allowed: it is in a private network");
        assertThat(refusal(defaults(), "http://news.example/meta"))
                .startsWith("metadata.example resolves to 169.254.169.254, which is not allowed");
        assertThat(dials.dialled())
                .allSatisfy(dialled -> assertThat(dialled.getAddress()).isEqualTo(DialRecorder.PUBLIC_STAND_IN));
        assertThat(dials.forbidden()).isEmpty();
    }

    @Test
    void fetch_redirects_areFollowedByHandUpToFive() throws Exception {
        for (int i = 1; i <= 7; i++) {
            server.on("/hop" + i, "302 Found", "Location: /hop" + (i + 1) + "\r\n", new byte[0]);
        }
        server.html("/hop6", ARTICLE);
        server.html("/hop8", ARTICLE);

        FetchedPage page = defaults().fetch("http://news.example/hop1");

        assertThat(page.finalUrl()).hasToString("http://news.example/hop6");
        assertThat(page.redirects()).hasSize(5);
        server.on("/hop6", "302 Found", "Location: /hop7\r\n", new byte[0]);
        assertThat(refusal(defaults(), "http://news.example/hop1")).isEqualTo("the site redirected more than 5 times");
    }

    @Test
    void fetch_fiftyMebibyteBody_isRefusedAtTheCap() {
        long fifty = 50L * 1024 * 1024;
        server.on("/huge", out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + fifty + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            writeZeros(out, fifty);
        });
        server.on("/endless", out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            writeZeros(out, fifty);
        });

        assertThat(refusal(defaults(), "http://news.example/huge")).isEqualTo("the page is larger than 5 MiB");
        assertThat(refusal(defaults(), "http://news.example/endless")).isEqualTo("the page is larger than 5 MiB");
    }

    @Test
    void fetch_bodyThatTricklesForAMinute_isCutAtTheTotalTimeout() {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        server.on("/slow", out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // One byte every 100 ms for a minute: each read succeeds, only the total deadline can stop it.
            var done = pacer.scheduleAtFixedRate(
                    () -> {
                        try {
                            out.write(' ');
                            out.flush();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            try {
                done.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                done.cancel(true);
            }
        });
        SafeFetcher fetcher = fetcher(FetchSettings.defaults().withTimeout(Duration.ofSeconds(2)));
        long started = System.nanoTime();

        String reason = refusal(fetcher, "http://news.example/slow");

        assertThat(reason).isEqualTo("the site took longer than 2 s to answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        pacer.shutdownNow();
    }

    @Test
    void fetch_nonHtmlContentType_isRefused() {
        server.on("/logo.png", "200 OK", "Content-Type: image/png\r\n", new byte[] {1, 2, 3});
        server.on("/bare", "200 OK", "", "<html></html>".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(defaults(), "http://news.example/logo.png"))
                .isEqualTo("it is not a web page or a PDF: the site sent content of type image/png");
        assertThat(refusal(defaults(), "http://news.example/bare"))
                .isEqualTo("it is not a web page or a PDF: the site sent no content type");
    }

    @Test
    void fetch_pdf_isFetchedAsAPdf() throws Exception {
        server.on(
                "/paper.pdf",
                "200 OK",
                "Content-Type: application/pdf\r\n",
                "%PDF-1.4".getBytes(StandardCharsets.UTF_8));

        assertThat(defaults().fetch("http://news.example/paper.pdf").isPdf()).isTrue();
    }

    @Test
    void fetch_urlsThatAreNotHttpOrCarryCredentials_areRefusedWithoutResolvingAnything() {
        assertThat(refusal(defaults(), "javascript:alert(1)"))
                .isEqualTo("only http and https URLs can be fetched, not javascript:");
        assertThat(refusal(defaults(), "file:///etc/passwd"))
                .isEqualTo("only http and https URLs can be fetched, not file:");
        assertThat(refusal(defaults(), "ftp://news.example/x"))
                .isEqualTo("only http and https URLs can be fetched, not ftp:");
        assertThat(refusal(defaults(), "http://admin:secret@news.example/"))
                .isEqualTo("URLs with a user name or password are not fetched");
        assertThat(refusal(defaults(), "http://news.example:8080/"))
                .isEqualTo("port 8080 is not allowed (allowed: [80, 443])");
        assertThat(refusal(defaults(), "news.example/story")).isEqualTo("it is not an absolute http(s) URL");
        assertThat(refusal(defaults(), "http://unknown.example/"))
                .isEqualTo("the host name unknown.example does not resolve");
        assertThat(dials.dialled()).isEmpty();
    }

    @Test
    void fetch_robotsTxtDisallowing_refusesAndIsReadOncePerSite() throws Exception {
        server.on(
                "/robots.txt",
                "200 OK",
                "Content-Type: text/plain\r\n",
                "User-agent: *\nDisallow: /private\n\nUser-agent: citebot\nDisallow: /members\n"
                        .getBytes(StandardCharsets.UTF_8));
        server.html("/private/a", ARTICLE);
        server.html("/open", ARTICLE);
        SafeFetcher fetcher = defaults();

        assertThat(refusal(fetcher, "http://news.example/members/1"))
                .isEqualTo("the site's robots.txt does not allow citebot to fetch /members/1");
        // citebot's own group replaces the * group, so /private is open to it.
        assertThat(fetcher.fetch("http://news.example/private/a").body()).isNotEmpty();
        assertThat(fetcher.fetch("http://news.example/open").body()).isNotEmpty();
        assertThat(server.requestsFor("/robots.txt")).isEqualTo(1);
        assertThat(server.requestsFor("/members/1")).isZero();
    }

    @Test
    void fetch_robotsTxtServerError_refusesAsTheRulesCannotBeRead() {
        server.on("/robots.txt", "503 Service Unavailable", "", new byte[0]);
        server.html("/story", ARTICLE);

        assertThat(refusal(defaults(), "http://news.example/story"))
                .startsWith("the site's robots.txt could not be read (it answered 503)");
        assertThat(server.requestsFor("/story")).isZero();
    }

    @Test
    void fetch_gzipAndChunkedBodies_areDecoded() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(ARTICLE.getBytes(StandardCharsets.UTF_8));
        }
        server.on("/zipped", "200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", zipped.toByteArray());
        server.on(
                "/chunked",
                out -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n7\r\n</html>\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(new String(defaults().fetch("http://news.example/zipped").body(), StandardCharsets.UTF_8))
                .isEqualTo(ARTICLE);
        assertThat(new String(defaults().fetch("http://news.example/chunked").body(), StandardCharsets.UTF_8))
                .isEqualTo("<html></html>");
    }

    @Test
    void fetch_loopbackAllowedByConfiguration_servesLocalPages() throws Exception {
        server.html("/local", ARTICLE);

        FetchedPage page = loopbackAllowed().fetch("http://127.0.0.1:" + server.port() + "/local");

        assertThat(page.body()).isNotEmpty();
        assertThat(refusal(loopbackAllowed(), "http://10.0.0.1:" + server.port() + "/"))
                .isEqualTo("the address 10.0.0.1 is not allowed: it is in a private network");
        assertThat(dials.forbidden()).isEmpty();
    }

    @Test
    void fetch_httpsToAServerThatSpeaksNoTls_isRefusedNotDowngraded() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Answers plain HTTP at once, without waiting for a request, as a misconfigured site might.
            Thread answer = new Thread(() -> {
                try (java.net.Socket socket = plain.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"
                                    .getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // the fetcher hangs up
                }
            });
            answer.start();
            SafeFetcher fetcher = fetcher(FetchSettings.defaults()
                    .withAllowLoopback(true)
                    .withAllowedPorts(Set.of(plain.getLocalPort()))
                    .withTimeout(Duration.ofSeconds(5)));

            assertThat(refusal(fetcher, "https://127.0.0.1:" + plain.getLocalPort() + "/story"))
                    .startsWith("the secure connection to 127.0.0.1 failed");
            answer.join(5_000);
        }
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] block = new byte[64 * 1024];
        for (long sent = 0; sent < count; sent += block.length) {
            out.write(block);
        }
    }
}
