package org.citebot.corpus;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What is known about a corpus document: from the manifest, front matter or the head of its text.
 * Renderers show it in footers and source lists; the index stores it with every passage.
 */
public record DocumentMetadata(
        String title,
        Optional<String> author,
        Optional<String> publisher,
        Optional<LocalDate> published,
        Optional<URI> url,
        String language) {

    public DocumentMetadata {
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
    }
}
