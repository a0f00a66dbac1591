package org.citebot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS keeps certificate validation on while the fetcher dials a checked address instead of the
 * name: the certificate must chain to a trusted root and name the host the user typed. An HTTPS
 * server on 127.0.0.1 with throwaway certificates (made by keytool, about 1 s each) stands in for
 * "news.example", reached through the recording connector's public stand-in address.
 */
class TlsFetchTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    private static Path newsCertificate;
    private static Path otherCertificate;

    private HttpsServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        newsCertificate = keystore("news.example");
        otherCertificate = keystore("other.example");
    }

    private static Path keystore(String name) throws Exception {
        Path file = keys.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-alias",
                        "site",
                        "-dname",
                        "CN=" + name,
                        "-ext",
                        "SAN=dns:" + name,
                        "-validity",
                        "2",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        PASSWORD,
                        "-storetype",
                        "PKCS12")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return file;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** TLS that trusts exactly the certificate in {@code file}. */
    private static SSLSocketFactory trusting(Path file) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(file));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private void serve(Path certificate) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(load(certificate), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "<html><body><p>Secure hello.</p></body></html>".getBytes(StandardCharsets.UTF_8);
            boolean story = exchange.getRequestURI().getPath().equals("/story");
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(story ? 200 : 404, story ? body.length : -1);
            if (story) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private SafeFetcher fetcher(SSLSocketFactory tls, DialRecorder dials) {
        HostResolver stub = host -> {
            if (!host.equals("news.example")) {
                throw new java.net.UnknownHostException(host);
            }
            return List.of(DialRecorder.PUBLIC_STAND_IN);
        };
        return new SafeFetcher(FetchSettings.defaults(), stub, dials, tls);
    }

    @Test
    void fetch_certificateForTheNameFromATrustedIssuer_succeedsOverTheCheckedAddress() throws Exception {
        serve(newsCertificate);
        DialRecorder dials = new DialRecorder(server.getAddress().getPort());

        FetchedPage page = fetcher(trusting(newsCertificate), dials).fetch("https://news.example/story");

        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Secure hello.");
        assertThat(dials.dialled())
                .allSatisfy(address -> assertThat(address.getAddress()).isEqualTo(DialRecorder.PUBLIC_STAND_IN));
    }

    @Test
    void fetch_selfSignedCertificate_isRefusedWithTheDefaultTrust() throws Exception {
        serve(newsCertificate);
        DialRecorder dials = new DialRecorder(server.getAddress().getPort());
        SafeFetcher fetcher = fetcher((SSLSocketFactory) SSLSocketFactory.getDefault(), dials);

        assertThat(refusal(fetcher)).startsWith("the secure connection to news.example failed");
    }

    @Test
    void fetch_trustedCertificateForAnotherName_isRefused() throws Exception {
        serve(otherCertificate);
        DialRecorder dials = new DialRecorder(server.getAddress().getPort());
        SafeFetcher fetcher = fetcher(trusting(otherCertificate), dials);

        assertThat(refusal(fetcher))
                .startsWith("the secure connection to news.example failed")
                .contains("news.example");
    }

    private static String refusal(SafeFetcher fetcher) {
        try {
            fetcher.fetch("https://news.example/story");
        } catch (FetchRefusedException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }
}
