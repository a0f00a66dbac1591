/**
 * Fetching a URL a user typed without opening a server-side request forgery hole: only http(s) on
 * allowed ports, every resolved address checked against private, loopback, link-local, unique-local,
 * multicast and metadata ranges, a connection only to the address that was checked, redirects
 * followed by hand with the same checks, caps on size, time and content type, and robots.txt
 * honoured. {@link org.citebot.fetch.SafeFetcher} is the entry point; its resolver and connector are
 * injected so tests prove what is never connected to. Knows nothing of extraction or Discord.
 */
@NullMarked
package org.citebot.fetch;

import org.jspecify.annotations.NullMarked;
