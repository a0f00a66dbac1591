package org.citebot.corpus;

/**
 * The corpus manifest ({@code sources.yaml}) cannot be used; the message names the file and the
 * problem so that whoever edits the manifest can fix it without reading a stack trace.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
