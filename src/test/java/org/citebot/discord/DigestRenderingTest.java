package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.digest.Digest;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.digest.DigestReplies;
import org.citebot.passages.StoredPassage;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.citebot.search.SearchHit;
import org.citebot.search.Snippet;
import org.junit.jupiter.api.Test;

/** The digest goes through the same limit-safe renderer as search answers. */
class DigestRenderingTest {

    private final DiscordRenderer renderer = new DiscordRenderer();

    private static DocumentMetadata metadata(String title) {
        return new DocumentMetadata(
                title,
                Optional.of("An Author"),
                Optional.of("@everyone News"),
                Optional.of(LocalDate.of(2026, 6, 30)),
                Optional.of(URI.create("https://example.org/same-page")),
                "en");
    }

    private static Digest typicalDigest() {
        DocumentMetadata doc = new DocumentMetadata(
                "Summit ends without agreement",
                Optional.of("J. Stern"),
                Optional.of("World News"),
                Optional.of(LocalDate.of(2026, 6, 30)),
                Optional.of(URI.create("https://example.org/summit")),
                "en");
        String text =
                "The summit ended without agreement. Delegations will meet again in July. Nothing else was decided.";
        CorpusDocument added = new CorpusDocument("summit", doc, "h1", text);
        Passage passage = new Passage("summit", 0, 1, Optional.empty(), text, 0, text.length());
        SearchHit hit = new SearchHit(
                1,
                passage,
                doc,
                1.0f,
                new Snippet(text, List.of(), false, false),
                Optional.of(URI.create("https://example.org/summit#:~:text=The%20summit")));
        return new Digest(
                "1",
                LocalDate.of(2026, 7, 1),
                List.of(new Digest.NewDocument(
                        added, false, "The summit ended without agreement. Delegations will meet again in July.")),
                List.of(new Digest.AskedQuestion("summit agreement", 4, Optional.of(hit))),
                Optional.of(new Digest.PassageOfTheDay(
                        new StoredPassage(passage, doc),
                        Optional.of(URI.create("https://example.org/summit#:~:text=The%20summit%20ended")))),
                List.of(new FrequentQuery("moon cheese", 2)),
                Map.of());
    }

    @Test
    void typicalDigest_matchesTheStoredRendering() {
        JsonNode json = DiscordJson.json(renderer.create(DigestReplies.post(typicalDigest())));

        DiscordJson.assertWithinLimits(json);
        DiscordJson.assertMatchesExpected("digest-post", json);
        JsonNode moderators = DiscordJson.json(
                renderer.create(DigestReplies.unanswered(typicalDigest()).orElseThrow()));
        DiscordJson.assertMatchesExpected("digest-unanswered", moderators);
    }

    @Test
    void fullDigest_withHugeTextsAndMentions_fitsDiscordsLimitsAndPingsNobody() {
        String huge = ("@everyone <@&123456789012345678> The talks went on. ").repeat(60);
        List<Digest.NewDocument> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DocumentMetadata doc = metadata("A very long title ".repeat(20) + i);
            added.add(new Digest.NewDocument(new CorpusDocument("d" + i, doc, "h", huge), i % 2 == 0, huge));
        }
        List<Digest.AskedQuestion> asked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DocumentMetadata doc = metadata("Asked " + i);
            Passage passage = new Passage("d" + i, i, i + 1, Optional.of("Section"), huge, 0, huge.length());
            asked.add(new Digest.AskedQuestion(
                    "question @here ".repeat(10) + i,
                    7,
                    Optional.of(new SearchHit(
                            1, passage, doc, 1f, new Snippet(huge, List.of(), false, false), doc.url()))));
        }
        DocumentMetadata doc = metadata("Passage");
        Passage passage = new Passage("p", 0, 3, Optional.empty(), huge, 0, huge.length());
        Digest digest = new Digest(
                "1",
                LocalDate.of(2026, 7, 1),
                added,
                asked,
                Optional.of(new Digest.PassageOfTheDay(new StoredPassage(passage, doc), doc.url())),
                List.of(),
                Map.of());

        JsonNode json = DiscordJson.json(renderer.create(DigestReplies.post(digest)));

        DiscordJson.assertWithinLimits(json);
        assertThat(json.path("embeds")).hasSize(9);
        assertThat(json.at("/allowed_mentions/parse")).isEmpty();
        // Embeds never ping; role mentions are escaped all the same, and a repeated URL is kept once.
        assertThat(json.toString()).doesNotContainPattern("[^\\\\]<@&");
        assertThat(json.findValuesAsText("url")).containsOnlyOnce("https://example.org/same-page");
    }
}
