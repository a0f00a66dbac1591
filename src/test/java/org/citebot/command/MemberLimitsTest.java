package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.junit.jupiter.api.Test;

/** Every path a member can trigger goes through a budget; over it, a private notice (or no suggestions). */
class MemberLimitsTest {

    private static final Invoker ALICE =
            new Invoker("alice", Optional.of("111111111111111111"), Optional.of("c"), false, List.of());
    private static final Invoker BOB =
            new Invoker("bob", Optional.of("111111111111111111"), Optional.of("c"), false, List.of());

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final Ticker ticker = () -> 0L;
    private final MemberLimits limits = MemberLimits.uniform(2, Duration.ofSeconds(10), clock, ticker);

    @Test
    void refusal_eachActionItsOwnBudgetAndWords() {
        for (MemberLimits.Action action : MemberLimits.Action.values()) {
            assertThat(limits.refusal(action, ALICE)).isEmpty();
            assertThat(limits.refusal(action, ALICE)).isEmpty();
        }

        assertThat(limits.refusal(MemberLimits.Action.BUTTON, ALICE))
                .map(reply -> reply.text().orElseThrow().text())
                .contains("You are pressing buttons quickly. Please try again in 10 seconds.");
        assertThat(limits.refusal(MemberLimits.Action.DIGEST_PREVIEW, ALICE))
                .map(Reply::ephemeral)
                .contains(true);
        assertThat(limits.allows(MemberLimits.Action.AUTOCOMPLETE, ALICE)).isFalse();
        assertThat(limits.allows(MemberLimits.Action.AUTOCOMPLETE, BOB)).isTrue();
        assertThat(MemberLimits.UNLIMITED.allows(MemberLimits.Action.SEARCH, ALICE))
                .isTrue();
    }

    @Test
    void searchAutocomplete_overBudget_offersNoChoicesInsteadOfAnError() {
        SearchSuggestions suggestions =
                new SearchSuggestions(List::of, guild -> List.of("nuclear escalation", "nuclear deterrence"));
        SearchCommand search = new SearchCommand(
                request -> SampleData.threePassages(),
                new SearchSessions(ticker, new java.util.Random(1)),
                limits,
                3,
                guild -> true,
                suggestions,
                SearchRecorder.NONE);

        assertThat(search.autocomplete("query", "nuc", ALICE)).hasSize(2);
        assertThat(search.autocomplete("query", "nuc", ALICE)).hasSize(2);
        assertThat(search.autocomplete("query", "nuc", ALICE)).isEmpty();
        assertThat(search.autocomplete("query", "nuc", BOB)).hasSize(2);
    }

    @Test
    void pagingAndShareButtons_overBudget_answerPrivatelyWithoutSearching() {
        SearchSessions sessions = new SearchSessions(ticker, new java.util.Random(2));
        int[] searches = {0};
        SearchActionHandler buttons = new SearchActionHandler(
                request -> {
                    searches[0]++;
                    return SampleData.threePassages();
                },
                sessions,
                limits);
        String next = "search:page:" + sessions.open("nuclear", org.citebot.search.SearchFilters.NONE, 3, true, "alice")
                + ":1";

        buttons.handle(next, ALICE);
        buttons.handle(next, ALICE);
        ActionOutcome third = buttons.handle(next, ALICE);

        assertThat(third).isInstanceOfSatisfying(ActionOutcome.Notice.class, notice -> assertThat(
                        notice.reply().text().orElseThrow().text())
                .startsWith("You are pressing buttons quickly."));
        assertThat(searches[0]).isEqualTo(2);
    }

    @Test
    void sourcesAndItsPaging_overBudget_answerPrivately() {
        List<DocumentSummary> documents = List.of(SampleData.summary("a", "Alpha essay", "Pub", 1));
        SourcesCommand sources = new SourcesCommand(() -> documents, limits);
        SourcesActionHandler pager = new SourcesActionHandler(() -> documents, limits);
        CommandRequest request = new CommandRequest("sources", Map.of(), ALICE, Optional.empty());

        sources.handle(request);
        sources.handle(request);
        Reply third = sources.handle(request);
        pager.handle("sources:page::0", ALICE);
        pager.handle("sources:page::0", ALICE);
        ActionOutcome thirdPage = pager.handle("sources:page::0", ALICE);

        assertThat(third.text().orElseThrow().text()).startsWith("You are running commands quickly.");
        assertThat(third.cards()).isEmpty();
        assertThat(thirdPage).isInstanceOf(ActionOutcome.Notice.class);
    }

    @Test
    void status_overBudget_answersPrivately() {
        StatusCommand status = new StatusCommand(Optional::empty, clock, clock.instant(), limits);
        CommandRequest request = new CommandRequest("status", Map.of(), ALICE, Optional.empty());

        status.handle(request);
        status.handle(request);

        assertThat(status.handle(request).text().orElseThrow().text()).startsWith("You are running commands quickly.");
        assertThat(status.handle(new CommandRequest("status", Map.of(), BOB, Optional.empty()))
                        .cards())
                .hasSize(1);
    }

    @Test
    void findSources_sharesTheSearchBudget() {
        SearchCommand search = new SearchCommand(
                request -> SampleData.threePassages(),
                new SearchSessions(ticker, new java.util.Random(3)),
                limits,
                3,
                guild -> true);
        FindSourcesCommand find = new FindSourcesCommand(search, 3);
        CommandRequest message = new CommandRequest(
                "Find sources", Map.of(), ALICE, Optional.of("What did the summit decide about missiles?"));

        search.handle(new CommandRequest("search", Map.of("query", "nuclear"), ALICE, Optional.empty()));
        find.handle(message);

        assertThat(find.handle(message).text().orElseThrow().text()).startsWith("You are searching quickly.");
        assertThat(find.handle(message).actions())
                .extracting(ReplyAction::label)
                .isEmpty();
    }
}
