package org.citebot.discord;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageCreateAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;

/**
 * The one place that turns a platform-neutral {@link Reply} into what JDA sends, and so the one
 * place that fits Discord's limits: content, embed and field lengths, the 6000 characters shared by
 * all embeds of a message (descriptions shrink fairly, cards are kept), button counts, labels and
 * ids, link URLs, duplicate embed URLs, autocomplete choices. Nothing it builds can mention anyone.
 */
public final class DiscordRenderer {

    static final int MAX_CONTENT = Message.MAX_CONTENT_LENGTH;
    static final int MAX_EMBEDS = Message.MAX_EMBED_COUNT;
    static final int MAX_EMBED_TOTAL = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    static final int MAX_TITLE = MessageEmbed.TITLE_MAX_LENGTH;
    static final int MAX_DESCRIPTION = MessageEmbed.DESCRIPTION_MAX_LENGTH;
    static final int MAX_FIELDS = MessageEmbed.MAX_FIELD_AMOUNT;
    static final int MAX_FIELD_NAME = MessageEmbed.TITLE_MAX_LENGTH;
    static final int MAX_FIELD_VALUE = MessageEmbed.VALUE_MAX_LENGTH;
    static final int MAX_FOOTER = MessageEmbed.TEXT_MAX_LENGTH;
    static final int MAX_EMBED_URL = MessageEmbed.URL_MAX_LENGTH;
    static final int MAX_ROWS = Message.MAX_COMPONENT_COUNT;
    static final int MAX_BUTTONS_PER_ROW = 5;
    static final int MAX_LABEL = Button.LABEL_MAX_LENGTH;
    static final int MAX_LINK_URL = Button.URL_MAX_LENGTH;
    static final int MAX_CHOICES = 25;
    static final int MAX_CHOICE = 100;

    /** Shown when a reply has nothing Discord could display, which Discord would refuse. */
    static final String EMPTY_REPLY = "(no answer)";

    static final String UNTITLED = "Untitled";
    static final String FOOTER_SEPARATOR = " · ";

    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    /** A reply as JDA parts, every one within its limit. */
    record Layout(String content, List<MessageEmbed> embeds, List<ActionRow> rows) {}

