package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.citebot.app.Citebot;
import org.citebot.command.Command;
import org.citebot.command.CommandRequest;
import org.citebot.command.Invoker;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.discord.fake.DiscordLimits;
import org.citebot.reply.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated queries, from plausible to hostile, through the whole query path the bot uses:
 * the safe parser, Lucene search, highlighting, the reply model and the Discord renderer. None may
 * throw, every message must fit every Discord limit (checked by the fake Discord's own validator),
 * and no mention may survive in a renderable form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileQueryFuzzTest {

    private static final int QUERIES = 10_000;
    private static final Pattern RAW_MENTION = Pattern.compile("(?<!\\\\)<[@#][!&]?\\d*>?|@everyone|@here");
    private static final String[] WORDS = {
        "nato",
        "nuclear",
        "HIMARS",
        "Ukraine",
        "escalation",
        "summit",
        "the",
        "of",
        "missile",
        "Putin",
        "Syrotiuk",
        "war",
        "Europe",
        "red",
        "line",
        "and",
        "Kherson",
        "sanctions",
        "zzqx"
    };
    private static final String[] HOSTILE = {
        "title:(x",
        "*",
        "?",
        "a~",
        "a~2",
        "/.*/",
        "\"",
        "\"\"",
        "-",
        "--x",
        "+",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "^",
        "^3",
        ":",
        "\\",
        "&&",
        "||",
        "!",
        "@everyone",
        "@here",
        "<@123456789012345678>",
        "<@&123>",
        "<#1>",
        "**bold**",
        "__u__",
        "~~s~~",
        "||spoiler||",
        "`code`",
        "```x```",
        "> quote",
        "# heading",
        "- item",
        "1. item",
        "[link](https://example.org)",
        "https://e.com/_a_*b*",
        "\u0000",
        "\u001b[31m",
        "\u0007",
        "\r\n",
        "\t",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "😀",
        "👨‍👩‍👧",
        "🏳️‍🌈",
        "\ud83d",
        "مرحبا بالعالم",
        "שלום",
        "Ελλάδα",
        "Русский",
        "日本語",
        "नमस्ते",
        "ok\u0301"
    };

    /** Hybrid queries cost a question embedding each (and sentence embeddings for some excerpts). */
    private static final int HYBRID_QUERIES = 400;

    private Citebot lexical;
    private Citebot hybrid;
    private final DiscordRenderer renderer = new DiscordRenderer();

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        lexical = start(dir.resolve("lexical"), "lexical");
        hybrid = start(dir.resolve("hybrid"), "hybrid");
    }

    private static Citebot start(Path dir, String mode) throws IOException {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(),
                        "CITEBOT_RATE_LIMIT_SEARCHES", "1000",
                        "CITEBOT_RATE_LIMIT_WINDOW", "1s",
                        "CITEBOT_CACHE_MAX_ENTRIES", "0",
                        "CITEBOT_SEARCH_MODE", mode))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        return Citebot.start(config, Clock.systemUTC());
    }

    @AfterAll
    void stop() throws IOException {
        lexical.close();
        hybrid.close();
    }

    @Test
    void generatedQueries_lexical_neverThrow_alwaysFitDiscord_neverMention() {
        fuzz(lexical, QUERIES, 20261122);
    }

    @Test
    void generatedQueries_hybrid_neverThrow_alwaysFitDiscord_neverMention() {
        fuzz(hybrid, HYBRID_QUERIES, 20261206);
    }

    private void fuzz(Citebot citebot, int queries, long seed) {
        Command search = citebot.registry().command("search").orElseThrow();
        SplittableRandom random = new SplittableRandom(seed);
        List<String> failures = new ArrayList<>();
        int answeredWithPassages = 0;
        for (int i = 0; i < queries; i++) {
            String query = query(random);
            int results = 1 + random.nextInt(10);
            Invoker invoker = new Invoker(
                    "user" + (i % 97), Optional.of("123456789012345678"), Optional.of("1"), false, List.of());
            Reply reply;
            try {
                reply = search.handle(new CommandRequest(
                        "search",
                        Map.of("query", query, "results", (long) results, "private", random.nextBoolean()),
                        invoker,
                        Optional.empty()));
            } catch (RuntimeException e) {
                failures.add("threw " + e + " for " + printable(query));
                continue;
            }
            answeredWithPassages += reply.cards().isEmpty() ? 0 : 1;
            JsonNode message = DiscordJson.json(renderer.create(reply));
            JsonNode errors = DiscordLimits.checkMessage(message);
            if (!errors.isEmpty()) {
                failures.add("over Discord's limits " + errors + " for " + printable(query));
            }
            String shown = shownText(message);
            if (RAW_MENTION.matcher(shown).find()) {
                failures.add("renderable mention in " + printable(shown) + " for " + printable(query));
            }
            if (!message.path("allowed_mentions").path("parse").isEmpty()) {
                failures.add("allowed_mentions not empty for " + printable(query));
            }
        }

        assertThat(failures).as("queries that broke the query path").isEmpty();
        assertThat(answeredWithPassages)
                .as("the generator also produces answerable queries")
                .isGreaterThan(queries / 4);
    }

    private static String query(SplittableRandom random) {
        StringBuilder query = new StringBuilder();
        int parts = 1 + random.nextInt(8);
        for (int p = 0; p < parts; p++) {
            if (p > 0 && random.nextInt(4) > 0) {
                query.append(' ');
            }
            switch (random.nextInt(6)) {
                case 0, 1 -> query.append(WORDS[random.nextInt(WORDS.length)]);
                case 2 -> query.append(HOSTILE[random.nextInt(HOSTILE.length)]);
                case 3 -> query.append(random.nextBoolean() ? "\"" : "-").append(WORDS[random.nextInt(WORDS.length)]);
                case 4 ->
                    random.ints(1 + random.nextInt(12), 0, 0x3000)
                            .forEach(cp -> query.appendCodePoint(Character.isSurrogate((char) cp) ? 'x' : cp));
                default -> query.append(WORDS[random.nextInt(WORDS.length)].repeat(1 + random.nextInt(3)));
            }
        }
        if (random.nextInt(50) == 0) {
            query.append(" nuclear".repeat(1 + random.nextInt(1250)));
        }
        return query.toString();
    }

    private static String shownText(JsonNode message) {
        StringBuilder shown = new StringBuilder(message.path("content").asText(""));
        for (JsonNode embed : message.path("embeds")) {
            shown.append('\n')
                    .append(embed.path("title").asText(""))
                    .append('\n')
                    .append(embed.path("description").asText(""))
                    .append('\n')
                    .append(embed.path("footer").path("text").asText(""));
            for (JsonNode field : embed.path("fields")) {
                shown.append('\n')
                        .append(field.path("name").asText(""))
                        .append(field.path("value").asText(""));
            }
        }
        return shown.toString();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(120).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
