package org.citebot.discord;

import java.time.Instant;
import java.util.Optional;
import org.citebot.reply.Reply;

/**
 * The ways citebot can answer one slash or message-menu interaction. {@link InteractionListener}
 * implements it over JDA; tests implement it to record what would be sent.
 */
interface Responder {

    /**
     * When Discord created the interaction, which starts its 3 seconds; empty when unknown. The
     * time the event spent reaching citebot comes off the quick window.
     */
    default Optional<Instant> createdAt() {
        return Optional.empty();
    }

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
