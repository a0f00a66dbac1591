package org.citebot.search;

import java.time.LocalDate;
import java.util.Optional;
import org.citebot.passages.Audience;

/**
 * Restrictions on which passages a search may return.
 *
 * @param source a publisher name or a document id or title (case-insensitive)
 * @param author an author name (case-insensitive)
 * @param from earliest published date, inclusive
 * @param to latest published date, inclusive
 * @param audience whose eyes the search is for: a server sees the corpus and the articles added in
 *     it, never another server's ({@link Audience})
 */
public record SearchFilters(
        Optional<String> source,
        Optional<String> author,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        Audience audience) {

    /** No restriction at all. */
    public static final SearchFilters NONE =
            new SearchFilters(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Filters that see every document, whoever added it. */
    public SearchFilters(
            Optional<String> source, Optional<String> author, Optional<LocalDate> from, Optional<LocalDate> to) {
        this(source, author, from, to, Audience.EVERYTHING);
    }

    /** Only passages of documents whose publisher, id or title is {@code source}. */
    public static SearchFilters ofSource(String source) {
        return new SearchFilters(Optional.of(source), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These filters for {@code value}'s eyes. */
    public SearchFilters withAudience(Audience value) {
        return new SearchFilters(source, author, from, to, value);
    }

    /** Whether nothing is filtered but, perhaps, whose additions are seen. */
    public boolean isEmpty() {
        return source.isEmpty() && author.isEmpty() && from.isEmpty() && to.isEmpty();
    }
}
