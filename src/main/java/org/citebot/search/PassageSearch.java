package org.citebot.search;

/**
 * Finds the passages that best answer a question. Implemented by the Lucene search service and by
 * the caching decorator in front of it; used by every command, the CLI and the console.
 */
public interface PassageSearch {

    /**
     * Runs one search.
     *
     * @throws QueryException when the query cannot be run (empty, only stop words); the message is
     *     meant for the user
     */
    SearchResults search(SearchRequest request);
}
