package org.citebot.discord;

import java.util.concurrent.CompletionStage;
import org.citebot.reply.Reply;

/** The further ways to answer a button press: change the message the button is on, or post in its channel. */
interface ComponentResponder extends Responder {

    /** The first answer: replace the message the button is on. */
    void update(Reply reply);

    /** The first answer when the real one is not ready: nothing visible changes yet. */
    void deferUpdate();

    /**
     * Posts {@code reply} as a normal message in the button's channel. Fails with a {@link
     * org.citebot.command.UserFacingException} when citebot may not post there.
     */
    CompletionStage<Void> postInChannel(Reply reply);
}
