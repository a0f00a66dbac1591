package org.citebot.cli;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot healthcheck}: asks a running citebot's ops endpoint whether it is healthy (or ready,
 * with {@code --ready}); exit 0 when it is, 1 otherwise. The Docker image's HEALTHCHECK uses it, so
 * the image needs no curl.
 */
@Command(
        name = "healthcheck",
        mixinStandardHelpOptions = true,
        description = "Exit 0 when the running bot's /healthz (or /readyz) answers 200, else 1.")
final class HealthcheckCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--ready", description = "Check /readyz (index open, gateway connected) instead of /healthz.")
    boolean ready;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "Give up after this long.")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress listen = main.config().ops().listen().orElse(null);
        if (listen == null) {
            spec.commandLine().getErr().println("citebot: ops.listen is off, so there is no endpoint to check");
            return Main.EXIT_USAGE;
        }
        String host = listen.getHostString().equals("0.0.0.0") ? "127.0.0.1" : listen.getHostString();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listen.getPort()
                + (ready ? "/readyz" : "/healthz"));
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().print(response.body());
            spec.commandLine().getOut().flush();
            if (response.statusCode() == 200) {
                return 0;
            }
            spec.commandLine().getErr().println("citebot: " + uri + " answered HTTP " + response.statusCode());
            return Main.EXIT_FAILURE;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("citebot: " + uri + " did not answer: " + reason(e, timeout));
            return Main.EXIT_FAILURE;
        }
    }

    /** What went wrong, in words: Java's exceptions here often carry no message at all. */
    static String reason(java.io.IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toSeconds() + " s (timeout)";
        }
        if (e instanceof HttpTimeoutException) {
            return "connected, but no answer within " + timeout.toSeconds() + " s (timeout)";
        }
        if (e instanceof ConnectException) {
            return "connection refused (is citebot running in Discord, with this ops.listen?)";
        }
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
