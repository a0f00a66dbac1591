package org.citebot.discord.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code multipart/form-data} bodies JDA sends with file uploads: the JSON in the
 * {@code payload_json} part and the name and size of each {@code files[n]} part.
 */
final class Multipart {

    /** One uploaded file. */
    record Upload(String field, String filename, String contentType, int size) {}

    /** The JSON payload (or {@code null}) and the files of one request. */
    record Body(String payloadJson, List<Upload> uploads) {}

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private Multipart() {}

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static Body parse(String contentType, byte[] bytes) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            throw new IllegalArgumentException("multipart body without boundary");
        }
        // ISO-8859-1 maps bytes 1:1, so offsets and sizes stay byte-exact.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundaryMatch.group(1);
        String payloadJson = null;
        List<Upload> uploads = new ArrayList<>();
        int start = text.indexOf(delimiter);
        while (start >= 0) {
            int partStart = start + delimiter.length();
            if (text.startsWith("--", partStart)) {
                break;
            }
            int next = text.indexOf(delimiter, partStart);
            if (next < 0) {
                break;
            }
            String part = text.substring(partStart, next);
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                String headers = part.substring(0, headerEnd);
                String content = part.substring(headerEnd + 4);
                if (content.endsWith("\r\n")) {
                    content = content.substring(0, content.length() - 2);
                }
                String name = find(NAME, headers);
                String filename = find(FILENAME, headers);
                if ("payload_json".equals(name)) {
                    payloadJson = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                } else if (filename != null) {
                    uploads.add(new Upload(name, filename, partContentType(headers), content.length()));
                }
            }
            start = next;
        }
        return new Body(payloadJson, List.copyOf(uploads));
    }

    private static String partContentType(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                return line.substring("content-type:".length()).trim();
            }
        }
        return "application/octet-stream";
    }

    private static String find(Pattern pattern, String headers) {
        Matcher matcher = pattern.matcher(headers);
        return matcher.find() ? matcher.group(1) : null;
    }
}
