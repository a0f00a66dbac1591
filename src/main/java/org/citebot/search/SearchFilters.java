package org.citebot.search;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Restrictions on which passages a search may return.
 *
 * @param source a publisher name or a document id or title (case-insensitive)
 * @param author an author name (case-insensitive)
 * @param from earliest published date, inclusive
 * @param to latest published date, inclusive
 */
public record SearchFilters(
        Optional<String> source, Optional<String> author, Optional<LocalDate> from, Optional<LocalDate> to) {

    /** No restriction at all. */
    public static final SearchFilters NONE =
            new SearchFilters(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Only passages of documents whose publisher, id or title is {@code source}. */
    public static SearchFilters ofSource(String source) {
        return new SearchFilters(Optional.of(source), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return source.isEmpty() && author.isEmpty() && from.isEmpty() && to.isEmpty();
    }
}
