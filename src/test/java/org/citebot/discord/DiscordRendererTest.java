package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.search.HighlightSpan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DiscordRenderer keeps every reply within Discord's limits")
class DiscordRendererTest {

    private static final String MARKDOWN_HEAVY =
            "**bold** __u__ *i* ~~s~~ `c` ||spoiler|| [link](https://evil.example) "
                    + "> quote\n# heading\n- list\n1. one\n@everyone @here <@&123> <@456> <#789> \u202Eevil\u202C "
                    + "zero\u200Bwidth \u200F rtl עברית العربية 😀👍🏽👨‍👩‍👧 \\backslash ";

    private final DiscordRenderer renderer = new DiscordRenderer();

    @Test
    void fiftyCardsOfTenThousandCharacters_tenEmbedsSharingSixThousandFairly() {
        List<ReplyCard> cards = IntStream.range(0, 50)
                .mapToObj(i -> card("Passage " + i, "https://example.org/doc#p" + i, longPassage(10_000, i)))
                .toList();

        JsonNode json =
                DiscordJson.json(renderer.create(reply(Optional.of(StyledText.plain("Header")), cards, List.of())));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.get("embeds")).hasSize(10);
        assertThat(json.get("content").asText()).isEqualTo("Header\n(40 more not shown)");
        List<Integer> lengths = new ArrayList<>();
        json.get("embeds")
                .forEach(embed -> lengths.add(embed.get("description").asText().length()));
        // Fair: every description gets a real share and none takes much more than another.
        assertThat(lengths).allSatisfy(length -> assertThat(length).isGreaterThan(350));
        assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElseThrow()
                        - lengths.stream().mapToInt(Integer::intValue).min().orElseThrow())
                .isLessThan(120);
        assertThat(json.get("embeds").get(0).get("description").asText()).endsWith("…");
    }

    @Test
    void shortAndLongCards_shortOnesKeptWholeLongOnesShrunk() {
        List<ReplyCard> cards = List.of(
                card("Short", "https://example.org/a", StyledText.plain("A short passage.")),
                card("Long", "https://example.org/b", longPassage(10_000, 1)),
                card("Long too", "https://example.org/c", longPassage(10_000, 2)));

        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.empty(), cards, List.of())));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.at("/embeds/0/description").asText()).isEqualTo("A short passage.");
        assertThat(json.at("/embeds/1/description").asText())
                .hasSizeGreaterThan(2000)
                .hasSizeLessThanOrEqualTo(4096);
    }

    @Test
    void oneHugeCard_descriptionCutTo4096AfterEscaping() {
        String stars = "*_`".repeat(5_000);
        JsonNode json = DiscordJson.json(renderer.create(reply(
                Optional.empty(),
                List.of(card("Stars", "https://example.org/s", StyledText.plain(stars))),
                List.of())));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.at("/embeds/0/description").asText())
                .hasSizeGreaterThan(3000)
                .startsWith("\\*\\_\\`");
    }

    @Test
    void strangeTitlesFootersAndFields_eachWithinItsLimit() {
        List<ReplyCard.CardField> fields = IntStream.range(0, 40)
                .mapToObj(i -> new ReplyCard.CardField(
                        "name " + i + " " + "n".repeat(300), MARKDOWN_HEAVY.repeat(30), i % 2 == 0))
                .toList();
        ReplyCard card = new ReplyCard(
                "T" + MARKDOWN_HEAVY.repeat(20),
                Optional.of(URI.create("https://example.org/t")),
                StyledText.plain(MARKDOWN_HEAVY.repeat(100)),
                fields,
                List.of("F".repeat(3000), "second"));

        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.empty(), List.of(card), List.of())));

        DiscordJson.assertWithinLimits(json);
        JsonNode embed = json.at("/embeds/0");
        assertThat(embed.get("fields")).hasSize(25);
        assertThat(embed.at("/footer/text").asText()).startsWith("FFF").endsWith("…");
        assertThat(embed.get("title").asText()).startsWith("T\\*\\*bold\\*\\*");
    }

    @Test
    void singleCardWithBigParts_titleFooterAndFieldsAtTheirOwnLimits() {
        ReplyCard card = new ReplyCard(
                "x".repeat(1000),
                Optional.empty(),
                StyledText.plain("short"),
                List.of(new ReplyCard.CardField("n", "v".repeat(5000), false)),
                List.of("f ".repeat(3000)));

        JsonNode embed = DiscordJson.json(renderer.create(reply(Optional.empty(), List.of(card), List.of())))
                .at("/embeds/0");

        assertThat(embed.get("title").asText()).hasSize(256).endsWith("…");
        assertThat(embed.at("/fields/0/value").asText()).hasSizeBetween(1000, 1024);
        assertThat(embed.at("/footer/text").asText()).hasSizeBetween(2000, 2048);
    }

    @Test
    void titleWithOneHugeWord_cutInsideTheWordRatherThanLosingIt() {
        ReplyCard card = new ReplyCard(
                "A " + "x".repeat(1000) + " b", Optional.empty(), StyledText.plain("body"), List.of(), List.of());

        JsonNode embed = DiscordJson.json(renderer.create(reply(Optional.empty(), List.of(card), List.of())))
                .at("/embeds/0");

        assertThat(embed.get("title").asText()).hasSize(256).startsWith("A xxx").endsWith("x…");
    }

    @Test
    void content_tenThousandCharactersWithMentionsAndRtl_fitsAndPingsNoOne() {
        StyledText text = new StyledText(MARKDOWN_HEAVY.repeat(60), List.of(new HighlightSpan(0, 8)));

        MessageCreateData data = renderer.create(reply(Optional.of(text), List.of(), List.of()));
        JsonNode json = DiscordJson.json(data);

        DiscordJson.assertWithinLimits(json);
        String content = json.get("content").asText();
        assertThat(content)
                .hasSizeGreaterThan(1500)
                .startsWith("**\\*\\*bold\\*\\***")
                .doesNotContain("\u202E")
                .contains(
                        "@\u200Beveryone",
                        "\\<@&123\\>",
                        "\\[link\\]\\(https://evil.example\\)",
                        "\n\\# heading",
                        "\n\\- list");
        assertThat(data.getAllowedMentions()).isEmpty();
    }

    @Test
    void emojiAtEveryCutPoint_neverSplit() {
        for (int pad = 0; pad < 8; pad++) {
            String text = "a".repeat(pad) + "😀👨‍👩‍👧".repeat(2000);
            JsonNode json = DiscordJson.json(renderer.create(reply(
                    Optional.of(StyledText.plain(text)),
                    List.of(card("😀".repeat(200), "https://example.org/e", StyledText.plain(text))),
                    List.of())));
            DiscordJson.assertWithinLimits(json);
        }
    }

    @Test
    void duplicateUrls_laterEmbedsLoseTheirLinkNotTheirContent() {
        List<ReplyCard> cards = List.of(
                card("One", "https://example.org/same", StyledText.plain("first")),
                card("Two", "https://example.org/same", StyledText.plain("second")),
                card("Three", "https://example.org/other", StyledText.plain("third")));

        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.empty(), cards, List.of())));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.at("/embeds/0/url").asText()).isEqualTo("https://example.org/same");
        assertThat(json.at("/embeds/1").has("url")).isFalse();
        assertThat(json.at("/embeds/1/description").asText()).isEqualTo("second");
        assertThat(json.at("/embeds/2/url").asText()).isEqualTo("https://example.org/other");
    }

    @Test
    void invalidLinks_droppedFromEmbedsAndButtons() {
        List<ReplyCard> cards = List.of(
                card("Js", "javascript:alert(1)", StyledText.plain("x")),
                card("Ftp", "ftp://example.org/x", StyledText.plain("y")));
        List<ReplyAction> actions = List.of(
                new ReplyAction.Link("Long", URI.create("https://example.org/" + "a".repeat(600))),
                new ReplyAction.Link("Relative", URI.create("/relative")),
                new ReplyAction.Link("Good", URI.create("https://example.org/ok")));

        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.empty(), cards, actions)));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.at("/embeds/0").has("url")).isFalse();
        assertThat(json.at("/embeds/1").has("url")).isFalse();
        assertThat(json.at("/components/0/components"))
                .singleElement()
                .satisfies(button -> assertThat(button.get("url").asText()).isEqualTo("https://example.org/ok"));
    }

    @Test
    void thirtyButtonsWithLongLabelsAndDuplicateIds_fiveRowsOfFiveUniqueIds() {
        List<ReplyAction> actions = new ArrayList<>();
        actions.add(new ReplyAction.Button("dup", "x:1", true, false));
        actions.add(new ReplyAction.Button("dup again", "x:1", true, false));
        for (int i = 0; i < 30; i++) {
            actions.add(new ReplyAction.Button(
                    i + " " + "L".repeat(200) + " @everyone", "x:" + "i".repeat(90) + i, i % 3 != 0, i == 0));
        }

        JsonNode json =
                DiscordJson.json(renderer.create(reply(Optional.of(StyledText.plain("pick")), List.of(), actions)));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.get("components")).hasSize(5);
        assertThat(json.at("/components/0/components/0/label").asText()).isEqualTo("dup");
        assertThat(json.at("/components/0/components/1/label").asText())
                .hasSize(80)
                .endsWith("…");
        assertThat(json.at("/components/0/components/1/disabled").asBoolean()).isTrue();
        assertThat(json.at("/components/0/components/1/style").asInt()).isEqualTo(1);
        assertThat(json.at("/components/0/components/2/style").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "a marked message ends with its marker line, even when the text fills the message, and mentions no one")
    void create_withMarker_lastLineIsTheMarkerWithinTheLimit() {
        StyledText full = new StyledText(MARKDOWN_HEAVY.repeat(60), List.of());

        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.of(full), List.of(), List.of()), "dgabc123"));
        JsonNode onlyMarker =
                DiscordJson.json(renderer.create(reply(Optional.empty(), List.of(), List.of()), "dgabc123"));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.get("content").asText()).hasSizeGreaterThan(1500).endsWith("\n-# ref dgabc123");
        assertThat(json.at("/allowed_mentions/parse")).isEmpty();
        assertThat(onlyMarker.get("content").asText()).isEqualTo("-# ref dgabc123");
    }

    @Test
    void emptyReply_stillAValidMessage() {
        JsonNode json = DiscordJson.json(renderer.create(reply(Optional.empty(), List.of(), List.of())));

        assertThat(json.get("content").asText()).isEqualTo(DiscordRenderer.EMPTY_REPLY);
    }

    @Test
    void edit_replacesEverythingAndSetsAllowedMentionsExplicitly() {
        JsonNode json = DiscordJson.json(renderer.edit(reply(
                Optional.of(StyledText.plain("@everyone hi")),
                List.of(card("One", "https://example.org/1", StyledText.plain("x"))),
                List.of())));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.get("content").asText()).isEqualTo("@\u200Beveryone hi");
        assertThat(json.has("components")).isTrue();
        assertThat(json.has("allowed_mentions")).isTrue();
    }

    @Test
    void edit_noTextClearsContent() {
        JsonNode json = DiscordJson.json(renderer.edit(reply(
                Optional.empty(), List.of(card("One", "https://example.org/1", StyledText.plain("x"))), List.of())));

        assertThat(json.get("content").asText()).isEmpty();
    }

    @Test
    void choices_fortyLongOnes_twentyFiveWithinOneHundredCharacters() {
        List<Choice> choices = IntStream.range(0, 40)
                .mapToObj(i -> new Choice(i + " " + "n".repeat(150) + "😀", "v".repeat(99) + "😀" + i))
                .toList();
        List<Choice> withBlank = new ArrayList<>(List.of(new Choice("  ", "x")));
        withBlank.addAll(choices);

        List<Command.Choice> rendered = renderer.choices(withBlank);

        assertThat(rendered).hasSize(25).allSatisfy(choice -> {
            assertThat(choice.getName()).hasSizeBetween(1, 100);
            assertThat(choice.getAsString()).hasSizeBetween(1, 100);
            assertThat(Character.isHighSurrogate(
                            choice.getAsString().charAt(choice.getAsString().length() - 1)))
                    .isFalse();
        });
        assertThat(rendered.get(0).getName()).startsWith("0 nnn").endsWith("…");
    }

    @Test
    void fairShares_waterFills() {
        assertThat(DiscordRenderer.fairShares(new int[] {10, 20, 30}, 100)).containsExactly(10, 20, 30);
        assertThat(DiscordRenderer.fairShares(new int[] {10, 1000, 1000}, 100)).containsExactly(10, 45, 45);
        assertThat(DiscordRenderer.fairShares(new int[] {0, 7000}, 6000)).containsExactly(0, 6000);
    }

    static Reply reply(Optional<StyledText> text, List<ReplyCard> cards, List<ReplyAction> actions) {
        return new Reply(text, cards, actions, false);
    }

    static ReplyCard card(String title, String url, StyledText body) {
        return new ReplyCard(
                title, Optional.of(URI.create(url)), body, List.of(), List.of("Publisher", "1 Jan 2026", "¶3"));
    }

    /** A passage of about {@code length} characters, sentences with markdown, a match in the middle. */
    static StyledText longPassage(int length, int seed) {
        StringBuilder text = new StringBuilder();
        int sentence = 0;
        while (text.length() < length) {
            text.append("Sentence ")
                    .append(seed)
                    .append('.')
                    .append(sentence++)
                    .append(" has *stars*, _underscores_ and a [bracket]. ");
        }
        String passage = text.substring(0, length);
        int match = passage.indexOf("Sentence " + seed + ".40 ");
        List<HighlightSpan> spans = match < 0 ? List.of() : List.of(new HighlightSpan(match, match + 8));
        return new StyledText(passage, spans);
    }
}
