package org.citebot.fetch;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A page fetched within every limit.
 *
 * @param requested the URL asked for
 * @param finalUrl where the page was found, after redirects
 * @param redirects every URL the fetch was redirected to, in order (the last is {@code finalUrl})
 * @param contentType the media type without parameters, in lower case ({@code text/html})
 * @param charset the charset the server declared, if any
 */
public record FetchedPage(
        URI requested, URI finalUrl, List<URI> redirects, String contentType, Optional<String> charset, byte[] body) {

    public FetchedPage {
        redirects = List.copyOf(redirects);
        contentType = contentType.toLowerCase(Locale.ROOT);
    }

    /** Whether this is a PDF document rather than a web page. */
    public boolean isPdf() {
        return contentType.equals("application/pdf");
    }
}
