package org.citebot.discord;

import io.micrometer.core.instrument.Metrics;
import java.util.Optional;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed request to Discord means, for the log and, where the user can do something about
 * it, for them. The interaction token is never part of these messages.
 */
final class DiscordFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordFailures.class);

    static final String CANNOT_POST =
            "I can't post in this channel: I am missing Send Messages or Embed Links here. Ask a moderator to allow them, "
                    + "or share the link instead.";

    private DiscordFailures() {}

    /** The message for the user when Discord refused to let citebot post in a channel, else empty. */
    static Optional<String> postRefusal(Throwable failure) {
        if (failure instanceof PermissionException) {
            return Optional.of(CANNOT_POST);
        }
        if (failure instanceof ErrorResponseException response) {
            ErrorResponse error = response.getErrorResponse();
            if (error == ErrorResponse.MISSING_PERMISSIONS || error == ErrorResponse.MISSING_ACCESS) {
                return Optional.of(CANNOT_POST);
            }
            if (error == ErrorResponse.UNKNOWN_CHANNEL) {
                return Optional.of("I can't post there: the channel no longer exists or I can't see it.");
            }
        }
        return Optional.empty();
    }

    /** Logs a failed request: WARN with Discord's code and meaning, stack traces only for the unexpected. */
    static void log(String what, Throwable failure) {
        if (failure instanceof ErrorResponseException response) {
            if (response.getErrorResponse() == ErrorResponse.UNKNOWN_INTERACTION) {
                // Counted: each one means a user saw "The application did not respond".
                Metrics.counter("citebot.discord.unknown_interaction").increment();
                LOG.warn(
                        "{}: Discord no longer knows the interaction (10062 Unknown interaction); "
                                + "it was answered too late or twice",
                        what);
            } else {
                LOG.warn("{}: Discord answered {} {}", what, response.getErrorCode(), response.getMeaning());
            }
        } else if (failure instanceof PermissionException permission) {
            LOG.warn(
                    "{}: citebot lacks the {} permission",
                    what,
                    permission.getPermission().getName());
        } else {
            LOG.warn("{} failed", what, failure);
        }
    }
}
