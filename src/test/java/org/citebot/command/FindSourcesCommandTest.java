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
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.StyledText;
import org.citebot.search.SearchRequest;
import org.junit.jupiter.api.Test;

class FindSourcesCommandTest {

    private final List<SearchRequest> asked = new ArrayList<>();
    private final SearchCommand search = new SearchCommand(
            request -> {
                asked.add(request);
                return SampleData.threePassages();
            },
            new SearchSessions(Ticker.systemTicker(), new Random(1)),
            SearchSuggestionsTest.limiter(),
            5,
            guild -> false);
    private final FindSourcesCommand command = new FindSourcesCommand(search, 3);

    @Test
    void spec_isTheFindSourcesMessageMenuEntry() {
        assertThat(command.spec().kind()).isEqualTo(CommandSpec.Kind.MESSAGE_CONTEXT);
        assertThat(command.spec().name()).isEqualTo("Find sources");
        assertThat(command.spec().moderatorOnly()).isFalse();
    }

    @Test
    void handle_message_searchesItsWordsAndAnswersPrivatelyWithShareButton() {
        Reply reply = command.handle(request(
                "<@123> did \"nuclear escalation\" -really start https://x.example/y?q=1 in Europe? :thinking: <@&9>"));

        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.query()).isEqualTo("did nuclear escalation really start in Europe");
            assertThat(request.limit()).isEqualTo(3);
            assertThat(request.offset()).isZero();
        });
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.cards()).hasSize(3);
        assertThat(reply.actions()).anySatisfy(action -> assertThat(action)
                .isInstanceOfSatisfying(ReplyAction.Button.class, button -> assertThat(button.actionId())
                        .startsWith("search:share:")));
    }

    @Test
    void handle_messageWithoutWords_clearNoticeAndNoSearch() {
        Reply reply = command.handle(request("https://example.org <@42> <:pepe:123> 👍 !!! --"));

        assertThat(asked).isEmpty();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).map(StyledText::text).contains(FindSourcesCommand.NO_WORDS);
    }

    @Test
    void handle_noTargetText_sameNotice() {
        Reply reply = command.handle(new CommandRequest("Find sources", Map.of(), Invoker.console(), Optional.empty()));

        assertThat(reply.text()).map(StyledText::text).contains(FindSourcesCommand.NO_WORDS);
    }

    @Test
    void query_longMessage_keepsAtMost32WordsAnd300Characters() {
        String query = FindSourcesCommand.query("word ".repeat(500) + " ünïcödé");
        String longWords = FindSourcesCommand.query(("abcdefghij".repeat(3) + " ").repeat(40));

        assertThat(query.split(" ")).hasSize(FindSourcesCommand.MAX_WORDS);
        assertThat(longWords).hasSizeLessThanOrEqualTo(FindSourcesCommand.MAX_QUERY_CHARS);
    }

    @Test
    void handle_rateLimited_friendlyNoticeInsteadOfSearch() {
        SearchCommand limited = new SearchCommand(
                request -> SampleData.threePassages(),
                SearchSuggestionsTest.sessions(),
                MemberLimits.uniform(1, Duration.ofSeconds(10), Clock.systemUTC(), Ticker.systemTicker()),
                5,
                guild -> false);
        FindSourcesCommand find = new FindSourcesCommand(limited, 3);

        find.handle(request("escalation"));
        Reply second = find.handle(request("escalation"));

        assertThat(second.text()).map(StyledText::text).hasValueSatisfying(text -> assertThat(text)
                .startsWith("You are searching quickly."));
    }

    private static CommandRequest request(String text) {
        Invoker member = new Invoker("u1", Optional.of("g1"), Optional.of("c1"), false, List.of());
        return new CommandRequest("Find sources", Map.of(), member, Optional.of(text));
    }
}
