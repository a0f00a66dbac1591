package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the fake REST server received, with the status it answered.
 *
 * @param rawPath the path as sent on the wire (may be percent-encoded)
 * @param path the decoded path relative to {@code /api/v10/}, e.g. {@code webhooks/1/tok/messages/@original}
 * @param query decoded query parameters (first value of each)
 * @param headers request headers, keys lower-cased
 * @param body the JSON body (for multipart uploads: the {@code payload_json} part), or a {@code MissingNode}
 * @param uploadedFiles file names of multipart {@code files[n]} parts, in order
 */
public record RecordedRequest(
        String method,
        String rawPath,
        String path,
        Map<String, String> query,
        Map<String, List<String>> headers,
        JsonNode body,
        List<String> uploadedFiles,
        Instant receivedAt,
        int status) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        uploadedFiles = List.copyOf(uploadedFiles);
    }

    /** Whether the method equals (case-insensitively) and the decoded path fully matches the regex. */
    public boolean matches(String httpMethod, String pathRegex) {
        return method.equalsIgnoreCase(httpMethod) && path.matches(pathRegex);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status;
    }
}
