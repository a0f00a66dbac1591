package org.citebot.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.StoredPassage;
import org.citebot.search.SearchResults;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.SqlQueryLog;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDigestCorpusTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void reads_hashesOfEveryDocument_metadataAndOpeningOfThoseAsked_everyPassageOfASmallCorpus() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        IndexedDocument escalation = TestCorpus.escalation();
        try (PassageIndex index = PassageIndex.open(dir, IndexSettings.defaults(), CLOCK)) {
            index.rebuild(List.of(summit, escalation));
            IndexDigestCorpus corpus = new IndexDigestCorpus(() -> index);

            assertThat(corpus.contentHashes())
                    .containsOnly(
                            Map.entry(TestCorpus.SUMMIT_ID, summit.document().contentHash()),
                            Map.entry(
                                    TestCorpus.ESCALATION_ID,
                                    escalation.document().contentHash()));
            Map<String, DocumentMetadata> metadata = corpus.metadata(Set.of(TestCorpus.SUMMIT_ID, "gone"));
            assertThat(metadata).containsOnlyKeys(TestCorpus.SUMMIT_ID);
            assertThat(metadata.get(TestCorpus.SUMMIT_ID).title()).startsWith("On the eve of the NATO summit");
            assertThat(corpus.opening(TestCorpus.SUMMIT_ID))
                    .isEqualTo(summit.passages().get(0).text());
            assertThat(corpus.opening("gone")).isEmpty();
            assertThat(corpus.passageSample("guild|2026-07-01", 256))
                    .hasSize(summit.passages().size() + escalation.passages().size());
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "Composing a digest reads the same few passages from 400 or 8,000 (not all of them, as it did)")
    void compose_readsABoundedNumberOfPassagesWhateverTheCorpusSize() throws IOException {
        long small = passagesReadComposing(dir.resolve("small"), 20);
        long large = passagesReadComposing(dir.resolve("large"), 400);

        int bound = DigestComposer.PASSAGE_SAMPLE * 3 + DigestComposer.MAX_NEW_DOCUMENTS;
        assertThat(small).isBetween(1L, (long) bound);
        assertThat(large).as("of 8,000 passages").isBetween(1L, (long) bound);
    }

    /**
     * Composes a full digest (five changed documents, a passage of the day) of a corpus of 20
     * documents with {@code passagesEach} passages each; returns how many stored passages it read.
     */
    private long passagesReadComposing(Path root, int passagesEach) throws IOException {
        List<IndexedDocument> documents = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            Para[] paras = new Para[passagesEach];
            for (int p = 0; p < passagesEach; p++) {
                paras[p] = Para.of(("Delegation " + p + " of report " + d
                                + " met in Geneva to discuss the grain corridor and the ceasefire. ")
                        .repeat(3)
                        .strip());
            }
            documents.add(TestCorpus.document(
                    "doc" + d, TestCorpus.metadata("Report " + d, null, "Press", "2026-06-" + (10 + d), null), paras));
        }
        LongAdder read = new LongAdder();
        try (PassageIndex index = PassageIndex.open(root.resolve("index"), IndexSettings.defaults(), CLOCK);
                StateStore store = StateStore.open(root.resolve("citebot.db"), CLOCK)) {
            index.rebuild(documents);
            IndexDigestCorpus corpus = new IndexDigestCorpus(() -> index, read);
            DigestRuns runs = new SqlDigestRuns(store);
            Map<String, String> seen = new HashMap<>(corpus.contentHashes());
            for (int d = 0; d < 6; d++) {
                seen.put("doc" + d, "an older version");
            }
            runs.replaceSeenDocuments("1", seen);
            DigestComposer composer = new DigestComposer(
                    corpus,
                    new SqlQueryLog(store),
                    request -> new SearchResults(request.query(), 0, false, 0, List.of(), 0, List.of(), List.of()),
                    runs);
            read.reset();

            Digest digest = composer.compose(
                    new DigestSettings(
                            "1",
                            "2",
                            LocalTime.of(8, 0),
                            ZoneId.of("UTC"),
                            DigestSection.all(),
                            true,
                            Optional.empty(),
                            0,
                            false),
                    CLOCK.instant(),
                    LocalDate.of(2026, 7, 1));

            assertThat(digest.newDocuments()).hasSize(DigestComposer.MAX_NEW_DOCUMENTS);
            assertThat(digest.newDocuments().get(0).lead()).startsWith("Delegation 0 of report 5");
            assertThat(digest.passageOfTheDay())
                    .map(p -> p.passage())
                    .map(StoredPassage::metadata)
                    .isPresent();
            assertThat(digest.corpusHashes()).hasSize(20);
        }
        return read.sum();
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
