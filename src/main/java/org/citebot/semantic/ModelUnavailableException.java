package org.citebot.semantic;

import org.jspecify.annotations.Nullable;

/**
 * The embedding model cannot be used here: its files are missing or its native runtime does not
 * load on this platform. citebot then says so once and serves lexical results.
 */
public final class ModelUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
