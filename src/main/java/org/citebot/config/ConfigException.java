package org.citebot.config;

/**
 * A configuration value that cannot be used. The message always names the key (and the
 * environment variable that can set it) so the operator knows what to fix; nothing starts.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
