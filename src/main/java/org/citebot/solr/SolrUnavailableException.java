package org.citebot.solr;

import org.citebot.passages.StoreUnavailableException;

/**
 * SolrCloud could not do what citebot asked: ZooKeeper or Solr unreachable, a request refused or
 * timed out. The message is one line a member or operator can read (never a stack trace); the
 * cause keeps the details for the log. Thrown by everything in this package that talks to Solr; as a
 * {@link StoreUnavailableException} it reaches members as the one neutral notice.
 */
public final class SolrUnavailableException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    public SolrUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SolrUnavailableException(String message) {
        super(message);
    }
}
