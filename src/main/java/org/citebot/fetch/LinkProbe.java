package org.citebot.fetch;

import java.net.URI;
import java.util.Optional;

/**
 * What {@link SafeFetcher#probe} found at a URL: the status the site answered, where a permanent
 * redirect leads, the page when it answered 200, and the validators for the next conditional request.
 *
 * @param status 200, 304 (unchanged since the validators), 301 or 308 (moved for good), 404 or 410
 *     (gone), or any other status the site answered
 */
public record LinkProbe(
        int status,
        Optional<URI> movedTo,
        Optional<FetchedPage> page,
        Optional<String> etag,
        Optional<String> lastModified) {}
