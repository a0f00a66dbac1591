package org.citebot.discord;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.citebot.command.ErrorBoundary;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one slash or message-menu interaction through JDA, with every message built by the renderer. */
class JdaResponder implements Responder {

    private static final Logger LOG = LoggerFactory.getLogger(JdaResponder.class);

    private final IReplyCallback callback;
    protected final DiscordRenderer renderer;
    protected final ErrorBoundary errors;
    protected final String what;

    /** @param what names the interaction in log lines, e.g. "/search" */
    JdaResponder(IReplyCallback callback, DiscordRenderer renderer, ErrorBoundary errors, String what) {
        this.callback = callback;
        this.renderer = renderer;
        this.errors = errors;
        this.what = what;
    }

    @Override
    public Optional<Instant> createdAt() {
        return Optional.of(callback.getTimeCreated().toInstant());
    }

    @Override
    public void reply(Reply reply) {
        send("reply", reply, r -> renderer.reply(callback, r)
                .queue(null, failure -> DiscordFailures.log(what + " reply", failure)));
    }

    @Override
    public void defer(boolean ephemeral) {
        callback.deferReply(ephemeral).queue(null, failure -> DiscordFailures.log(what + " defer", failure));
    }

    @Override
    public void editOriginal(Reply reply) {
        send("edit", reply, r -> callback.getHook()
                .editOriginal(renderer.edit(r))
                .queue(null, failure -> DiscordFailures.log(what + " edit", failure)));
    }

    @Override
    public void replaceWithPrivate(Reply reply) {
        callback.getHook().deleteOriginal().queue(deleted -> followUp(reply), failure -> {
            DiscordFailures.log(what + " delete deferred answer", failure);
            followUp(reply);
        });
    }

    @Override
    public void followUp(Reply reply) {
        send("follow-up", reply, r -> renderer.followUp(callback.getHook(), r)
                .queue(null, failure -> DiscordFailures.log(what + " follow-up", failure)));
    }

    /**
     * Sends {@code reply}; should building the message fail (a renderer defect), the user still gets
     * the apology with a reference id through the same path. Once JDA has shut down it takes no more
     * requests: the answer is dropped with a warning rather than killing the worker thread.
     */
    protected void send(String step, Reply reply, Consumer<Reply> sender) {
        try {
            sender.accept(reply);
        } catch (RejectedExecutionException e) {
            LOG.warn("{} {} dropped: the Discord connection is already shut down", what, step);
        } catch (RuntimeException e) {
            sender.accept(Reply.notice(errors.apology(what + " " + step, e)));
        }
    }
}
