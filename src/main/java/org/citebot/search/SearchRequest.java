package org.citebot.search;

/**
 * One search as a user asked it: the raw query text, filters and which page of results.
 *
 * @param query the text as typed; the search service parses it safely
 * @param offset how many ranked hits to skip (page * limit)
 * @param limit how many hits to return, 1 to {@link #MAX_LIMIT}
 */
public record SearchRequest(String query, SearchFilters filters, int offset, int limit) {

    public static final int MAX_LIMIT = 50;

    public SearchRequest {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    public static SearchRequest of(String query, int limit) {
        return new SearchRequest(query, SearchFilters.NONE, 0, limit);
    }
}
