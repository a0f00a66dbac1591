package org.citebot.sources;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One added article as {@code /sources}, the link check and the command line list it: no text,
 * only who added it, where, when, and how its link is.
 */
public record SourceRecord(
        String id,
        URI url,
        String title,
        Optional<String> server,
        String addedBy,
        Instant addedAt,
        String contentHash,
        LinkHealth health) {}
