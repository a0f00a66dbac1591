package org.citebot.discord;

/**
 * citebot could not connect to Discord, with a message that says what to check. Never contains the
 * token: the message is written here, not copied from a lower layer.
 */
public final class DiscordStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiscordStartException(String message) {
        super(message);
    }

    public DiscordStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
