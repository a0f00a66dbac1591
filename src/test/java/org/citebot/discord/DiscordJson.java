package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.dv8tion.jda.api.utils.data.SerializableData;

/**
 * The JSON JDA would send for a message, checked against every Discord limit, and compared with
 * stored expected files. Run with {@code -Dcitebot.updateSnapshots=true} to rewrite those files on
 * purpose (then review the diff before committing).
 */
final class DiscordJson {

    static final Path EXPECTED = Path.of("src/test/resources/discord/expected");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiscordJson() {}

    static JsonNode json(SerializableData data) {
        try {
            return MAPPER.readTree(data.toData().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a message body stays within all of Discord's limits and can mention no one. */
    static void assertWithinLimits(JsonNode message) {
        assertThat(message.path("content").asText("")).hasSizeLessThanOrEqualTo(2000);
        assertThat(message.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(message.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(message.path("allowed_mentions").path("replied_user").asBoolean(true))
                .isFalse();
        assertThat(message.path("allowed_mentions").has("users")).isFalse();
        assertThat(message.path("allowed_mentions").has("roles")).isFalse();

        JsonNode embeds = message.path("embeds");
        assertThat(embeds.size()).isLessThanOrEqualTo(10);
        int total = 0;
        Set<String> urls = new HashSet<>();
        for (JsonNode embed : embeds) {
            String title = embed.path("title").asText("");
            String description = embed.path("description").asText("");
            String footer = embed.path("footer").path("text").asText("");
            String author = embed.path("author").path("name").asText("");
            assertThat(title).hasSizeLessThanOrEqualTo(256);
            assertThat(description).hasSizeLessThanOrEqualTo(4096);
            assertThat(footer).hasSizeLessThanOrEqualTo(2048);
            assertThat(author).hasSizeLessThanOrEqualTo(256);
            assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
            total += title.length() + description.length() + footer.length() + author.length();
            for (JsonNode field : embed.path("fields")) {
                String name = field.path("name").asText();
                String value = field.path("value").asText();
                assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(256);
                assertThat(value).isNotBlank().hasSizeLessThanOrEqualTo(1024);
                total += name.length() + value.length();
            }
            if (embed.hasNonNull("url")) {
                assertThat(urls.add(embed.get("url").asText()))
                        .as("duplicate embed url")
                        .isTrue();
                assertThat(embed.get("url").asText()).matches("https?://\\S+");
            }
        }
        assertThat(total).as("characters across all embeds").isLessThanOrEqualTo(6000);

        JsonNode rows = message.path("components");
        assertThat(rows.size()).isLessThanOrEqualTo(5);
        Set<String> ids = new HashSet<>();
        for (JsonNode row : rows) {
            assertThat(row.path("components").size()).isBetween(1, 5);
            for (JsonNode button : row.path("components")) {
                assertThat(button.path("label").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(80);
                if (button.has("custom_id")) {
                    assertThat(button.get("custom_id").asText()).hasSizeBetween(1, 100);
                    assertThat(ids.add(button.get("custom_id").asText()))
                            .as("duplicate custom id")
                            .isTrue();
                } else {
                    assertThat(button.path("url").asText())
                            .matches("https?://\\S+")
                            .hasSizeLessThanOrEqualTo(512);
                }
            }
        }
        assertNoLoneSurrogates(message);
    }

    private static void assertNoLoneSurrogates(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                            .as("lone high surrogate in %s", text)
                            .isTrue();
                    i++;
                } else {
                    assertThat(Character.isLowSurrogate(c))
                            .as("lone low surrogate in %s", text)
                            .isFalse();
                }
            }
        }
        for (JsonNode child : node) {
            assertNoLoneSurrogates(child);
        }
    }

    /** Compares {@code actual} with {@code expected/<name>.json}, or rewrites that file when asked to. */
    static void assertMatchesExpected(String name, JsonNode actual) {
        Path file = EXPECTED.resolve(name + ".json");
        try {
            String rendered = MAPPER.writeValueAsString(sorted(actual)) + "\n";
            if (Boolean.getBoolean("citebot.updateSnapshots")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file)
                    .as("expected file %s is missing; run the test with -Dcitebot.updateSnapshots=true", file)
                    .exists();
            assertThat(rendered)
                    .as("rendered %s (regenerate on purpose with -Dcitebot.updateSnapshots=true)", name)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode copy = MAPPER.createObjectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(child -> copy.add(sorted(child)));
            return copy;
        }
        return node;
    }
}
