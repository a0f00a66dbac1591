package org.citebot.command;

import org.citebot.reply.StyledText;

/**
 * Posts a short note in one server's moderator log (its {@code /settings log-channel}, else the
 * configured {@code moderators.logChannel}): who added or removed a source there. Implementations
 * hand the post off and never throw; without Discord, {@link #NONE} drops the note.
 */
@FunctionalInterface
public interface ServerNotes {

    /** Posts nothing. */
    ServerNotes NONE = (guild, note) -> {};

    void post(String guild, StyledText note);
}
