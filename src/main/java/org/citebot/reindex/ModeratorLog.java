package org.citebot.reindex;

import org.citebot.reply.Reply;

/**
 * Where moderator actions are announced: the Discord adapter posts each reply to the configured
 * {@code moderators.logChannel} and to every server's own log channel; without Discord, {@link
 * #NONE} drops them. Called on the thread that
 * finished the action, so implementations should hand the post off rather than block; a failure
 * is logged by the caller and never fails the action.
 */
@FunctionalInterface
public interface ModeratorLog {

    /** Announces nothing. */
    ModeratorLog NONE = reply -> {};

    void announce(Reply reply);
}
