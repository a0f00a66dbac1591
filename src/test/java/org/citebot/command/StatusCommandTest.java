package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.citebot.passages.IndexMetadata;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyCard;
import org.citebot.search.CacheStatistics;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static final Instant STARTED = Instant.parse("2026-11-20T01:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T04:30:15Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void handle_indexAndCache_reportsSizesBuildTimeHitRateAndUptime() {
        IndexMetadata index = new IndexMetadata(3, "f00", 1234, 56789, Instant.parse("2026-11-22T02:00:00Z"), 7, "");
        StatusSource source = new StatusSource() {
            @Override
            public Optional<IndexMetadata> index() {
                return Optional.of(index);
            }

            @Override
            public Optional<CacheStatistics> cache() {
                return Optional.of(new CacheStatistics(870, 130, 3, 412));
            }
        };

        Reply reply = new StatusCommand(source, clock, STARTED).handle(request());

        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.cards()).singleElement().satisfies(card -> assertThat(card.fields())
                .containsExactly(
                        new ReplyCard.CardField("Documents", "1,234", true),
                        new ReplyCard.CardField("Passages", "56,789", true),
                        new ReplyCard.CardField("Index schema", "v3", true),
                        new ReplyCard.CardField("Index built", "22 Nov 2026 02:00 UTC (2 h 30 min ago)", false),
                        new ReplyCard.CardField(
                                "Search cache", "87% hits (870 of 1,000 lookups), 412 entries, 3 evicted", false),
                        new ReplyCard.CardField("Uptime", "2 d 3 h 30 min", false)));
    }

    @Test
    void handle_noIndexNoCache_saysSoInsteadOfFailing() {
        Reply reply = new StatusCommand(Optional::empty, clock, NOW.minusSeconds(42)).handle(request());

        assertThat(reply.cards().get(0).fields())
                .containsExactly(
                        new ReplyCard.CardField("Index", "not open yet: the corpus is still being indexed", false),
                        new ReplyCard.CardField("Search cache", "not measured", false),
                        new ReplyCard.CardField("Uptime", "42 s", false));
    }

    @Test
    void handle_cacheWithoutLookups_doesNotDivideByZero() {
        StatusSource source = new StatusSource() {
            @Override
            public Optional<IndexMetadata> index() {
                return Optional.empty();
            }

            @Override
            public Optional<CacheStatistics> cache() {
                return Optional.of(new CacheStatistics(0, 0, 0, 0));
            }
        };

        Reply reply = new StatusCommand(source, clock, STARTED).handle(request());

        assertThat(reply.cards().get(0).fields())
                .contains(new ReplyCard.CardField("Search cache", "no lookups yet", false));
    }

    @Test
    void handle_inAServer_showsItsShardServersAndLatency() {
        StatusSource source = new StatusSource() {
            @Override
            public Optional<IndexMetadata> index() {
                return Optional.empty();
            }

            @Override
            public Optional<ShardStatus> shard(String guildId) {
                return guildId.equals("333333333333333333")
                        ? Optional.of(new ShardStatus(2, 4, 1210, Duration.ofMillis(42)))
                        : Optional.empty();
            }
        };
        Invoker member = new Invoker(
                "555555555555555555",
                Optional.of("333333333333333333"),
                Optional.of("444444444444444444"),
                false,
                java.util.List.of());

        Reply reply = new StatusCommand(source, clock, STARTED)
                .handle(new CommandRequest("status", Map.of(), member, Optional.empty()));

        assertThat(reply.cards().get(0).fields())
                .endsWith(new ReplyCard.CardField("Shard", "2 of 4: 1,210 servers, latency 42 ms", false));
        assertThat(new StatusCommand(source, clock, STARTED)
                        .handle(request())
                        .cards()
                        .get(0)
                        .fields())
                .as("the console is on no shard")
                .noneMatch(field -> field.name().equals("Shard"));
    }

    @Test
    void duration_readsLikeSpeech() {
        assertThat(StatusCommand.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(StatusCommand.duration(Duration.ofHours(1))).isEqualTo("1 h 0 min");
        assertThat(StatusCommand.duration(Duration.ofDays(3).plusMinutes(1))).isEqualTo("3 d 0 h 1 min");
        assertThat(StatusCommand.duration(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    private static CommandRequest request() {
        return new CommandRequest("status", Map.of(), Invoker.console(), Optional.empty());
    }
}
