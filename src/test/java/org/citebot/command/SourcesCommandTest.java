package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.junit.jupiter.api.Test;

class SourcesCommandTest {

    private final List<DocumentSummary> documents = new ArrayList<>();
    private final SourcesCommand command = new SourcesCommand(() -> List.copyOf(documents));
    private final SourcesActionHandler pager = new SourcesActionHandler(() -> List.copyOf(documents));

    @Test
    void handle_noFilter_listsDocumentsByTitleWithPublisherDateAndPassages() {
        documents.add(SampleData.summary("b", "beta report", "Policy Gazette", 12));
        documents.add(SampleData.summary("a", "Alpha essay", "The Atlantic Review", 1));

        Reply reply = command.handle(request(Map.of()));

        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).map(StyledText::text).contains("Sources 1–2 of 2");
        assertThat(reply.cards()).extracting(ReplyCard::title).containsExactly("Alpha essay", "beta report");
        assertThat(reply.cards().get(0).footer()).containsExactly("The Atlantic Review", "30 Jun 2026", "1 passage");
        assertThat(reply.cards().get(1).footer()).containsExactly("Policy Gazette", "30 Jun 2026", "12 passages");
        assertThat(reply.cards().get(0).link()).map(Object::toString).contains("https://example.org/a");
        assertThat(reply.actions()).isEmpty();
    }

    @Test
    void handle_filter_matchesTitleOrPublisherIgnoringCase() {
        documents.add(SampleData.summary("a", "Alpha essay", "The Atlantic Review", 1));
        documents.add(SampleData.summary("b", "Beta report", "Policy Gazette", 2));
        documents.add(SampleData.summary("c", "Gamma gazette notes", "Other", 3));

        Reply reply = command.handle(request(Map.of("filter", "GAZETTE")));

        assertThat(reply.cards()).extracting(ReplyCard::title).containsExactly("Beta report", "Gamma gazette notes");
        assertThat(reply.text()).map(StyledText::text).contains("Sources 1–2 of 2 matching “GAZETTE”");
    }

    @Test
    void handle_filterMatchesNothing_saysSoPrivately() {
        documents.add(SampleData.summary("a", "Alpha essay", "The Atlantic Review", 1));

        Reply reply = command.handle(request(Map.of("filter", "zebra")));

        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.cards()).isEmpty();
        assertThat(reply.text())
                .map(StyledText::text)
                .contains("No sources match “zebra”. Try /sources without a filter to see all 1.");
    }

    @Test
    void handle_emptyCorpus_saysSo() {
        assertThat(command.handle(request(Map.of())).text())
                .map(StyledText::text)
                .contains("The corpus has no documents yet.");
    }

    @Test
    void paging_twentyFiveDocuments_threePagesWithButtonsCarryingTheFilter() {
        for (int i = 0; i < 25; i++) {
            documents.add(SampleData.summary("d" + i, String.format("Doc %02d: notes", i), "Pub", i));
        }

        Reply tenMatches = command.handle(request(Map.of("filter", "doc 0")));
        assertThat(tenMatches.cards()).hasSize(10);
        assertThat(tenMatches.actions()).isEmpty();

        Reply filtered = command.handle(request(Map.of("filter", " notes ")));
        assertThat(filtered.actions())
                .containsExactly(
                        new ReplyAction.Button("◀ Previous", "sources:page:notes:0", false, false),
                        new ReplyAction.Button("Next ▶", "sources:page:notes:1", true, false));

        Reply all = command.handle(request(Map.of()));
        assertThat(all.actions())
                .containsExactly(
                        new ReplyAction.Button("◀ Previous", "sources:page::0", false, false),
                        new ReplyAction.Button("Next ▶", "sources:page::1", true, false));

        ActionOutcome last = pager.handle("sources:page::2", Invoker.console());
        assertThat(last).isInstanceOfSatisfying(ActionOutcome.Update.class, update -> {
            assertThat(update.reply().cards())
                    .extracting(ReplyCard::title)
                    .containsExactly(
                            "Doc 20: notes", "Doc 21: notes", "Doc 22: notes", "Doc 23: notes", "Doc 24: notes");
            assertThat(update.reply().text()).map(StyledText::text).contains("Sources 21–25 of 25");
            assertThat(update.reply().cards())
                    .as("numbered on from the earlier pages")
                    .extracting(card -> card.number().orElseThrow())
                    .containsExactly(21, 22, 23, 24, 25);
            assertThat(update.reply().actions())
                    .containsExactly(
                            new ReplyAction.Button("◀ Previous", "sources:page::1", true, false),
                            new ReplyAction.Button("Next ▶", "sources:page::3", false, false));
        });
    }

    @Test
    void pager_filterWithColons_andPagePastTheEnd_showsLastPage() {
        for (int i = 0; i < 12; i++) {
            documents.add(SampleData.summary("d" + i, "Part " + i + ": a:b", "Pub", 1));
        }

        ActionOutcome outcome = pager.handle("sources:page:: a:b:9", Invoker.console());

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Update.class, update -> assertThat(
                        update.reply().text())
                .map(StyledText::text)
                .contains("Sources 11–12 of 12 matching “: a:b”"));
    }

    @Test
    void pager_malformedIds_areRefusedPolitely() {
        assertThat(pager.handle("sources:page:5", Invoker.console())).isInstanceOf(ActionOutcome.Notice.class);
        assertThat(pager.handle("sources:page::x", Invoker.console())).isInstanceOf(ActionOutcome.Notice.class);
        assertThat(pager.handle("sources:other::1", Invoker.console())).isInstanceOf(ActionOutcome.Notice.class);
    }

    @Test
    void handle_veryLongFilter_keepsActionIdsWithin100Characters() {
        for (int i = 0; i < 30; i++) {
            documents.add(SampleData.summary("d" + i, "x".repeat(200), "Pub", 1));
        }

        Reply reply = command.handle(request(Map.of("filter", "x".repeat(150))));

        assertThat(reply.actions()).isNotEmpty().allSatisfy(action -> assertThat(
                        ((ReplyAction.Button) action).actionId())
                .hasSizeLessThanOrEqualTo(100));
    }

    private static CommandRequest request(Map<String, Object> options) {
        return new CommandRequest("sources", options, Invoker.console(), Optional.empty());
    }
}
