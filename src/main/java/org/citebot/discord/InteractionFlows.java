package org.citebot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.citebot.command.ActionHandler;
import org.citebot.command.ActionOutcome;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.Invoker;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.UserFacingException;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What citebot sends for each kind of interaction, and when, without JDA: commands and buttons run
 * through {@link AckRunner} and the {@link ErrorBoundary}; autocomplete answers within its budget.
 * {@link InteractionListener} feeds it JDA's events; tests feed it recorders.
 */
final class InteractionFlows {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionFlows.class);

    static final Reply BUSY =
            Reply.notice("citebot is busy answering others right now. Please try again in a few seconds.");
    static final Reply STOPPING =
            Reply.notice("citebot is shutting down for a restart or an update. Please ask again in a minute.");
    static final Reply UNKNOWN_COMMAND = Reply.notice(
            "citebot does not know this command any more. It may have been renamed; type / to see the current ones.");
    static final Reply UNKNOWN_BUTTON =
            Reply.notice("That button no longer works. Run the command again for fresh results.");
    static final Reply MODERATORS_ONLY =
            Reply.notice("Only moderators (Manage Server or a moderator role) can use this command.");

    private final CommandRegistry registry;
    private final ErrorBoundary errors;
    private final AckRunner runner;
    private final Duration autocompleteBudget;
    private final ModeratorPolicy moderators;

    /** Flows where only Manage Server makes a moderator (no moderator roles configured). */
    InteractionFlows(CommandRegistry registry, ErrorBoundary errors, AckRunner runner, Duration autocompleteBudget) {
        this(registry, errors, runner, autocompleteBudget, new ModeratorPolicy(List.of()));
    }

    /** @param moderators who may run moderator commands: Manage Server or a configured moderator role */
    InteractionFlows(
            CommandRegistry registry,
            ErrorBoundary errors,
            AckRunner runner,
            Duration autocompleteBudget,
            ModeratorPolicy moderators) {
        this.registry = registry;
        this.errors = errors;
        this.runner = runner;
        this.autocompleteBudget = autocompleteBudget;
        this.moderators = moderators;
    }

    /** A slash command or message-menu entry named {@code request.command()}. */
    void command(CommandRequest request, Responder responder) {
        Optional<Command> found = registry.command(request.command());
        if (found.isEmpty()) {
            responder.reply(UNKNOWN_COMMAND);
            return;
        }
        Command command = found.get();
        // Discord only offers moderator commands to moderators by default, but guild admins can change that.
        if (command.spec().moderatorOnly() && !moderators.isModerator(request.invoker())) {
            responder.reply(MODERATORS_ONLY);
            return;
        }
        boolean ephemeral = ephemeralHint(command, request);
        String what = describe(request.command());
        // Interim replies (a reindex's progress) can only replace a deferred reply. One that comes
        // before the defer is kept and shown as soon as the defer is sent.
        InterimReplies interim = new InterimReplies(responder);
        Consumer<Reply> progress = interim::offer;
        AckRunner.Steps<Reply> steps = new AckRunner.Steps<>() {
            @Override
            public void answer(Reply reply) {
                responder.reply(reply);
            }

            @Override
            public void defer() {
                responder.defer(ephemeral);
                interim.deferred();
            }

            @Override
            public void answerLate(Reply reply) {
                if (reply.ephemeral() && !ephemeral) {
                    responder.replaceWithPrivate(reply);
                } else {
                    responder.editOriginal(reply);
                }
            }

            @Override
            public void busy() {
                responder.reply(BUSY);
            }

            @Override
            public void stopping() {
                responder.reply(STOPPING);
            }
        };
        runner.run(() -> errors.guard(what, () -> command.handle(request, progress)), steps, responder.createdAt());
    }

    /** A press of the button whose custom id is {@code actionId}. */
    void button(String actionId, Invoker invoker, ComponentResponder responder) {
        Optional<ActionHandler> found = registry.actionHandler(actionId);
        if (found.isEmpty()) {
            responder.reply(UNKNOWN_BUTTON);
            return;
        }
        ActionHandler handler = found.get();
        String what = "button " + handler.prefix();
        AckRunner.Steps<ActionOutcome> steps = new AckRunner.Steps<>() {
            @Override
            public void answer(ActionOutcome outcome) {
                if (outcome instanceof ActionOutcome.Update update) {
                    responder.update(update.reply());
                } else if (outcome instanceof ActionOutcome.Notice notice) {
                    responder.reply(notice.reply());
                } else if (outcome instanceof ActionOutcome.Share share) {
                    // Posting takes a round trip of its own; acknowledge first so the 3 s cannot run out.
                    responder.deferUpdate();
                    share(share, responder, what);
                }
            }

            @Override
            public void defer() {
                responder.deferUpdate();
            }

            @Override
            public void answerLate(ActionOutcome outcome) {
                if (outcome instanceof ActionOutcome.Update update) {
                    responder.editOriginal(update.reply());
                } else if (outcome instanceof ActionOutcome.Notice notice) {
                    responder.followUp(notice.reply());
                } else if (outcome instanceof ActionOutcome.Share share) {
                    share(share, responder, what);
                }
            }

            @Override
            public void busy() {
                responder.reply(BUSY);
            }

            @Override
            public void stopping() {
                responder.reply(STOPPING);
            }
        };
        runner.run(() -> guardAction(what, () -> handler.handle(actionId, invoker)), steps, responder.createdAt());
    }

    /**
     * Suggestions for the focused option of {@code commandName}, from memory, within the budget;
     * when the budget runs out or anything fails, the typed text itself is offered.
     */
    void autocomplete(
            String commandName, String option, String partial, Invoker invoker, Consumer<List<Choice>> respond) {
        Optional<Command> command = registry.command(commandName);
        if (command.isEmpty()) {
            respond.accept(echo(partial));
            return;
        }
        runner.within(
                () -> {
                    try {
                        return command.get().autocomplete(option, partial, invoker);
                    } catch (RuntimeException e) {
                        if (StoreUnavailableException.in(e).isPresent()) {
                            // An outage, logged once by the store's connection, not once per keystroke.
                            LOG.debug(
                                    "Autocomplete of {}.{} found search unavailable; echoing the input",
                                    commandName,
                                    option);
                        } else {
                            LOG.warn("Autocomplete of {}.{} failed; echoing the input", commandName, option, e);
                        }
                        return echo(partial);
                    } catch (Error e) {
                        // A stack overflow or exhausted heap is worth someone's attention; the member still gets
                        // choices.
                        LOG.error("Autocomplete of {}.{} failed; echoing the input", commandName, option, e);
                        return echo(partial);
                    }
                },
                autocompleteBudget,
                () -> echo(partial),
                respond);
    }

    static List<Choice> echo(String partial) {
        String typed = partial.strip();
        return typed.isEmpty() ? List.of() : List.of(new Choice(typed, typed));
    }

    private void share(ActionOutcome.Share share, ComponentResponder responder, String what) {
        responder.postInChannel(share.publicReply()).whenComplete((ignored, failure) -> {
            if (failure == null) {
                responder.followUp(share.confirmation().withEphemeral(true));
                return;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof UserFacingException refused) {
                LOG.info("Could not share in the channel: {}", refused.getMessage());
                responder.followUp(Reply.notice(refused.getMessage()));
            } else {
                responder.followUp(Reply.notice(errors.apology(what + " share", cause)));
            }
        });
    }

    private ActionOutcome guardAction(String what, Supplier<ActionOutcome> work) {
        try {
            return work.get();
        } catch (UserFacingException e) {
            return new ActionOutcome.Notice(Reply.notice(e.getMessage()));
        } catch (RuntimeException | Error e) {
            // As ErrorBoundary#guard: an Error must not leave the button's message "thinking".
            return new ActionOutcome.Notice(Reply.notice(errors.apology(what, e)));
        }
    }

    private static boolean ephemeralHint(Command command, CommandRequest request) {
        try {
            return command.ephemeralHint(request);
        } catch (RuntimeException e) {
            LOG.warn("ephemeralHint of {} failed; deferring privately", request.command(), e);
            return true;
        }
    }

    private static String describe(String command) {
        return command.contains(" ") ? "“" + command + "”" : "/" + command;
    }

    /** Progress replies of one command: held until its reply is deferred, then edited in as they come. */
    private static final class InterimReplies {

        private final Responder responder;
        private boolean deferred;
        private @Nullable Reply waiting;

        InterimReplies(Responder responder) {
            this.responder = responder;
        }

        synchronized void offer(Reply reply) {
            if (deferred) {
                responder.editOriginal(reply);
            } else {
                waiting = reply;
            }
        }

        synchronized void deferred() {
            deferred = true;
            if (waiting != null) {
                responder.editOriginal(waiting);
                waiting = null;
            }
        }
    }
}
