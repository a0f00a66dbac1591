package org.citebot.command;

import org.citebot.search.SearchResults;

/**
 * Told about every search a user ran (not paging or autocomplete), e.g. to keep the query log. An
 * implementation must not throw: a failure to record never fails the search.
 */
@FunctionalInterface
public interface SearchRecorder {

    /** Records nothing. */
    SearchRecorder NONE = (results, invoker, shownPublicly) -> {};

    /**
     * @param shownPublicly whether the answer was posted for everyone in a server's channel: only
     *     such questions may ever be suggested to others
     */
    void searched(SearchResults results, Invoker invoker, boolean shownPublicly);
}
