package org.citebot.corpus;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Partial metadata from one source (manifest, front matter, HTML or PDF metadata, the text's head).
 * Sources are layered with {@link #or(MetadataHints)}, the first one that knows a value wins.
 */
record MetadataHints(
        Optional<String> title,
        Optional<String> author,
        Optional<String> publisher,
        Optional<LocalDate> published,
        Optional<URI> url,
        Optional<String> language) {

    static final MetadataHints NONE = new MetadataHints(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Values of this, with the gaps filled from {@code fallback}. */
    MetadataHints or(MetadataHints fallback) {
        return new MetadataHints(
                title.or(fallback::title),
                author.or(fallback::author),
                publisher.or(fallback::publisher),
                published.or(fallback::published),
                url.or(fallback::url),
                language.or(fallback::language));
    }

    /** Final metadata; a document nobody names is titled by its file name, and English is assumed. */
    DocumentMetadata toMetadata(String fileName) {
        return new DocumentMetadata(title.orElse(fileName), author, publisher, published, url, language.orElse("en"));
    }
}
