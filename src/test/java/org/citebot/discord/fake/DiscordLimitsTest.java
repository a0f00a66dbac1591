package org.citebot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Discord limit the fake enforces: one step over it is rejected at the right error path, the limit itself passes. */
class DiscordLimitsTest {

    @Test
    @DisplayName("a message exactly at every limit is accepted")
    void message_atEveryLimit_accepted() {
        ObjectNode message = Payloads.object().put("content", "c".repeat(2000));
        ArrayNode embeds = message.putArray("embeds");
        ObjectNode embed = embeds.addObject().put("title", "t".repeat(256)).put("description", "d".repeat(1000));
        embed.putObject("footer").put("text", "f".repeat(500));
        embed.putObject("author").put("name", "a".repeat(256));
        ArrayNode fields = embed.putArray("fields");
        for (int i = 0; i < 25; i++) {
            fields.addObject().put("name", "n" + i).put("value", "v".repeat(100));
        }
        ArrayNode rows = message.putArray("components");
        for (int r = 0; r < 5; r++) {
            ArrayNode buttons = rows.addObject().put("type", 1).putArray("components");
            for (int b = 0; b < 5; b++) {
                buttons.addObject()
                        .put("type", 2)
                        .put("style", 1)
                        .put("label", "l".repeat(80))
                        .put("custom_id", "i".repeat(100));
            }
        }
        ((ArrayNode) rows.get(4).get("components"))
                .set(
                        0,
                        Payloads.object()
                                .put("type", 2)
                                .put("style", 5)
                                .put("label", "Open")
                                .put("url", "https://example.org/" + "u".repeat(492)));

        assertThat(DiscordLimits.checkMessage(message)).isEmpty();
    }

