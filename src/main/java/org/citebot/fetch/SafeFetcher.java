package org.citebot.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a web page or PDF from a URL a user typed, refusing with a clear reason anything that
 * could reach inside the network citebot runs in. Every hop (the URL, each redirect, robots.txt) is
 * checked the same way: http or https only, no credentials, an allowed port, and every address the
 * host resolves to public ({@link AddressPolicy}). The socket is then opened to one of those checked
 * addresses, never to the name, so a second DNS answer cannot swap in another; https runs TLS over
 * that socket with the host name for SNI and certificate checks. HTTP/1.1 is spoken by hand for that
 * reason. Body size, total time and content type are capped, and robots.txt is honoured (cached per
 * site for ten minutes). Thread-safe.
 */
public final class SafeFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(SafeFetcher.class);

    /** Redirects followed at most, per fetch and per robots.txt. */
    static final int MAX_REDIRECTS = 5;
    /** robots.txt beyond this is not read (RFC 9309 asks crawlers to parse at least 500 KiB). */
    static final int MAX_ROBOTS_BYTES = 512 * 1024;

    private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml", "application/pdf");
    private static final Duration ROBOTS_CACHE_TIME = Duration.ofMinutes(10);

    private final FetchSettings settings;
    private final HostResolver resolver;
    private final Connector connector;
    private final SSLSocketFactory tls;
    private final AddressPolicy policy;
    private final Cache<String, RobotsRules> robots;

    public SafeFetcher(FetchSettings settings) {
        this(settings, HostResolver.SYSTEM, Connector.PLAIN, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * @param resolver turns host names into addresses (tests pass a stub)
     * @param connector opens sockets to checked addresses (tests record what it is asked)
     * @param tls layers TLS over a connected socket; certificates are checked against the host name
     */
    public SafeFetcher(FetchSettings settings, HostResolver resolver, Connector connector, SSLSocketFactory tls) {
        this.settings = settings;
        this.resolver = resolver;
        this.connector = connector;
        this.tls = tls;
        this.policy = new AddressPolicy(settings.allowLoopback());
        this.robots = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(ROBOTS_CACHE_TIME)
                .build();
    }

    /**
     * Fetches {@code url}, an HTML page or a PDF.
     *
     * @throws FetchRefusedException with the reason, for a forbidden URL or address, a limit reached,
     *     a robots.txt that disallows it, or a network or server failure
     */
    public FetchedPage fetch(String url) throws FetchRefusedException {
        URI requested = checkedUrl(parse(url));
        Deadline deadline = new Deadline(settings.timeout());
        List<URI> redirects = new ArrayList<>();
        URI current = requested;
        for (int hop = 0; ; hop++) {
            checkRobots(current, deadline);
            try (Connection connection = open(current, deadline)) {
                HttpHead head = connection.get(current, "text/html,application/xhtml+xml,application/pdf;q=0.9");
                if (head.isRedirect()) {
                    if (hop == MAX_REDIRECTS) {
                        throw new FetchRefusedException("the site redirected more than " + MAX_REDIRECTS + " times");
                    }
                    current = redirectTarget(current, head);
                    redirects.add(current);
                    continue;
                }
                if (head.status() != 200) {
                    throw new FetchRefusedException("the site answered " + head.status() + " "
                            + head.reason().strip() + " for " + current);
                }
                String mediaType = mediaType(head);
                if (!PAGE_TYPES.contains(mediaType)) {
                    throw new FetchRefusedException("it is not a web page or a PDF: the site sent "
                            + (mediaType.isEmpty() ? "no content type" : "content of type " + mediaType));
                }
                byte[] body = connection.body(head, settings.maxBytes(), false);
                LOG.debug("Fetched {} ({} bytes, {} redirects)", current, body.length, redirects.size());
                return new FetchedPage(requested, current, redirects, mediaType, charset(head), body);
            }
        }
    }

    /**
     * Looks at a stored article's URL again, as a link check does: a conditional request (the
     * validators of the last check), with every safety rule of {@link #fetch}. A permanent redirect
     * (301, 308), a gone page (404, 410), an unchanged page (304) and any other status come back as
     * they are; a temporary redirect is followed like {@link #fetch} does, and a 200 carries the page.
     *
     * @throws FetchRefusedException when the URL or an address is not allowed, or the site cannot be reached
     */
    public LinkProbe probe(String url, Optional<String> etag, Optional<String> lastModified)
            throws FetchRefusedException {
        URI target = checkedUrl(parse(url));
        Deadline deadline = new Deadline(settings.timeout());
        checkRobots(target, deadline);
        StringBuilder conditions = new StringBuilder();
        etag.filter(SafeFetcher::headerSafe)
                .ifPresent(v -> conditions.append("If-None-Match: ").append(v).append("\r\n"));
        lastModified
                .filter(SafeFetcher::headerSafe)
                .ifPresent(
                        v -> conditions.append("If-Modified-Since: ").append(v).append("\r\n"));
        try (Connection connection = open(target, deadline)) {
            HttpHead head = connection.get(
                    target, "text/html,application/xhtml+xml,application/pdf;q=0.9", conditions.toString());
            Optional<String> newEtag = head.header("etag");
            Optional<String> newLastModified = head.header("last-modified");
            if (head.status() == 301 || head.status() == 308) {
                return new LinkProbe(
                        head.status(),
                        Optional.of(redirectTarget(target, head)),
                        Optional.empty(),
                        newEtag,
                        newLastModified);
            }
            if (head.isRedirect()) {
                FetchedPage page = fetch(redirectTarget(target, head).toString());
                return new LinkProbe(200, Optional.empty(), Optional.of(page), Optional.empty(), Optional.empty());
            }
            if (head.status() != 200) {
                return new LinkProbe(head.status(), Optional.empty(), Optional.empty(), newEtag, newLastModified);
            }
            String mediaType = mediaType(head);
            if (!PAGE_TYPES.contains(mediaType)) {
                throw new FetchRefusedException("it is no longer a web page or a PDF: the site sent "
                        + (mediaType.isEmpty() ? "no content type" : "content of type " + mediaType));
            }
            byte[] body = connection.body(head, settings.maxBytes(), false);
            FetchedPage page = new FetchedPage(target, target, List.of(), mediaType, charset(head), body);
            return new LinkProbe(200, Optional.empty(), Optional.of(page), newEtag, newLastModified);
        }
    }

    /** A validator sent back only when it cannot break the request (no line breaks, printable ASCII). */
    private static boolean headerSafe(String value) {
        return !value.isEmpty() && value.length() <= 256 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static URI parse(String url) throws FetchRefusedException {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new FetchRefusedException("it is not a valid URL: " + e.getReason());
        }
    }

    /** The checks every URL passes before anything is resolved or connected. */
    URI checkedUrl(URI uri) throws FetchRefusedException {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefusedException(
                    scheme.isEmpty()
                            ? "it is not an absolute http(s) URL"
                            : "only http and https URLs can be fetched, not " + scheme + ":");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchRefusedException("URLs with a user name or password are not fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchRefusedException("the URL has no host name");
        }
        int port = port(uri);
        if (uri.getPort() != -1 && !settings.allowedPorts().contains(port)) {
            throw new FetchRefusedException("port " + port + " is not allowed (allowed: "
                    + settings.allowedPorts().stream()
                            .sorted()
                            .map(String::valueOf)
                            .toList() + ")");
        }
        return uri;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private URI redirectTarget(URI from, HttpHead head) throws FetchRefusedException {
        String location = head.header("location")
                .orElseThrow(() -> new FetchRefusedException("the site redirected without saying where to"));
        try {
            return checkedUrl(from.resolve(new URI(location.strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchRefusedException("the site redirected to an invalid URL");
        }
    }

    /** The checked addresses of {@code uri}'s host: all of them must be allowed, or none is used. */
    private List<InetAddress> addresses(URI uri) throws FetchRefusedException {
        String host = uri.getHost();
        Optional<InetAddress> literal = AddressPolicy.literal(host);
        if (literal.isPresent()) {
            Optional<String> refusal = policy.refusal(literal.get());
            if (refusal.isPresent()) {
                throw new FetchRefusedException(
                        "the address " + literal.get().getHostAddress() + " is not allowed: " + refusal.get());
            }
            return List.of(literal.get());
        }
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchRefusedException("the host name " + host + " does not resolve");
        }
        if (resolved.isEmpty()) {
            throw new FetchRefusedException("the host name " + host + " does not resolve");
        }
        for (InetAddress address : resolved) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new FetchRefusedException(
                        host + " resolves to " + address.getHostAddress() + ", which is not allowed: " + refusal.get());
            }
        }
        return List.copyOf(resolved);
    }

    private Connection open(URI uri, Deadline deadline) throws FetchRefusedException {
        List<InetAddress> addresses = addresses(uri);
        int port = port(uri);
        IOException last = null;
        for (InetAddress address : addresses) {
            Duration connectTimeout =
                    Duration.ofMillis(Math.min(settings.connectTimeout().toMillis(), deadline.remainingMillis()));
            try {
                Socket socket = connector.connect(new InetSocketAddress(address, port), connectTimeout);
                return new Connection(secure(socket, uri, port, deadline), deadline, settings.userAgent());
            } catch (SocketTimeoutException e) {
                deadline.check();
                last = e;
            } catch (SSLException e) {
                throw new FetchRefusedException(
                        "the secure connection to " + uri.getHost() + " failed: " + oneLine(e.getMessage()));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new FetchRefusedException("could not connect to " + uri.getHost() + ": "
                + (last == null ? "no address" : oneLine(last.getMessage())));
    }

    private Socket secure(Socket plain, URI uri, int port, Deadline deadline) throws IOException {
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            return plain;
        }
        try {
            SSLSocket socket = (SSLSocket) tls.createSocket(plain, uri.getHost(), port, true);
            SSLParameters parameters = socket.getSSLParameters();
            // Certificates are checked against the name the user typed, not the address connected to.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(deadline.remainingMillis());
            socket.startHandshake();
            return socket;
        } catch (FetchRefusedException e) {
            plain.close();
            throw new SocketTimeoutException(e.getMessage());
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    private void checkRobots(URI uri, Deadline deadline) throws FetchRefusedException {
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        RobotsRules rules = robots.getIfPresent(origin);
        if (rules == null) {
            rules = readRobots(URI.create(origin + "/robots.txt"), deadline);
            robots.put(origin, rules);
        }
        String target =
                Optional.ofNullable(uri.getRawPath()).filter(p -> !p.isEmpty()).orElse("/")
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (!rules.allows(target)) {
            throw new FetchRefusedException("the site's robots.txt does not allow citebot to fetch " + target);
        }
    }

    private RobotsRules readRobots(URI robotsUrl, Deadline deadline) throws FetchRefusedException {
        URI current = robotsUrl;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            try (Connection connection = open(current, deadline)) {
                HttpHead head = connection.get(current, "text/plain");
                if (head.isRedirect()) {
                    current = redirectTarget(current, head);
                    continue;
                }
                if (head.status() >= 400 && head.status() < 500) {
                    return RobotsRules.ALLOW_ALL;
                }
                if (head.status() != 200) {
                    throw new FetchRefusedException("the site's robots.txt could not be read (it answered "
                            + head.status() + "), and citebot does not fetch from a site whose rules it cannot read");
                }
                byte[] text = connection.body(head, MAX_ROBOTS_BYTES, true);
                return RobotsRules.parse(new String(text, StandardCharsets.UTF_8), FetchSettings.ROBOTS_TOKEN);
            }
        }
        return RobotsRules.ALLOW_ALL;
    }

    private static String mediaType(HttpHead head) {
        return head.header("content-type")
                .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    private static Optional<String> charset(HttpHead head) {
        return head.header("content-type").flatMap(type -> {
            for (String parameter : type.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                    String value = pair[1].strip().replace("\"", "");
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
            return Optional.empty();
        });
    }

    static String oneLine(String message) {
        return message == null ? "no details" : message.replaceAll("\\s+", " ").strip();
    }

    /** One HTTP/1.1 request and response over a connected socket, every read bounded in time and size. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final Deadline deadline;
        private final String userAgent;
        private final InputStream in;

        Connection(Socket socket, Deadline deadline, String userAgent) throws IOException {
            this.socket = socket;
            this.deadline = deadline;
            this.userAgent = userAgent;
            this.in = new BufferedInputStream(new DeadlineInputStream(socket, deadline));
        }

        HttpHead get(URI uri, String accept) throws FetchRefusedException {
            return get(uri, accept, "");
        }

        /** @param extraHeaders further request header lines, each ending in CRLF (conditional requests) */
        HttpHead get(URI uri, String accept, String extraHeaders) throws FetchRefusedException {
            String target = Optional.ofNullable(uri.getRawPath())
                            .filter(p -> !p.isEmpty())
                            .orElse("/")
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                    ? "[" + uri.getHost() + "]"
                    : uri.getHost();
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "\r\n"
                    + "User-Agent: " + userAgent + "\r\n"
                    + "Accept: " + accept + "\r\n"
                    + "Accept-Encoding: gzip\r\n"
                    + extraHeaders
                    + "Connection: close\r\n\r\n";
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return HttpHead.read(in);
            } catch (DeadlineInputStream.Expired e) {
                throw deadline.expired();
            } catch (SocketTimeoutException e) {
                throw deadline.expired();
            } catch (IOException e) {
                throw new FetchRefusedException("the site's answer could not be read: " + oneLine(e.getMessage()));
            }
        }

        /**
         * The body, decoded from chunks and gzip, at most {@code limit} bytes.
         *
         * @param truncate whether a longer body is cut at the limit (robots.txt) or refused (pages)
         */
        byte[] body(HttpHead head, long limit, boolean truncate) throws FetchRefusedException {
            Optional<Long> declared = head.header("content-length").flatMap(SafeFetcher::parseLength);
            if (!truncate && declared.isPresent() && declared.get() > limit) {
                throw tooLarge(limit);
            }
            try {
                InputStream body = head.header("transfer-encoding")
                                .map(te -> te.toLowerCase(Locale.ROOT).contains("chunked"))
                                .orElse(false)
                        ? new ChunkedInputStream(in)
                        : declared.<InputStream>map(length -> new BoundedInputStream(in, length))
                                .orElse(in);
                String encoding = head.header("content-encoding")
                        .map(e -> e.strip().toLowerCase(Locale.ROOT))
                        .orElse("identity");
                if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
                    body = new GZIPInputStream(body);
                } else if (!encoding.equals("identity") && !encoding.isEmpty()) {
                    throw new FetchRefusedException(
                            "the site sent the page in an encoding citebot does not read: " + encoding);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[16 * 1024];
                while (true) {
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size() + 1));
                    if (n < 0) {
                        return out.toByteArray();
                    }
                    out.write(buffer, 0, n);
                    if (out.size() > limit) {
                        if (truncate) {
                            return java.util.Arrays.copyOf(out.toByteArray(), (int) limit);
                        }
                        throw tooLarge(limit);
                    }
                }
            } catch (DeadlineInputStream.Expired | SocketTimeoutException e) {
                throw deadline.expired();
            } catch (IOException e) {
                throw new FetchRefusedException("the page could not be read: " + oneLine(e.getMessage()));
            }
        }

        private static FetchRefusedException tooLarge(long limit) {
            return new FetchRefusedException("the page is larger than " + Sizes.bytes(limit));
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing a fetch connection failed: {}", e.toString());
            }
        }
    }

    private static Optional<Long> parseLength(String value) {
        try {
            long length = Long.parseLong(value.strip());
            return length >= 0 ? Optional.of(length) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
