package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.citebot.reply.Choice;
import org.junit.jupiter.api.Test;

class SearchSuggestionsTest {

    private final SearchSuggestions suggestions = new SearchSuggestions(
            () -> Stream.of(
                            "The Atlantic Review",
                            "Policy Gazette",
                            "Escalation ladders revisited",
                            "policy gazette",
                            "Atlas of deterrence")
                    .map(title -> SearchSuggestions.sourceChoice(title, "id-" + title.length()))
                    .toList(),
            guild -> guild.map(id -> List.of(
                            "Nuclear posture",
                            "Escalation",
                            "De-escalation in practice",
                            "Europe's escalation debate",
                            "asked in " + id))
                    .orElse(List.of(
                            "Nuclear posture",
                            "Escalation",
                            "De-escalation in practice",
                            "Europe's escalation debate")));

    @Test
    void sources_prefixBeforeWordStartBeforeContains_duplicatesIgnoringCaseLeftOut() {
        assertThat(suggestions.sources("at"))
                .extracting(Choice::name)
                .containsExactly("Atlas of deterrence", "The Atlantic Review", "Escalation ladders revisited");
        assertThat(suggestions.sources("GAZ")).extracting(Choice::value).containsExactly("Policy Gazette");
    }

    @Test
    void queries_wordStartRanksAboveInsideWord() {
        assertThat(suggestions.queries("escal", Optional.empty()))
                .extracting(Choice::name)
                .containsExactly("Escalation", "De-escalation in practice", "Europe's escalation debate");
        assertThat(suggestions.queries("scal", Optional.empty()))
                .extracting(Choice::name)
                .containsExactly("Escalation", "De-escalation in practice", "Europe's escalation debate");
        assertThat(suggestions.queries("posture", Optional.empty()))
                .extracting(Choice::name)
                .containsExactly("Nuclear posture");
    }

    @Test
    void queries_emptyInput_offersTheFirstOnes() {
        assertThat(suggestions.queries("  ", Optional.empty())).hasSize(4);
    }

    @Test
    void queries_offerOnlyTheAskingServersOwnQueries() {
        assertThat(suggestions.queries("asked", Optional.of("g1")))
                .extracting(Choice::name)
                .containsExactly("asked in g1");
        assertThat(suggestions.queries("asked", Optional.of("g2")))
                .extracting(Choice::name)
                .containsExactly("asked in g2");
        assertThat(suggestions.queries("asked", Optional.empty())).isEmpty();
    }

    @Test
    void sourceChoice_titleTooLongForDiscord_filtersByDocumentId() {
        String title = "A".repeat(150);

        Choice choice = SearchSuggestions.sourceChoice(title, "000_doc");

        assertThat(choice.name()).hasSizeLessThanOrEqualTo(100).endsWith("…");
        assertThat(choice.value()).isEqualTo("000_doc");
    }

    @Test
    void match_manyCandidates_atMost25() {
        List<String> many = IntStream.range(0, 100).mapToObj(i -> "Title " + i).toList();

        assertThat(SearchSuggestions.match(many, "title"))
                .hasSize(25)
                .first()
                .isEqualTo(new Choice("Title 0", "Title 0"));
    }

    @Test
    void match_longCandidate_nameAndValueCutTo100WithoutSplittingEmoji() {
        String title = "x".repeat(99) + "😀" + "y".repeat(50);

        Choice choice = SearchSuggestions.match(List.of(title), "x").get(0);

        assertThat(choice.name()).hasSizeLessThanOrEqualTo(100).endsWith("…");
        assertThat(choice.value()).hasSizeLessThanOrEqualTo(100).isEqualTo("x".repeat(99));
        assertThat(choice.name()).doesNotContain("\uD83D…");
    }

    @Test
    void searchCommand_autocompleteRoutesByOption() {
        SearchCommand command = new SearchCommand(
                request -> {
                    throw new AssertionError("no search");
                },
                sessions(),
                limiter(),
                5,
                guild -> false,
                suggestions,
                SearchRecorder.NONE);

        assertThat(command.autocomplete("source", "policy", Invoker.console()))
                .extracting(Choice::value)
                .containsExactly("Policy Gazette");
        assertThat(command.autocomplete("query", "nuc", Invoker.console()))
                .extracting(Choice::value)
                .containsExactly("Nuclear posture");
        assertThat(command.autocomplete("results", "1", Invoker.console())).isEmpty();
    }

    @Test
    void searchCommand_ephemeralHint_followsPrivateOptionThenGuildDefault() {
        List<Optional<String>> asked = new ArrayList<>();
        SearchCommand command = new SearchCommand(
                request -> {
                    throw new AssertionError("no search");
                },
                sessions(),
                limiter(),
                5,
                guild -> {
                    asked.add(guild);
                    return true;
                });
        Invoker member = new Invoker("u1", Optional.of("g1"), Optional.of("c1"), false, List.of());

        assertThat(command.ephemeralHint(
                        new CommandRequest("search", Map.of("private", false), member, Optional.empty())))
                .isFalse();
        assertThat(command.ephemeralHint(new CommandRequest("search", Map.of(), member, Optional.empty())))
                .isTrue();
        assertThat(asked).containsExactly(Optional.of("g1"));
    }

    static SearchSessions sessions() {
        return new SearchSessions(Ticker.systemTicker(), new Random(7));
    }

    static MemberLimits limiter() {
        return MemberLimits.uniform(1000, Duration.ofSeconds(10), Clock.systemUTC(), Ticker.systemTicker());
    }
}
