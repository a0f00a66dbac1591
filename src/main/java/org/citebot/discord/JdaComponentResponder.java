package org.citebot.discord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.interactions.components.ComponentInteraction;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.UserFacingException;
import org.citebot.reply.Reply;

/** Answers one button press through JDA: edits the message the button is on, or posts in its channel. */
final class JdaComponentResponder extends JdaResponder implements ComponentResponder {

    private final ComponentInteraction interaction;

    JdaComponentResponder(
            ComponentInteraction interaction, DiscordRenderer renderer, ErrorBoundary errors, String what) {
        super(interaction, renderer, errors, what);
        this.interaction = interaction;
    }

    @Override
    public void update(Reply reply) {
        send("update", reply, r -> interaction
                .editMessage(renderer.edit(r))
                .queue(null, failure -> DiscordFailures.log(what + " update", failure)));
    }

    @Override
    public void deferUpdate() {
        interaction.deferEdit().queue(null, failure -> DiscordFailures.log(what + " defer", failure));
    }

    @Override
    public CompletionStage<Void> postInChannel(Reply reply) {
        CompletableFuture<Void> posted = new CompletableFuture<>();
        try {
            interaction
                    .getChannel()
                    .sendMessage(renderer.create(reply))
                    .queue(
                            message -> posted.complete(null),
                            failure -> posted.completeExceptionally(refusalOr(failure)));
        } catch (RuntimeException e) {
            // JDA checks the bot's permissions locally and throws before sending anything.
            posted.completeExceptionally(refusalOr(e));
        }
        return posted;
    }

    private Throwable refusalOr(Throwable failure) {
        DiscordFailures.log(what + " post in channel", failure);
        return DiscordFailures.postRefusal(failure)
                .<Throwable>map(UserFacingException::new)
                .orElse(failure);
    }
}
