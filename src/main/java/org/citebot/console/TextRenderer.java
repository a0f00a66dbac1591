package org.citebot.console;

import java.util.List;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.search.HighlightSpan;

/**
 * Renders replies as readable terminal text with the same content Discord shows: cards become
 * numbered blocks, bold becomes ANSI bold (or {@code **…**} when output is not a terminal), and
 * buttons are listed with the word that presses them. Control characters are never printed, so
 * corpus text or a query cannot drive the terminal.
 */
public final class TextRenderer {

    private static final String ANSI_BOLD = "\u001b[1m";
    private static final String ANSI_RESET = "\u001b[0m";

    private final boolean ansi;

    /** @param ansi use ANSI bold; otherwise markdown-style {@code **bold**} */
    public TextRenderer(boolean ansi) {
        this.ansi = ansi;
    }

    public String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.ephemeral()) {
            out.append("(only you can see this)\n");
        }
        reply.text().ifPresent(text -> out.append(styled(text)).append('\n'));
        int position = 0;
        for (ReplyCard card : reply.cards()) {
            position++;
            out.append('\n')
                    .append('[')
                    .append(card.number().orElse(position))
                    .append("] ")
                    .append(bold(clean(card.title())))
                    .append('\n');
            card.link()
                    .ifPresent(link ->
                            out.append("    ").append(link.toASCIIString()).append('\n'));
            if (!card.body().isEmpty()) {
                out.append(indent(styled(card.body()))).append('\n');
            }
            for (ReplyCard.CardField field : card.fields()) {
                out.append("    ")
                        .append(clean(field.name()))
                        .append(": ")
                        .append(clean(field.value()))
                        .append('\n');
            }
            if (!card.footer().isEmpty()) {
                out.append("    ")
                        .append(clean(String.join(" · ", card.footer())))
                        .append('\n');
            }
        }
        String actions = actions(reply.actions());
        if (!actions.isEmpty()) {
            out.append('\n').append(actions).append('\n');
        }
        return out.toString();
    }

    /** The word that presses a button in the console: the first word of its label, lower case. */
    public static String keyword(ReplyAction.Button button) {
        for (String word : button.label().split("\\s+")) {
            String letters = word.replaceAll("[^\\p{L}]", "");
            if (!letters.isEmpty()) {
                return letters.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return button.actionId();
    }

    /** {@code text} as printed: bold spans marked, control characters removed. */
    public String styled(StyledText text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (HighlightSpan span : text.bold()) {
            out.append(clean(text.text().substring(at, span.start())));
            out.append(bold(clean(text.text().substring(span.start(), span.end()))));
            at = span.end();
        }
        out.append(clean(text.text().substring(at)));
        return out.toString();
    }

    private String actions(List<ReplyAction> actions) {
        StringBuilder out = new StringBuilder();
        for (ReplyAction action : actions) {
            if (out.length() > 0) {
                out.append("  ");
            }
            if (action instanceof ReplyAction.Button button) {
                if (button.enabled()) {
                    out.append('[')
                            .append(clean(button.label()))
                            .append(": type ")
                            .append(keyword(button))
                            .append(']');
                }
            } else if (action instanceof ReplyAction.Link link) {
                out.append(clean(link.label())).append(": ").append(link.url().toASCIIString());
            }
        }
        return out.toString().strip();
    }

    private String bold(String text) {
        if (text.isBlank()) {
            return text;
        }
        return ansi ? ANSI_BOLD + text + ANSI_RESET : "**" + text + "**";
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }

    /** Removes control and format-override characters except line breaks and tabs. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t') {
                out.appendCodePoint(cp);
            } else if (!Character.isISOControl(cp) && !isBidiOverride(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isBidiOverride(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
