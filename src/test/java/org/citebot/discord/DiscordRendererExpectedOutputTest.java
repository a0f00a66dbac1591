package org.citebot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.command.CommandRequest;
import org.citebot.command.Invoker;
import org.citebot.command.SampleData;
import org.citebot.command.SearchReplies;
import org.citebot.command.SourcesCommand;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Reply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Typical answers rendered for Discord, compared exactly with the files in
 * {@code src/test/resources/discord/expected}. After an intended change, regenerate them with
 * {@code mvn test -Dtest=DiscordRendererExpectedOutputTest -Dcitebot.updateSnapshots=true} and
 * review the diff.
 */
@DisplayName("DiscordRenderer renders typical answers exactly as stored")
class DiscordRendererExpectedOutputTest {

    private final DiscordRenderer renderer = new DiscordRenderer();

    @Test
    void searchAnswerWithThreePassages() {
        Reply reply = SearchReplies.answer(SampleData.threePassages(), "nuclear escalation", "k3x9q2ab7c", 0, 3, true);

        check("search-three-passages", reply);
    }

    @Test
    void noResultAnswerWithSuggestions() {
        Reply reply = SearchReplies.answer(SampleData.noResults(), "nucular escalasion", "k3x9q2ab7c", 0, 5, false);

        check("search-no-results", reply);
    }

    @Test
    void sourcesPage() {
        List<DocumentSummary> documents = new ArrayList<>(List.of(
                SampleData.summary("escalation", "Escalation ladders revisited", "The Atlantic Review", 42),
                SampleData.summary("deterrence", "Deterrence_in *Europe* [part 2]", "Policy Gazette", 17),
                SampleData.summary("annex", "Annex: # of warheads, 1945-2025", "Policy Gazette", 3)));
        for (int i = 0; i < 10; i++) {
            documents.add(SampleData.summary("z" + i, "Zeitgeist notes " + i, "Other Press", i + 1));
        }
        Reply reply = new SourcesCommand(() -> List.copyOf(documents))
                .handle(new CommandRequest("sources", Map.of(), Invoker.console(), Optional.empty()));

        check("sources-page", reply);
    }

    private void check(String name, Reply reply) {
        var json = DiscordJson.json(renderer.create(reply));
        DiscordJson.assertWithinLimits(json);
        DiscordJson.assertMatchesExpected(name, json);
    }
}
