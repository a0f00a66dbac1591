package org.citebot.reindex;

import org.citebot.reply.Reply;

/**
 * One action announced twice over: {@code servers} for every server's own log channel, which says
 * what happened in counts and a neutral outcome and quotes nothing from the corpus (no file names,
 * no file contents, no error text, any of which can carry a secret), and {@code operators} for
 * citebot's operators ({@code moderators.logChannel}), with the full details. Built by {@link
 * ReindexReplies#announcement}, posted by the {@link ModeratorLog}.
 */
public record Announcement(Reply servers, Reply operators) {}
