package org.citebot.sources;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citebot.fetch.FetchedPage;

/**
 * Decides whether the canonical URL a page declares may stand for it. A hostile page could declare
 * any URL (another site's, a {@code javascript:} one) to borrow its name in citations, so it is kept
 * only when it is http(s), carries no credentials, and is on the same site as a URL of the fetch
 * (the one asked for, a redirect or the final one): the same host, or one host a subdomain of the
 * other ({@code www.example.org} and {@code example.org}).
 */
final class CanonicalUrl {

    private CanonicalUrl() {}

    static Optional<URI> trusted(Optional<URI> declared, FetchedPage page) {
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        URI canonical = declared.get();
        String scheme = Optional.ofNullable(canonical.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || canonical.getRawUserInfo() != null
                || canonical.getHost() == null) {
            return Optional.empty();
        }
        List<URI> fetched = new ArrayList<>(page.redirects());
        fetched.add(page.requested());
        fetched.add(page.finalUrl());
        String host = canonical.getHost().toLowerCase(Locale.ROOT);
        for (URI uri : fetched) {
            if (uri.getHost() != null && sameSite(host, uri.getHost().toLowerCase(Locale.ROOT))) {
                return Optional.of(canonical);
            }
        }
        return Optional.empty();
    }

    private static boolean sameSite(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }
}
