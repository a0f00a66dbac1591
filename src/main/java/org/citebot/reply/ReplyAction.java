package org.citebot.reply;

import java.net.URI;

/**
 * Something the user can do with a reply: press a button the bot handles, or follow a link. The
 * Discord renderer makes buttons; the console lists them with the word to type.
 */
public sealed interface ReplyAction {

    String label();

    /**
     * A button the bot handles. {@code actionId} is at most {@link #MAX_ACTION_ID} characters and
     * names the handler and its state, e.g. {@code search:page:k3x9q2:2}.
     */
    record Button(String label, String actionId, boolean enabled, boolean primary) implements ReplyAction {

        public static final int MAX_ACTION_ID = 100;

        public Button {
            if (actionId.isEmpty() || actionId.length() > MAX_ACTION_ID) {
                throw new IllegalArgumentException("action id must be 1.." + MAX_ACTION_ID + " chars: " + actionId);
            }
        }
    }

    /** A link to a page outside Discord, such as the source document. */
    record Link(String label, URI url) implements ReplyAction {}
}
