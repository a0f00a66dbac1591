package org.citebot.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citebot.passages.IndexMetadata;
import org.citebot.questions.AnswerVotes;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.search.CacheStatistics;

/**
 * {@code /status}: how big the corpus is, which index schema is searched and when it was built, how
 * often the search cache answers, and how long citebot has been up. Always private.
 */
public final class StatusCommand implements Command {

    static final DateTimeFormatter BUILT_AT = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final CommandSpec SPEC = CommandSpec.slash(
            "status", "Corpus size, index build time, cache hit rate and uptime", List.of(), "/status");

    private final StatusSource source;
    private final Clock clock;
    private final Instant startedAt;
    private final MemberLimits limits;

    /** Unlimited: for front ends and tests without members. */
    public StatusCommand(StatusSource source, Clock clock, Instant startedAt) {
        this(source, clock, startedAt, MemberLimits.UNLIMITED);
    }

    /**
     * @param clock the clock uptime and index age are measured with
     * @param startedAt when this citebot process started
     * @param limits each member's budget of lookups (the index metadata is read from disk)
     */
    public StatusCommand(StatusSource source, Clock clock, Instant startedAt, MemberLimits limits) {
        this.source = source;
        this.clock = clock;
        this.startedAt = startedAt;
        this.limits = limits;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.LOOKUP, request.invoker());
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        List<ReplyCard.CardField> fields = new ArrayList<>();
        Optional<IndexMetadata> index = source.index();
        if (index.isPresent()) {
            IndexMetadata meta = index.get();
            fields.add(new ReplyCard.CardField("Documents", grouped(meta.documents()), true));
            fields.add(new ReplyCard.CardField("Passages", grouped(meta.passages()), true));
            fields.add(new ReplyCard.CardField("Index schema", "v" + meta.schemaVersion(), true));
            fields.add(new ReplyCard.CardField(
                    "Index built",
                    BUILT_AT.format(meta.builtAt()) + " (" + age(Duration.between(meta.builtAt(), now)) + ")",
                    false));
        } else {
            fields.add(new ReplyCard.CardField("Index", "not open yet: the corpus is still being indexed", false));
        }
        fields.add(new ReplyCard.CardField("Search cache", cache(source.cache()), false));
        source.feedback()
                .ifPresent(
                        tally -> fields.add(new ReplyCard.CardField("Answers rated helpful", helpful(tally), false)));
        fields.add(new ReplyCard.CardField("Uptime", duration(Duration.between(startedAt, now)), false));
        request.invoker()
                .guildId()
                .flatMap(source::shard)
                .ifPresent(shard -> fields.add(new ReplyCard.CardField(
                        "Shard",
                        shard.shard() + " of " + shard.total() + ": " + grouped(shard.guilds()) + " servers, latency "
                                + shard.latency().toMillis() + " ms",
                        false)));
        ReplyCard card = new ReplyCard("citebot status", Optional.empty(), StyledText.plain(""), fields, List.of());
        return new Reply(Optional.empty(), List.of(card), List.of(), true);
    }

    private static String cache(Optional<CacheStatistics> stats) {
        if (stats.isEmpty()) {
            return "not measured";
        }
        CacheStatistics s = stats.get();
        if (s.lookups() == 0) {
            return "no lookups yet";
        }
        return String.format(
                Locale.ENGLISH,
                "%.0f%% hits (%s of %s lookups), %s entries, %s evicted",
                s.hitRate() * 100,
                grouped(s.hits()),
                grouped(s.lookups()),
                grouped(s.size()),
                grouped(s.evictions()));
    }

    private static String age(Duration since) {
        return since.isNegative() ? "just now" : duration(since) + " ago";
    }

    /** A duration as people say it: "2 d 3 h 4 min", "5 min", "42 s". */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days == 0 && hours == 0 && minutes == 0) {
            return seconds + " s";
        }
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append(" d ");
        }
        if (days > 0 || hours > 0) {
            out.append(hours).append(" h ");
        }
        return out.append(minutes).append(" min").toString();
    }

    private static String grouped(long number) {
        return String.format(Locale.ENGLISH, "%,d", number);
    }

    /** "75% of 12 votes in 30 days", or that there were none. */
    static String helpful(AnswerVotes.Tally tally) {
        int all = tally.helpful() + tally.notHelpful();
        return tally.helpfulShare()
                .map(share ->
                        Math.round(share * 100) + "% of " + (all == 1 ? "1 vote" : all + " votes") + " in 30 days")
                .orElse("no votes in 30 days");
    }
}
