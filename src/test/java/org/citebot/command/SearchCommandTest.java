package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.search.QueryException;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.junit.jupiter.api.Test;

/** {@code /search} and its buttons as every front end sees them: the reply model, not a rendering. */
class SearchCommandTest {

    private static final Invoker ALICE =
            new Invoker("alice", Optional.of("111111111111111111"), Optional.of("c"), false, List.of());
    private static final Invoker BOB =
            new Invoker("bob", Optional.of("111111111111111111"), Optional.of("c"), false, List.of());

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final SearchSessions sessions = new SearchSessions(ticker, new Random(3));
    private final List<SearchRequest> asked = new ArrayList<>();
    private final List<SearchResults> recorded = new ArrayList<>();

    private SearchCommand command(SearchResults answer, int permits) {
        return new SearchCommand(
                request -> {
                    asked.add(request);
                    return answer;
                },
                sessions,
                MemberLimits.uniform(permits, Duration.ofSeconds(10), clock, ticker),
                3,
                guild -> true,
                SearchSuggestions.NONE,
                (results, invoker, shownPublicly) -> recorded.add(results));
    }

    @Test
    void handle_results_headerCardsPagingShareAndSourceLink() {
        Reply reply = command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear escalation")));

        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text().orElseThrow().text())
                .isEqualTo("Passages 1–3 of 5 for “nuclear escalation” (search by words)");
        assertThat(reply.cards()).hasSize(3);
        assertThat(reply.cards().get(0).footer())
                .containsExactly("The Atlantic Review", "Ann Lee", "30 Jun 2026", "The ladder", "¶3");
        assertThat(reply.cards().get(0).body().bold()).isNotEmpty();
        assertThat(reply.actions())
                .extracting(ReplyAction::label)
                .containsExactly("◀ Previous", "Next ▶", "Share in channel", "Helpful", "Not helpful", "Open source");
        assertThat(((ReplyAction.Button) reply.actions().get(0)).enabled()).isFalse();
        assertThat(recorded).hasSize(1);
    }

    @Test
    void handle_countStoppedAtAThreshold_saysAtLeastAndOffersTheNextPage() {
        Reply reply = command(SampleData.threePassagesOfAtLeast(1000), 5)
                .handle(request(Map.of("query", "nuclear escalation")));

        assertThat(reply.text().orElseThrow().text())
                .isEqualTo("Passages 1–3 of 1,000+ for “nuclear escalation” (search by words)");
        assertThat(button(reply, "Next ▶").enabled()).isTrue();
    }

    @Test
    void handle_lowerBoundOfOne_isNotShownAsExactlyOnePassage() {
        Reply reply =
                command(SampleData.threePassagesOfAtLeast(1), 5).handle(request(Map.of("query", "nuclear escalation")));

        assertThat(reply.text().orElseThrow().text())
                .isEqualTo("Passages 1–3 of 1+ for “nuclear escalation” (search by words)");
        assertThat(button(reply, "Next ▶").enabled()).isTrue();
    }

    @Test
    void handle_publicByChoice_noShareButton() {
        Reply reply =
                command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear", "private", false)));

        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.actions()).extracting(ReplyAction::label).doesNotContain("Share in channel");
    }

    @Test
    void handle_noResults_saysSoWithSpellingsAndClosestTitles() {
        Reply reply = command(SampleData.noResults(), 5).handle(request(Map.of("query", "nucular escalasion")));

        String text = reply.text().orElseThrow().text();
        assertThat(text)
                .startsWith("No passages match “nucular escalasion”.")
                .contains("Did you mean: nuclear escalation?")
                .contains("Closest titles: Escalation ladders revisited");
        assertThat(reply.ephemeral()).isTrue();
    }

    @Test
    void handle_overTheRateLimit_friendlyPrivateNoticeWithWaitAndNoSearch() {
        SearchCommand command = command(SampleData.threePassages(), 2);
        command.handle(request(Map.of("query", "a")));
        command.handle(request(Map.of("query", "b")));

        Reply third = command.handle(request(Map.of("query", "c")));

        assertThat(third.ephemeral()).isTrue();
        assertThat(third.text().orElseThrow().text())
                .isEqualTo("You are searching quickly. Please try again in 10 seconds.");
        assertThat(asked).hasSize(2);
    }

    @Test
    void handle_queryTheSearchRefuses_showsItsMessage() {
        SearchCommand command = new SearchCommand(
                request -> {
                    throw new QueryException("Your query has only common words.");
                },
                sessions,
                MemberLimits.uniform(5, Duration.ofSeconds(10), clock, ticker),
                3,
                guild -> true);

        Reply reply = command.handle(request(Map.of("query", "the of")));

        assertThat(reply.text().orElseThrow().text()).isEqualTo("Your query has only common words.");
    }

    @Test
    void nextButton_showsSecondPageInPlace() {
        SearchCommand command = command(SampleData.threePassages(), 5);
        Reply first = command.handle(request(Map.of("query", "nuclear")));
        SearchActionHandler buttons = new SearchActionHandler(
                request -> {
                    asked.add(request);
                    return SampleData.threePassages();
                },
                sessions);

        ActionOutcome outcome = buttons.handle(button(first, "Next ▶").actionId(), ALICE);

        assertThat(outcome).isInstanceOf(ActionOutcome.Update.class);
        assertThat(asked.get(asked.size() - 1).offset()).isEqualTo(3);
    }

    @Test
    void shareButton_postsPublicOnce_thenSaysAlreadyShared() {
        Reply first = command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear")));
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);
        String share = button(first, "Share in channel").actionId();

        ActionOutcome once = buttons.handle(share, ALICE);
        ActionOutcome twice = buttons.handle(share, ALICE);

        assertThat(once).isInstanceOfSatisfying(ActionOutcome.Share.class, s -> {
            assertThat(s.publicReply().ephemeral()).isFalse();
            assertThat(s.publicReply().actions()).extracting(ReplyAction::label).doesNotContain("Share in channel");
        });
        assertThat(twice).isInstanceOfSatisfying(ActionOutcome.Notice.class, n -> assertThat(
                        n.reply().text().orElseThrow().text())
                .contains("already been shared"));
    }

    @Test
    void nextButton_onSomeoneElsesPublicAnswer_answersThePresserPrivatelyWithTheirOwnCopy() {
        Reply alices =
                command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear", "private", false)));
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);

        ActionOutcome outcome = buttons.handle(button(alices, "Next ▶").actionId(), BOB);

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Notice.class, own -> {
            assertThat(own.reply().ephemeral()).isTrue();
            assertThat(own.reply().cards()).hasSize(3);
            assertThat(own.reply().actions()).extracting(ReplyAction::label).contains("Share in channel");
            // Bob's copy pages in place for Bob: it is his own answer now.
            assertThat(buttons.handle(button(own.reply(), "Next ▶").actionId(), BOB))
                    .isInstanceOf(ActionOutcome.Update.class);
        });
        assertThat(buttons.handle(button(alices, "Next ▶").actionId(), ALICE))
                .as("Alice still pages her own answer in place")
                .isInstanceOf(ActionOutcome.Update.class);
    }

    @Test
    void sharedPost_offersNoShare_andItsButtonsGiveEveryoneAPrivateCopy() {
        Reply first = command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear")));
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);
        Reply post = ((ActionOutcome.Share)
                        buttons.handle(button(first, "Share in channel").actionId(), ALICE))
                .publicReply();
        assertThat(post.actions()).extracting(ReplyAction::label).doesNotContain("Share in channel");

        for (Invoker presser : List.of(BOB, ALICE)) {
            ActionOutcome outcome = buttons.handle(button(post, "Next ▶").actionId(), presser);

            assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Notice.class, copy -> {
                assertThat(copy.reply().ephemeral()).isTrue();
                assertThat(copy.reply().text().orElseThrow().text()).startsWith("Passages 1–3");
            });
        }
    }

    @Test
    void shareButton_pressedBySomeoneElse_refused() {
        Reply first = command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear")));
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);

        ActionOutcome outcome = buttons.handle(button(first, "Share in channel").actionId(), BOB);

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Notice.class, n -> assertThat(
                        n.reply().text().orElseThrow().text())
                .isEqualTo(SearchActionHandler.ONLY_PRIVATE_SHARED));
    }

    @Test
    void buttons_afterTheInteractionExpired_tellToSearchAgain() {
        Reply first = command(SampleData.threePassages(), 5).handle(request(Map.of("query", "nuclear")));
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);
        nanos.addAndGet(SearchSessions.LIFETIME.plusSeconds(1).toNanos());

        ActionOutcome outcome = buttons.handle(button(first, "Next ▶").actionId(), ALICE);

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Notice.class, n -> assertThat(
                        n.reply().text().orElseThrow().text())
                .contains("expired"));
    }

    @Test
    void buttons_forgedActionIds_answeredNotCrashed() {
        SearchActionHandler buttons = new SearchActionHandler(request -> SampleData.threePassages(), sessions);

        for (String forged : List.of(
                "search",
                "search:page",
                "search:page:x:y",
                "search:page:nope:1",
                "search:page:nope:-5",
                "search:zap:nope:1")) {
            assertThat(buttons.handle(forged, ALICE)).isInstanceOf(ActionOutcome.Notice.class);
        }
    }

    private static ReplyAction.Button button(Reply reply, String label) {
        return reply.actions().stream()
                .filter(a -> a instanceof ReplyAction.Button b && b.label().equals(label))
                .map(ReplyAction.Button.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static CommandRequest request(Map<String, Object> options) {
        return new CommandRequest("search", options, ALICE, Optional.empty());
    }
}
