package org.citebot.command;

import java.util.List;
import java.util.function.Consumer;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;

/**
 * One citebot command. Implementations receive exactly the services they use through their
 * constructor and are listed once in {@link CommandRegistry}.
 */
public interface Command {

    CommandSpec spec();

    /**
     * Runs the command. May block (searching), so front ends call it off their event threads.
     *
     * @throws UserFacingException for a problem the user should read about
     */
    Reply handle(CommandRequest request);

    /**
     * Whether {@link #handle} will answer privately, decided from the request alone and cheaply.
     * Discord fixes a reply's privacy when it is deferred, before the answer exists, so front ends
     * ask this first. Private unless the command knows better: a wrong guess shows a public answer
     * privately, never a private one publicly.
     */
    default boolean ephemeralHint(CommandRequest request) {
        return true;
    }

    /**
     * Runs the command, pushing interim replies to {@code progress} while it works, for commands
     * that take a while (such as {@code /reindex}). Front ends that can show progress call this and
     * replace their deferred reply with each interim reply, then with the returned final one; the
     * rest call {@link #handle(CommandRequest)}. Interim replies are pushed on the calling thread.
     */
    default Reply handle(CommandRequest request, Consumer<Reply> progress) {
        return handle(request);
    }

    /** Suggestions for the focused option, at most 25, answered from memory. */
    default List<Choice> autocomplete(String option, String partial, Invoker invoker) {
        return List.of();
    }
}
