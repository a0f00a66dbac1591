package org.citebot.eval.beir;

/**
 * A test collection folder that is missing, incomplete or malformed. The message names the file and,
 * where it applies, the line; {@code citebot eval} prints it and exits with the usage code.
 */
public final class CollectionFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public CollectionFormatException(String message) {
        super(message);
    }

    public CollectionFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
