package org.citebot.reindex;

/**
 * Where actions that touch every server are announced: the Discord adapter posts the {@link
 * Announcement#operators()} report to the configured {@code moderators.logChannel}, the operators'
 * channel, and the {@link Announcement#servers()} notice to every server's own log channel; without
 * Discord, {@link #NONE} drops them. Called on the thread that finished the action, so
 * implementations should hand the post off rather than block; a failure is logged by the caller and
 * never fails the action.
 */
@FunctionalInterface
public interface ModeratorLog {

    /** Announces nothing. */
    ModeratorLog NONE = announcement -> {};

    void announce(Announcement announcement);
}
