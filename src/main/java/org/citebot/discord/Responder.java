package org.citebot.discord;

import org.citebot.reply.Reply;

/**
 * The ways citebot can answer one slash or message-menu interaction. {@link InteractionListener}
 * implements it over JDA; tests implement it to record what would be sent.
 */
interface Responder {

    /** The first answer: a new message, private when the reply is. */
    void reply(Reply reply);

    /** The first answer when the real one is not ready: "citebot is thinking…", privacy fixed now. */
    void defer(boolean ephemeral);

    /** Replaces the deferred (or first) answer. */
    void editOriginal(Reply reply);

    /** Removes the public deferred answer and sends {@code reply} privately instead. */
    void replaceWithPrivate(Reply reply);

    /** A further message after the first answer, private when the reply is. */
    void followUp(Reply reply);
}
