package org.citebot.state;

/** The state database could not be opened, migrated, read or written; the message says which and why. */
public final class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