    /** The reply as a new message: an interaction reply, a follow-up or a channel message. */
    public MessageCreateData create(Reply reply) {
        Layout layout = layout(reply);
        return new MessageCreateBuilder()
                .setContent(layout.content())
                .setEmbeds(layout.embeds())
                .setComponents(layout.rows())
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /**
     * As {@link #create(Reply)}, ending with {@code marker} on a small line of its own ({@code -#}
     * subtext) that lets the bot recognise the message later; see {@link #markerLine}.
     *
     * @param marker letters and digits only (a digest's nonce), so it needs no escaping
     */
    public MessageCreateData create(Reply reply, String marker) {
        String line = markerLine(marker);
        Layout layout = layout(reply, MAX_CONTENT - line.length() - 1);
        String content = layout.content().equals(EMPTY_REPLY) ? "" : layout.content();
        return new MessageCreateBuilder()
                .setContent(content.isBlank() ? line : content + "\n" + line)
                .setEmbeds(layout.embeds())
                .setComponents(layout.rows())
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** The last line of a message created with {@code marker}: how that message is found again. */
    static String markerLine(String marker) {
        if (!marker.matches("[A-Za-z0-9]{1,25}")) {
            throw new IllegalArgumentException("a marker is 1-25 letters and digits: " + marker);
        }
        return "-# ref " + marker;
    }

    /**
     * The reply as an edit that replaces everything the message showed. Mentions are set explicitly
     * because JDA only sends {@code allowed_mentions} on an edit when the edit sets it.
     */
    public MessageEditData edit(Reply reply) {
        Layout layout = layout(reply);
        return new MessageEditBuilder()
                .setContent(layout.content())
                .setEmbeds(layout.embeds())
                .setComponents(layout.rows())
                .setAllowedMentions(NO_MENTIONS)
                .mentionRepliedUser(false)
                .build();
    }

    /** The first answer to an interaction, private when the reply is. */
    public ReplyCallbackAction reply(IReplyCallback callback, Reply reply) {
        return callback.reply(create(reply)).setEphemeral(reply.ephemeral());
    }

    /** A further message after an interaction was answered or deferred, private when the reply is. */
    public WebhookMessageCreateAction<Message> followUp(InteractionHook hook, Reply reply) {
        return hook.sendMessage(create(reply)).setEphemeral(reply.ephemeral());
    }

    /** Autocomplete choices as Discord takes them: at most 25, names and values of 1-100 characters. */
    public List<Command.Choice> choices(List<Choice> choices) {
        List<Command.Choice> out = new ArrayList<>();
        for (Choice choice : choices) {
            if (out.size() == MAX_CHOICES) {
                break;
            }
            String name = shrinkPlain(DiscordMarkdown.clean(choice.name()).strip(), MAX_CHOICE);
            String value = hardCut(choice.value(), MAX_CHOICE);
            if (!name.isEmpty() && !value.isEmpty()) {
                out.add(new Command.Choice(name, value));
            }
        }
        return out;
    }

    /** Lays out {@code reply} within every limit. */
    Layout layout(Reply reply) {
        return layout(reply, MAX_CONTENT);
    }

    /** As {@link #layout(Reply)}, with the message text kept to {@code maxContent} characters. */
    private Layout layout(Reply reply, int maxContent) {
        List<ReplyCard> cards = reply.cards();
        List<ReplyCard> shown = cards.subList(0, Math.min(cards.size(), MAX_EMBEDS));
        String content = reply.text().map(text -> fit(text, maxContent)).orElse("");
        if (cards.size() > shown.size()) {
            String more = "(" + (cards.size() - shown.size()) + " more not shown)";
            String kept = reply.text()
                    .map(text -> fit(text, maxContent - more.length() - 1))
                    .orElse("");
            content = kept.isBlank() ? more : kept + "\n" + more;
        }
        List<MessageEmbed> embeds = embeds(shown);
        List<ActionRow> rows = rows(reply.actions());
        if (content.isBlank() && embeds.isEmpty() && rows.isEmpty()) {
            content = EMPTY_REPLY;
        }
        return new Layout(content, embeds, rows);
    }

    // ---- embeds

    /**
     * One card before it is fitted into the message's budget: the link it keeps and the rendered
     * length each text part wants (title, description, each field's name and value, footer), each
     * capped by its own limit.
     */
    private record Draft(ReplyCard card, Optional<String> url, int[] parts) {

        int wanted() {
            return IntStream.of(parts).sum();
        }
    }

    private static List<MessageEmbed> embeds(List<ReplyCard> cards) {
        Set<String> usedUrls = new HashSet<>();
        List<Draft> drafts = new ArrayList<>();
        for (ReplyCard card : cards) {
            // Discord collapses embeds that share a URL into the first one; later ones lose the link.
            Optional<String> url =
                    card.link().flatMap(DiscordRenderer::embedUrl).filter(usedUrls::add);
            drafts.add(new Draft(card, url, wantedLengths(card)));
        }
        int[] perEmbed = fairShares(drafts.stream().mapToInt(Draft::wanted).toArray(), MAX_EMBED_TOTAL);
        List<MessageEmbed> embeds = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            embeds.add(embed(drafts.get(i), perEmbed[i]));
        }
        return embeds;
    }

    private static int[] wantedLengths(ReplyCard card) {
        List<ReplyCard.CardField> fields = fields(card);
        int[] wanted = new int[3 + 2 * fields.size()];
        int at = 0;
        wanted[at++] = Math.min(MAX_TITLE, DiscordMarkdown.escape(title(card)).length());
        wanted[at++] = Math.min(
                MAX_DESCRIPTION, DiscordMarkdown.render(card.body()).strip().length());
        for (ReplyCard.CardField field : fields) {
            wanted[at++] = Math.min(
                    MAX_FIELD_NAME,
                    nonEmpty(DiscordMarkdown.escape(field.name().strip())).length());
            wanted[at++] = Math.min(
                    MAX_FIELD_VALUE,
                    nonEmpty(DiscordMarkdown.escape(field.value().strip())).length());
        }
        wanted[at] = Math.min(MAX_FOOTER, footer(card).length());
        return wanted;
    }

    private static MessageEmbed embed(Draft draft, int budget) {
        ReplyCard card = draft.card();
        int[] allowed = fairShares(draft.parts(), budget);
        EmbedBuilder embed = new EmbedBuilder();
        int at = 0;
        embed.setTitle(
                nonEmpty(shrinkEscaped(title(card), allowed[at++])), draft.url().orElse(null));
        String description = fit(card.body(), allowed[at++]);
        if (!description.isBlank()) {
            embed.setDescription(description);
        }
        for (ReplyCard.CardField field : fields(card)) {
            String name =
                    nonEmpty(shrinkEscaped(DiscordMarkdown.clean(field.name()).strip(), allowed[at++]));
            String value =
                    nonEmpty(shrinkEscaped(DiscordMarkdown.clean(field.value()).strip(), allowed[at++]));
            embed.addField(name, value, field.inline());
        }
        String footer = shrinkPlain(footer(card), allowed[at]);
        if (!footer.isBlank()) {
            embed.setFooter(footer);
        }
        return embed.build();
    }

    private static String title(ReplyCard card) {
        String title =
                DiscordMarkdown.clean(card.title()).replaceAll("\\s+", " ").strip();
        return title.isEmpty() ? UNTITLED : title;
    }

    private static List<ReplyCard.CardField> fields(ReplyCard card) {
        return card.fields().subList(0, Math.min(card.fields().size(), MAX_FIELDS));
    }

    /** Footers show text as it is (no markdown), so they are cleaned but not escaped. */
    private static String footer(ReplyCard card) {
        List<String> parts = new ArrayList<>();
        for (String part : card.footer()) {
            String cleaned = DiscordMarkdown.clean(part).replaceAll("\\s+", " ").strip();
            if (!cleaned.isEmpty()) {
                parts.add(cleaned);
            }
        }
        return String.join(FOOTER_SEPARATOR, parts);
    }

    private static Optional<String> embedUrl(URI uri) {
        return httpUrl(uri, MAX_EMBED_URL);
    }

    /** {@code uri} as an absolute http(s) URL of at most {@code max} characters, else empty. */
    private static Optional<String> httpUrl(URI uri, int max) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String url = uri.toASCIIString();
        boolean valid = (scheme.equals("http") || scheme.equals("https"))
                && uri.getHost() != null
                && url.length() <= max
                && url.chars().noneMatch(c -> c <= ' ');
        return valid ? Optional.of(url) : Optional.empty();
    }

