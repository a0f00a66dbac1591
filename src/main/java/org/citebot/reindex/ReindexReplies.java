package org.citebot.reindex;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.citebot.corpus.SkippedFile;
import org.citebot.reply.Reply;
import org.citebot.reply.StyledText;

/**
 * Turns reindex progress and summaries into replies: private ones for the operator who asked, and
 * the {@link Announcement} of a run: counts for every server's log channel, the full summary for
 * the operators' channel. Lists of names are cut short so a summary always fits one Discord message.
 */
public final class ReindexReplies {

    /** Names listed per category before "and N more". */
    static final int NAMES_SHOWN = 5;
    /** Discord's message limit is 2000 characters; leave room for the renderer. */
    static final int MAX_CHARS = 1900;

    private ReindexReplies() {}

    /** The interim reply while a run is going on: "Reindexing: writing 3/12 documents…". */
    public static Reply progress(ReindexStatus status) {
        String what = status.request().dryRun() ? "Dry run" : "Reindexing";
        return Reply.notice(what + ": " + status.progress() + StyledText.ELLIPSIS);
    }

    /** The private final reply to whoever asked. */
    public static Reply summary(ReindexSummary summary) {
        return Reply.notice(fit(text(summary)));
    }

    /**
     * The announcement of a run (dry runs are not announced), saying who asked ("an operator", "the
     * corpus watcher") but not in which server. Every server's log channel gets counts and whether
     * it worked, nothing more: file names are whatever someone named a file in the shared folder
     * (a skipped one's name is shown nowhere else), and a failure's reason can quote the line of
     * the file it failed on, secrets included. The operators' channel gets the whole summary.
     */
    public static Announcement announcement(ReindexSummary summary) {
        String head = "Reindex requested by " + summary.request().requester() + ":\n";
        return new Announcement(
                Reply.notice(fit(head + counts(summary))).withEphemeral(false),
                Reply.notice(fit(head + text(summary))).withEphemeral(false));
    }

    /** A run in numbers and a neutral outcome, for everyone who is not an operator. */
    static String counts(ReindexSummary summary) {
        if (!summary.ok()) {
            return "The reindex of the shared corpus failed after " + duration(summary.took())
                    + "; details are in the operator log. Nothing changed: the previous index keeps answering.";
        }
        StringBuilder text = new StringBuilder("The shared corpus was reindexed in ")
                .append(duration(summary.took()))
                .append(": ")
                .append(summary.documents())
                .append(" documents, ")
                .append(summary.passages())
                .append(" passages. ");
        if (summary.generationAfter() == summary.generationBefore()) {
            text.append("Nothing changed.");
        } else {
            text.append(summary.added().size())
                    .append(" added, ")
                    .append(summary.changed().size())
                    .append(" changed, ")
                    .append(summary.removed().size())
                    .append(" removed, ")
                    .append(summary.unchanged().size())
                    .append(" unchanged.");
        }
        if (!summary.skipped().isEmpty()) {
            text.append(' ').append(summary.skipped().size()).append(" skipped; the operators have the reasons.");
        }
        return text.toString();
    }

    /** The summary as plain lines, shared by the replies and the console. */
    public static String text(ReindexSummary summary) {
        StringBuilder text = new StringBuilder();
        if (!summary.ok()) {
            text.append("Reindex failed after ")
                    .append(duration(summary.took()))
                    .append(": ")
                    .append(summary.error().orElse("unknown reason"))
                    .append(". Nothing changed: the previous index (generation ")
                    .append(summary.generationBefore())
                    .append(") keeps answering.");
            return text.toString();
        }
        boolean dry = summary.request().dryRun();
        boolean changes = summary.rebuilt()
                || !summary.added().isEmpty()
                || !summary.changed().isEmpty()
                || !summary.removed().isEmpty();
        if (dry) {
            text.append("Dry run in ")
                    .append(duration(summary.took()))
                    .append(": nothing was written (generation ")
                    .append(summary.generationBefore())
                    .append(" keeps serving). ")
                    .append(changes ? "A reindex now would:" : "The index is up to date with the corpus.");
        } else {
            text.append("Reindex finished in ")
                    .append(duration(summary.took()))
                    .append(": ")
                    .append(summary.documents())
                    .append(" documents, ")
                    .append(summary.passages())
                    .append(" passages");
            if (summary.generationAfter() != summary.generationBefore()) {
                text.append(" (generation ")
                        .append(summary.generationBefore())
                        .append(" → ")
                        .append(summary.generationAfter())
                        .append(')');
            } else {
                text.append(" (nothing changed, generation ")
                        .append(summary.generationAfter())
                        .append(')');
            }
            text.append(summary.rebuilt() ? "; every document was rewritten." : ".");
        }
        names(text, dry ? "add" : "Added", summary.added());
        names(text, dry ? "change" : "Changed", summary.changed());
        names(text, dry ? "remove" : "Removed", summary.removed());
        if (!summary.unchanged().isEmpty()) {
            text.append('\n')
                    .append(dry ? "leave " : "Unchanged: ")
                    .append(summary.unchanged().size())
                    .append(dry ? " unchanged" : " (not re-analysed)");
        }
        List<String> skipped =
                summary.skipped().stream().map(ReindexReplies::skipped).toList();
        names(text, dry ? "skip" : "Skipped", skipped);
        return text.toString();
    }

    private static void names(StringBuilder text, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        text.append('\n')
                .append(label)
                .append(' ')
                .append(names.size())
                .append(": ")
                .append(String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size()))));
        if (names.size() > NAMES_SHOWN) {
            text.append(" and ").append(names.size() - NAMES_SHOWN).append(" more");
        }
    }

    private static String skipped(SkippedFile file) {
        return file.path() + " (" + file.reason() + ")";
    }

    private static String fit(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + StyledText.ELLIPSIS;
    }

    static String duration(Duration took) {
        long millis = took.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
