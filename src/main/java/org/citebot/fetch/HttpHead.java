package org.citebot.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and header fields of an HTTP/1.1 response, read with limits so a hostile server
 * cannot make the fetcher buffer an endless head.
 *
 * @param headers field names in lower case, each with its values in order
 */
record HttpHead(int status, String reason, Map<String, List<String>> headers) {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_FIELDS = 200;

    HttpHead {
        headers = Map.copyOf(headers);
    }

    /** The first value of the field {@code name} (lower case), if present. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static HttpHead read(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("the server did not answer in HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the server sent a malformed status line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                break;
            }
            if (i >= MAX_FIELDS) {
                throw new IOException("the server sent more than " + MAX_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return new HttpHead(status, parts.length > 2 ? parts[2] : "", headers);
    }

    /** One line without its CR LF, at most {@value #MAX_LINE} bytes, decoded as ISO-8859-1. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the middle of the response head");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
