package org.citebot.reply;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One boxed item of a reply: a cited passage, a document in a source list, a status panel. The
 * Discord renderer makes it an embed; the console prints it as a block.
 *
 * @param link where the title points (a passage's deep link); unique within one reply
 * @param footer short facts joined with " · " (publisher, author, date, section, ¶n)
 * @param number what text front ends number the card, e.g. a search hit's rank across pages, so page
 *     two continues from [6]; empty: its position in the reply
 */
public record ReplyCard(
        String title,
        Optional<URI> link,
        StyledText body,
        List<CardField> fields,
        List<String> footer,
        OptionalInt number) {

    public ReplyCard {
        fields = List.copyOf(fields);
        footer = List.copyOf(footer);
    }

    /** A card numbered by its position in the reply. */
    public ReplyCard(String title, Optional<URI> link, StyledText body, List<CardField> fields, List<String> footer) {
        this(title, link, body, fields, footer, OptionalInt.empty());
    }

    /** A labelled value shown in a card (e.g. "Passages: 42"). */
    public record CardField(String name, String value, boolean inline) {}
}
