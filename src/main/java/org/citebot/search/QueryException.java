package org.citebot.search;

/**
 * A query the search cannot run, with a message written for the person who typed it
 * ("Your query has only common words like 'the'; add a word that says what you are looking for.").
 * Renderers show the message as it is.
 */
public final class QueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QueryException(String userMessage) {
        super(userMessage);
    }
}
