package org.citebot.reply;

import java.util.List;
import java.util.Optional;

/**
 * What a command answers, independent of where it is shown: an optional line of text, cards and
 * actions, and whether only the asking user sees it. Commands build these; the Discord renderer and
 * the console's text renderer turn them into messages.
 */
public record Reply(Optional<StyledText> text, List<ReplyCard> cards, List<ReplyAction> actions, boolean ephemeral) {

    public Reply {
        cards = List.copyOf(cards);
        actions = List.copyOf(actions);
    }

    /** A private reply of one line, e.g. an error or a refusal. */
    public static Reply notice(String text) {
        return new Reply(Optional.of(StyledText.plain(text)), List.of(), List.of(), true);
    }

    /** A private reply of one styled line. */
    public static Reply notice(StyledText text) {
        return new Reply(Optional.of(text), List.of(), List.of(), true);
    }

    public Reply withEphemeral(boolean value) {
        return new Reply(text, cards, actions, value);
    }

    public Reply withActions(List<ReplyAction> value) {
        return new Reply(text, cards, value, ephemeral);
    }
}