    static Stream<Arguments> overLimitMessages() {
        return Stream.of(
                over("content over 2000", m -> m.put("content", "c".repeat(2001)), "/content"),
                over(
                        "11 embeds",
                        m -> {
                            ArrayNode embeds = m.putArray("embeds");
                            for (int i = 0; i < 11; i++) {
                                embeds.addObject().put("title", "t");
                            }
                        },
                        "/embeds"),
                over("embed title 257", m -> embed(m).put("title", "t".repeat(257)), "/embeds/0/title"),
                over(
                        "embed description 4097",
                        m -> embed(m).put("description", "d".repeat(4097)),
                        "/embeds/0/description"),
                over(
                        "26 fields",
                        m -> {
                            ArrayNode fields = embed(m).putArray("fields");
                            for (int i = 0; i < 26; i++) {
                                fields.addObject().put("name", "n").put("value", "v");
                            }
                        },
                        "/embeds/0/fields"),
                over(
                        "field name 257",
                        m -> embed(m).putArray("fields")
                                .addObject()
                                .put("name", "n".repeat(257))
                                .put("value", "v"),
                        "/embeds/0/fields/0/name"),
                over(
                        "field value 1025",
                        m -> embed(m).putArray("fields")
                                .addObject()
                                .put("name", "n")
                                .put("value", "v".repeat(1025)),
                        "/embeds/0/fields/0/value"),
                over(
                        "footer 2049",
                        m -> embed(m).putObject("footer").put("text", "f".repeat(2049)),
                        "/embeds/0/footer/text"),
                over(
                        "author name 257",
                        m -> embed(m).putObject("author").put("name", "a".repeat(257)),
                        "/embeds/0/author/name"),
                over(
                        "embeds total 6001",
                        m -> {
                            ArrayNode embeds = m.putArray("embeds");
                            embeds.addObject().put("description", "d".repeat(4000));
                            embeds.addObject().put("description", "d".repeat(2001));
                        },
                        "/embeds"),
                over(
                        "6 action rows",
                        m -> {
                            ArrayNode rows = m.putArray("components");
                            for (int i = 0; i < 6; i++) {
                                rows.addObject()
                                        .put("type", 1)
                                        .putArray("components")
                                        .add(button("b" + i));
                            }
                        },
                        "/components"),
                over(
                        "6 buttons in a row",
                        m -> {
                            ArrayNode buttons = m.putArray("components")
                                    .addObject()
                                    .put("type", 1)
                                    .putArray("components");
                            for (int i = 0; i < 6; i++) {
                                buttons.add(button("b" + i));
                            }
                        },
                        "/components/0/components"),
                over(
                        "button label 81",
                        m -> row(m).add(button("b").put("label", "l".repeat(81))),
                        "/components/0/components/0/label"),
                over("custom_id 101", m -> row(m).add(button("i".repeat(101))), "/components/0/components/0/custom_id"),
                over("empty custom_id", m -> row(m).add(button("")), "/components/0/components/0/custom_id"),
                over(
                        "link url 513",
                        m -> row(m).add(Payloads.object()
                                .put("type", 2)
                                .put("style", 5)
                                .put("label", "x")
                                .put("url", "https://e.org/" + "u".repeat(500))),
                        "/components/0/components/0/url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimitMessages")
    void message_overLimit_rejectedAtPath(String name, ObjectNode message, String errorPath) {
        ObjectNode errors = DiscordLimits.checkMessage(message);

        assertThat(errors.at(errorPath + "/_errors").isArray())
                .as(errors.toString())
                .isTrue();
    }

    @Test
    @DisplayName("autocomplete: 25 choices pass; 26 choices, a 101-char name or value are rejected")
    void autocompleteChoices_limits() {
        assertThat(DiscordLimits.checkAutocompleteResult(choices(25, "n", "v"))).isEmpty();
        assertThat(DiscordLimits.checkAutocompleteResult(choices(26, "n", "v"))
                        .at("/choices/_errors")
                        .isArray())
                .isTrue();
        assertThat(DiscordLimits.checkAutocompleteResult(choices(1, "n".repeat(101), "v"))
                        .at("/choices/0/name/_errors")
                        .isArray())
                .isTrue();
        assertThat(DiscordLimits.checkAutocompleteResult(choices(1, "n", "v".repeat(101)))
                        .at("/choices/0/value/_errors")
                        .isArray())
                .isTrue();
    }

    @Test
    @DisplayName("modal: title 1-45, custom_id 1-100, 1-5 components")
    void modal_limits() {
        ObjectNode modal = Payloads.object().put("custom_id", "form").put("title", "t".repeat(45));
        modal.putArray("components").addObject().put("type", 18);
        assertThat(DiscordLimits.checkModal(modal)).isEmpty();

        assertThat(DiscordLimits.checkModal(modal.deepCopy().put("title", "t".repeat(46)))
                        .has("title"))
                .isTrue();
        assertThat(DiscordLimits.checkModal(modal.deepCopy().put("custom_id", ""))
                        .has("custom_id"))
                .isTrue();
        ObjectNode noComponents = modal.deepCopy();
        noComponents.putArray("components");
        assertThat(DiscordLimits.checkModal(noComponents).has("components")).isTrue();
    }

    @Test
    @DisplayName(
            "command names: lowercase letters, digits, - _ ' and Devanagari/Thai; context menus may use spaces and capitals")
    void commandNames() {
        assertThat(DiscordLimits.checkCommand(slash("search-v2_it's", "d"))).isEmpty();
        assertThat(DiscordLimits.checkCommand(slash("खोज", "d"))).isEmpty();
        assertThat(DiscordLimits.checkCommand(slash("Search", "d"))
                        .at("/name/_errors/0/code")
                        .asText())
                .isEqualTo("APPLICATION_COMMAND_INVALID_NAME");
        assertThat(DiscordLimits.checkCommand(slash("has space", "d")).has("name"))
                .isTrue();
        assertThat(DiscordLimits.checkCommand(slash("x".repeat(33), "d")).has("name"))
                .isTrue();
        assertThat(DiscordLimits.checkCommand(
                        Payloads.object().put("name", "Find sources").put("type", 3)))
                .isEmpty();
        assertThat(DiscordLimits.checkCommand(
                                Payloads.object().put("name", "F".repeat(33)).put("type", 3))
                        .has("name"))
                .isTrue();
    }

    @Test
    @DisplayName(
            "command bodies: description 1-100, 25 options, 25 choices, autocomplete xor choices, 8000 chars in all")
    void commandBodies() {
        assertThat(DiscordLimits.checkCommand(slash("ok", "")).has("description"))
                .isTrue();
        assertThat(DiscordLimits.checkCommand(slash("ok", "d".repeat(101))).has("description"))
                .isTrue();

        ObjectNode manyOptions = slash("ok", "d");
        ArrayNode options = manyOptions.putArray("options");
        for (int i = 0; i < 26; i++) {
            options.addObject().put("name", "o" + i).put("description", "d").put("type", 3);
        }
        assertThat(DiscordLimits.checkCommand(manyOptions)
                        .at("/options/_errors")
                        .isArray())
                .isTrue();

        ObjectNode manyChoices = slash("ok", "d");
        ObjectNode option = manyChoices
                .putArray("options")
                .addObject()
                .put("name", "q")
                .put("description", "d")
                .put("type", 3);
        option.set("choices", choices(26, "n", "v").get("choices"));
        assertThat(DiscordLimits.checkCommand(manyChoices)
                        .at("/options/0/choices/_errors")
                        .isArray())
                .isTrue();

        ObjectNode both = slash("ok", "d");
        both.putArray("options")
                .addObject()
                .put("name", "q")
                .put("description", "d")
                .put("type", 3)
                .put("autocomplete", true)
                .set("choices", choices(1, "n", "v").get("choices"));
        assertThat(DiscordLimits.checkCommand(both)
                        .at("/options/0/autocomplete/_errors")
                        .isArray())
                .isTrue();

        ObjectNode nested = slash("ok", "d");
        nested.putArray("options")
                .addObject()
                .put("name", "sub")
                .put("description", "d")
                .put("type", 1)
                .putArray("options")
                .addObject()
                .put("name", "BAD")
                .put("description", "d")
                .put("type", 3);
        assertThat(DiscordLimits.checkCommand(nested)
                        .at("/options/0/options/0/name/_errors")
                        .isArray())
                .isTrue();

        ObjectNode large = slash("ok", "d");
        ArrayNode subs = large.putArray("options");
        for (int s = 0; s < 25; s++) {
            ObjectNode sub = subs.addObject()
                    .put("name", "s" + s)
                    .put("description", "d".repeat(100))
                    .put("type", 1);
            ArrayNode subOptions = sub.putArray("options");
            for (int o = 0; o < 3; o++) {
                subOptions
                        .addObject()
                        .put("name", "o" + o)
                        .put("description", "d".repeat(100))
                        .put("type", 3);
            }
        }
        assertThat(DiscordLimits.checkCommand(large).at("/_root/_errors/0/code").asText())
                .isEqualTo("APPLICATION_COMMAND_TOO_LARGE");
    }

    @Test
    @DisplayName("bulk overwrite errors are keyed by the command's index")
    void bulkOverwrite_errorsKeyedByIndex() {
        ArrayNode commands = Payloads.array();
        commands.add(slash("fine", "d"));
        commands.add(slash("Bad", "d"));

        JsonNode errors = DiscordLimits.checkCommands(commands);

        assertThat(errors.has("0")).isFalse();
        assertThat(errors.at("/1/name/_errors").isArray()).isTrue();
    }

    private static Arguments over(String name, Consumer<ObjectNode> breakIt, String errorPath) {
        ObjectNode message = Payloads.object().put("content", "ok");
        breakIt.accept(message);
        return Arguments.of(name, message, errorPath);
    }

    private static ObjectNode embed(ObjectNode message) {
        return message.putArray("embeds").addObject().put("title", "t");
    }

    private static ArrayNode row(ObjectNode message) {
        return message.putArray("components").addObject().put("type", 1).putArray("components");
    }

    private static ObjectNode button(String customId) {
        return Payloads.object()
                .put("type", 2)
                .put("style", 1)
                .put("label", "b")
                .put("custom_id", customId);
    }

    private static ObjectNode choices(int count, String name, String value) {
        ObjectNode data = Payloads.object();
        ArrayNode choices = data.putArray("choices");
        for (int i = 0; i < count; i++) {
            choices.addObject().put("name", name).put("value", value);
        }
        return data;
    }

    private static ObjectNode slash(String name, String description) {
        return Payloads.object()
                .put("name", name)
                .put("description", description)
                .put("type", 1);
    }
}