    // ---- buttons

    private static List<ActionRow> rows(List<ReplyAction> actions) {
        List<Button> buttons = new ArrayList<>();
        Set<String> usedIds = new HashSet<>();
        for (ReplyAction action : actions) {
            if (buttons.size() == MAX_ROWS * MAX_BUTTONS_PER_ROW) {
                break;
            }
            if (action instanceof ReplyAction.Button button) {
                // Discord refuses a message whose components share a custom id.
                if (usedIds.add(button.actionId())) {
                    ButtonStyle style = button.primary() ? ButtonStyle.PRIMARY : ButtonStyle.SECONDARY;
                    buttons.add(Button.of(style, button.actionId(), label(button.label()))
                            .withDisabled(!button.enabled()));
                }
            } else if (action instanceof ReplyAction.Link link) {
                httpUrl(link.url(), MAX_LINK_URL).ifPresent(url -> buttons.add(Button.link(url, label(link.label()))));
            }
        }
        List<ActionRow> rows = new ArrayList<>();
        for (int from = 0; from < buttons.size(); from += MAX_BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(from, Math.min(buttons.size(), from + MAX_BUTTONS_PER_ROW))));
        }
        return rows;
    }

    private static String label(String label) {
        String cleaned = DiscordMarkdown.clean(label).replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? "…" : shrinkPlain(cleaned, MAX_LABEL);
    }

    // ---- fitting text

    /**
     * {@code text} rendered as markdown in at most {@code max} characters, after escaping: cut at a
     * sentence or word boundary around its first match, shorter each round until the escaped form fits.
     */
    static String fit(StyledText text, int max) {
        int budget = max;
        while (true) {
            String rendered =
                    DiscordMarkdown.render(text.excerpt(Math.max(0, budget))).strip();
            if (rendered.length() <= max) {
                return rendered;
            }
            // Escaping lengthens text unevenly; shrink in proportion, and always by at least one.
            budget = Math.min(budget - 1, (int) ((long) budget * max / rendered.length()));
        }
    }

    /** Plain {@code text}, escaped, in at most {@code max} characters, cut like {@link #shrinkPlain}. */
    private static String shrinkEscaped(String text, int max) {
        int budget = max;
        while (true) {
            String escaped = DiscordMarkdown.escape(shrinkPlain(text, budget));
            if (escaped.length() <= max) {
                return escaped;
            }
            budget = Math.min(budget - 1, (int) ((long) budget * max / escaped.length()));
        }
    }

    /**
     * Text shown without markdown (labels, footers, choice names) in at most {@code max} characters:
     * cut at a space near the end with "…", or inside a long word rather than losing most of it.
     */
    static String shrinkPlain(String text, int max) {
        String cleaned = DiscordMarkdown.clean(text).strip();
        if (cleaned.length() <= max) {
            return cleaned;
        }
        if (max <= 0) {
            return "";
        }
        int limit = max - StyledText.ELLIPSIS.length();
        int cut = limit;
        for (int i = limit; i > limit / 2; i--) {
            if (Character.isWhitespace(cleaned.charAt(i))) {
                cut = i;
                break;
            }
        }
        if (cut > 0 && Character.isHighSurrogate(cleaned.charAt(cut - 1))) {
            cut--;
        }
        return cleaned.substring(0, cut).strip() + StyledText.ELLIPSIS;
    }

    private static String hardCut(String text, int max) {
        String cleaned = DiscordMarkdown.clean(text);
        if (cleaned.length() <= max) {
            return cleaned;
        }
        int end = Character.isHighSurrogate(cleaned.charAt(max - 1)) ? max - 1 : max;
        return cleaned.substring(0, end);
    }

    /** Discord refuses empty field names and values. */
    private static String nonEmpty(String text) {
        return text.isBlank() ? "—" : text;
    }

    /**
     * Shares of {@code total} for parts wanting {@code wanted}: everyone gets what they want when
     * it all fits; otherwise the small ones are served whole and the large ones get equal shares of
     * the rest (water-filling), so one long passage cannot starve the others.
     */
    static int[] fairShares(int[] wanted, int total) {
        int[] shares = wanted.clone();
        long sum = 0;
        for (int w : wanted) {
            sum += w;
        }
        if (sum <= total) {
            return shares;
        }
        Integer[] order = new Integer[wanted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(wanted[a], wanted[b]));
        int remaining = total;
        for (int k = 0; k < order.length; k++) {
            int left = order.length - k;
            int even = remaining / left;
            int i = order[k];
            shares[i] = Math.min(wanted[i], even);
            remaining -= shares[i];
        }
        return shares;
    }
}
