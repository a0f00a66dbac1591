package org.citebot.fetch;

/**
 * A URL that was not fetched, with a one-line reason a moderator can act on ("the address
 * 10.0.0.1 is in a private network", "the page is larger than 5 MiB"). Thrown for forbidden URLs and
 * addresses, for limits reached and for network or server failures alike.
 */
public final class FetchRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public FetchRefusedException(String reason) {
        super(reason);
    }

    public FetchRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
