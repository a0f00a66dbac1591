package org.citebot.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 for the fetcher's tests: each path has a handler that writes
 * the raw response, so a test can send what no well-behaved server would (a body that never ends,
 * one that trickles). Records every request line and User-Agent it receives.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Writes the whole raw response (status line, headers, body) for one request. */
    @FunctionalInterface
    public interface Handler {
        void respond(OutputStream out) throws IOException;
    }

    /** One request as received. */
    public record Request(String path, String host, String userAgent, Map<String, String> headers) {

        public Request {
            headers = Map.copyOf(headers);
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public LoopbackHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Serves {@code handler} at {@code path}; other paths answer 404. */
    public LoopbackHttpServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Serves a complete response with this status line tail, headers and body. */
    public LoopbackHttpServer on(String path, String status, String headers, byte[] body) {
        return on(path, out -> {
            out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        });
    }

    /** Serves an HTML page. */
    public LoopbackHttpServer html(String path, String html) {
        return on(path, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", html.getBytes(StandardCharsets.UTF_8));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            String host = "";
            String agent = "";
            Map<String, String> headers = new java.util.HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lower.substring(0, colon), line.substring(colon + 1).strip());
                }
                if (lower.startsWith("host:")) {
                    host = line.substring(5).strip();
                } else if (lower.startsWith("user-agent:")) {
                    agent = line.substring(11).strip();
                }
            }
            String path = requestLine.split(" ")[1];
            requests.add(new Request(path, host, agent, headers));
            Handler handler = handlers.get(path);
            OutputStream out = socket.getOutputStream();
            if (handler == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } else {
                handler.respond(out);
            }
            out.flush();
        } catch (IOException e) {
            // The fetcher hung up (a refused body, a timeout): that is what several tests provoke.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
