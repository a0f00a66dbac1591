package org.citebot.extract;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a page says about itself, each value from the most trustworthy place that has it (JSON-LD,
 * then OpenGraph and {@code <meta>}, then the markup). Shown in previews and kept with the document.
 *
 * @param url the canonical URL the page declares, not yet checked against where it was fetched from
 * @param language the primary language subtag in lower case, such as {@code en}
 */
public record ArticleMetadata(
        Optional<String> title,
        Optional<String> author,
        Optional<LocalDate> published,
        Optional<String> publisher,
        Optional<URI> url,
        Optional<String> language) {

    /** Nothing known. */
    public static final ArticleMetadata NONE = new ArticleMetadata(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** This metadata with the canonical URL replaced, e.g. after it was checked against the fetch. */
    public ArticleMetadata withUrl(Optional<URI> canonical) {
        return new ArticleMetadata(title, author, published, publisher, canonical, language);
    }
}
