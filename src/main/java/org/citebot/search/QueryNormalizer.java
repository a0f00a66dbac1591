package org.citebot.search;

/**
 * The canonical form of a query, without searching: questions typed differently but searched alike
 * share it, so the answer cache keys on it. The search service provides it; the cache takes this
 * interface rather than the service.
 */
@FunctionalInterface
public interface QueryNormalizer {

    /**
     * The canonical form of {@code query}.
     *
     * @throws QueryException when the query cannot be searched
     */
    String normalize(String query);
}
