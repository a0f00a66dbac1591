package org.citebot.reindex;

import java.util.Optional;
import org.citebot.reply.Reply;

/**
 * One action announced twice over: {@code servers} for every server's own log channel, which says
 * what happened in counts and a neutral outcome and quotes nothing from the corpus (no file names,
 * no file contents, no error text, any of which can carry a secret), and {@code operators} for
 * citebot's operators ({@code moderators.logChannel}), with the full details. Built by {@link
 * ReindexReplies#announcement}, posted by the {@link ModeratorLog}.
 *
 * @param sharedAction names the action when several processes announce it (a corpus generation:
 *     the process that ran the reindex and each that followed it), so that each server is told by
 *     one of them ({@link AnnouncementClaims}); empty when only the process that acted announces
 */
public record Announcement(Reply servers, Reply operators, Optional<String> sharedAction) {

    /** Announced by the process that acted only. */
    public Announcement(Reply servers, Reply operators) {
        this(servers, operators, Optional.empty());
    }

    /** The same announcement, made by every process that took part in {@code action}. */
    public Announcement sharedAs(String action) {
        return new Announcement(servers, operators, Optional.of(action));
    }
}
