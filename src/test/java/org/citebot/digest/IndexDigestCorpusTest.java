package org.citebot.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.citebot.digest.DigestCorpus.Contents;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.IndexedDocument;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDigestCorpusTest {

    @TempDir
    Path dir;

    @Test
    void read_documentsWithContentHashAndOpening_andEveryPassage() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        IndexedDocument escalation = TestCorpus.escalation();
        try (PassageIndex index = PassageIndex.open(
                dir, IndexSettings.defaults(), Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC))) {
            index.rebuild(List.of(summit, escalation));

            Contents contents = new IndexDigestCorpus(() -> index).read();

            assertThat(contents.documents())
                    .extracting(CorpusDocument::docId)
                    .containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID);
            CorpusDocument first = contents.documents().get(0);
            assertThat(first.contentHash()).isEqualTo(summit.document().contentHash());
            assertThat(first.metadata().title()).startsWith("On the eve of the NATO summit");
            assertThat(first.opening()).isEqualTo(summit.passages().get(0).text());
            assertThat(contents.passages())
                    .hasSize(summit.passages().size() + escalation.passages().size());
            assertThat(contents.passages().get(1).passage().id()).isEqualTo(TestCorpus.SUMMIT_ID + "#1");
        }
    }

    @Test
    void lead_twoSentences_wellFormed_rejectsFragments() {
        String text = "The war has entered a new stage. On the eve of the summit, powers escalate. A third sentence.";
        assertThat(DigestComposer.lead(text))
                .isEqualTo("The war has entered a new stage. On the eve of the summit, powers escalate.");
        assertThat(DigestComposer.lead("Only one sentence here.")).isEqualTo("Only one sentence here.");

        String prose = "The alliance has committed itself to massive increases in military spending. "
                .repeat(4)
                .strip();
        assertThat(DigestComposer.wellFormed(prose)).isTrue();
        assertThat(DigestComposer.wellFormed("Too short. Really.")).isFalse();
        assertThat(DigestComposer.wellFormed("and then " + prose))
                .as("starts mid-sentence")
                .isFalse();
        assertThat(DigestComposer.wellFormed(prose.substring(0, prose.length() - 1) + ","))
                .as("stops mid-sentence")
                .isFalse();
    }
}
