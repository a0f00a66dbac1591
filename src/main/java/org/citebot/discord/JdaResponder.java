package org.citebot.discord;

import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.citebot.reply.Reply;

/** Answers one slash or message-menu interaction through JDA, with every message built by the renderer. */
class JdaResponder implements Responder {

    private final IReplyCallback callback;
    protected final DiscordRenderer renderer;
    protected final String what;

    /** @param what names the interaction in log lines, e.g. "/search" */
    JdaResponder(IReplyCallback callback, DiscordRenderer renderer, String what) {
        this.callback = callback;
        this.renderer = renderer;
        this.what = what;
    }

    @Override
    public void reply(Reply reply) {
        renderer.reply(callback, reply).queue(null, failure -> DiscordFailures.log(what + " reply", failure));
    }

    @Override
    public void defer(boolean ephemeral) {
        callback.deferReply(ephemeral).queue(null, failure -> DiscordFailures.log(what + " defer", failure));
    }

    @Override
    public void editOriginal(Reply reply) {
        callback.getHook().editOriginal(renderer.edit(reply))
                .queue(null, failure -> DiscordFailures.log(what + " edit", failure));
    }

    @Override
    public void replaceWithPrivate(Reply reply) {
        callback.getHook().deleteOriginal().queue(
                deleted -> followUp(reply),
                failure -> {
                    DiscordFailures.log(what + " delete deferred answer", failure);
                    followUp(reply);
                });
    }

    @Override
    public void followUp(Reply reply) {
        renderer.followUp(callback.getHook(), reply).queue(null, failure -> DiscordFailures.log(what + " follow-up", failure));
    }
}
