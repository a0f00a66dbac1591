package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real seed documents, read end to end through the manifest, the cleaner and the splitter. */
class SeedCorpusTest {

    private static final String WSWS = "000_a1f61fe0d4b32682";
    private static final String REVCOM = "001_4d0260bb2bcefddf";

    private static CorpusSnapshot snapshot;
    private static List<Passage> passages;

    @BeforeAll
    static void readSeeds() {
        snapshot = new CorpusReader(CorpusOptions.defaults()).read(SeedFiles.directory());
        PassageSplitter splitter = new PassageSplitter();
        passages = snapshot.documents().stream()
                .flatMap(document -> splitter.split(document).stream())
                .toList();
    }

    private static SourceDocument document(String id) {
        return snapshot.documents().stream()
                .filter(document -> document.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<Passage> passagesOf(String id) {
        return passages.stream().filter(passage -> passage.docId().equals(id)).toList();
    }

    private static Paragraph paragraphContaining(SourceDocument document, String text) {
        return document.paragraphs().stream()
                .filter(paragraph -> paragraph.text().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph contains: " + text));
    }

    @Test
    void read_seeds_bothReadNothingSkipped() {
        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly(WSWS, REVCOM);
        assertThat(snapshot.skipped()).isEmpty();
    }

    @Test
    void read_wswsSeed_metadataMatchesManifestWithoutUrl() {
        DocumentMetadata metadata = document(WSWS).metadata();

        assertThat(metadata.title())
                .isEqualTo(
                        "On the eve of the NATO summit in Ankara: European powers drive Ukraine war toward direct conflict with Russia");
        assertThat(metadata.author()).contains("Johannes Stern");
        assertThat(metadata.publisher()).contains("World Socialist Web Site");
        assertThat(metadata.published()).contains(LocalDate.of(2026, 6, 30));
        assertThat(metadata.url()).isEmpty();
        assertThat(metadata.language()).isEqualTo("en");
    }

    @Test
    void read_revcomSeed_metadataMatchesManifestWithoutDate() {
        DocumentMetadata metadata = document(REVCOM).metadata();

        assertThat(metadata.title())
                .isEqualTo("U.S./NATO vs. Russia in Ukraine War: Planning and Preparing Dangerous Escalations");
        assertThat(metadata.publisher()).contains("revcom.us");
        assertThat(metadata.url())
                .contains(
                        URI.create(
                                "https://revcom.us/en/usnato-vs-russia-ukraine-war-planning-and-preparing-dangerous-escalations"));
        assertThat(metadata.published()).isEmpty();
        assertThat(metadata.author()).isEmpty();
    }

    @Test
    void read_wswsSeed_headLinesUsedAsMetadataAreNotBody() {
        SourceDocument document = document(WSWS);

        assertThat(document.text())
                .startsWith("The war in Ukraine has entered an extraordinarily dangerous new stage.");
        assertThat(document.text())
                .doesNotContain("Johannes Stern", "30 June 2026", "On the eve of the NATO summit in Ankara:");
    }

    @Test
    void read_wswsSeed_threeMidSentenceBreaksAreRejoined() {
        SourceDocument document = document(WSWS);

        assertThat(paragraphContaining(document, "since the Second World War,").text())
                .contains(
                        "the largest rearmament since the Second World War, the restructuring of industry for military production");
        assertThat(paragraphContaining(document, "accommodation with its").text())
                .contains("through accommodation with its “Western partners.” This conception lies in ruins.");
        assertThat(paragraphContaining(document, "it is already unfolding through")
                        .text())
                .contains(
                        "it is already unfolding through interconnected fronts in Eastern Europe, the Middle East and the Pacific.");
        assertThat(document.paragraphs()).noneMatch(paragraph -> TextCleaner.startsLowercase(paragraph.text()));
        // The body has 34 blocks, three of which are second halves: exactly three joins, no more.
        assertThat(document.paragraphs()).hasSize(31);
    }

    @Test
    void read_wswsSeed_trailerAfterEndMarkerIsGone() {
        assertThat(document(WSWS).text())
                .endsWith("can stop the descent into a devastating European and global nuclear war.")
                .doesNotContain("To contact", "wsws.org/contact");
    }

    @Test
    void read_revcomSeed_titleLineAndChromeAreGone() {
        SourceDocument document = document(REVCOM);

        assertThat(document.text())
                .doesNotContain(
                        "Skip to main content",
                        "Planning and Preparing Dangerous Escalations",
                        "DONATE",
                        "Your donations",
                        "[back]");
        assertThat(document.paragraphs().get(document.paragraphs().size() - 1).text())
                .endsWith("We encourage readers to study and distribute these articles.");
    }

    @Test
    void read_revcomSeed_headingsBecomeSectionsNotParagraphs() {
        SourceDocument document = document(REVCOM);
        String longHeading = "This Whole Dynamic Must Be Urgently, Radically Changed—in the Interests of Humanity, "
                + "Not Rival and Contending Imperialists";

        assertThat(document.paragraphs())
                .extracting(Paragraph::section)
                .map(section -> section.orElse(""))
                .containsSubsequence(
                        "", "Crossing Red Lines", "Spring Offensives", "This Dynamic Must Be Changed", longHeading);
        assertThat(document.paragraphs())
                .extracting(Paragraph::text)
                .doesNotContain("Crossing Red Lines", "Spring Offensives", "This Dynamic Must Be Changed", longHeading);
        assertThat(paragraphContaining(document, "All this emphasizes why").section())
                .contains(longHeading);
    }

    @Test
    void read_revcomSeed_captionsAreSeparateAndCreditsDropped() {
        SourceDocument document = document(REVCOM);

        assertThat(document.paragraphs())
                .filteredOn(Paragraph::caption)
                .extracting(Paragraph::text)
                .containsExactly(
                        "NATO heads meet in Germany.",
                        "The US heads an alliance of 30 imperialist powers centered in Europe.",
                        "Map of countries supplying military aid to Ukraine",
                        "Donetsk, Ukraine, November 19, 2021, three months before Russia invaded Ukraine: U.S. embassy delegation led"
                                + " by Army military attaché reviews map with Ukrainian officers who are conducting military operations"
                                + " against pro-Russian forces in eastern Ukraine.");
        assertThat(paragraphContaining(document, "Map of countries").section()).isEmpty();
        assertThat(document.text()).doesNotContain("Photo:", "Map: Wikipedia", "\u00A0", "  ");
    }

    @Test
    void split_seeds_noPassageHoldsACaptionOrACredit() {
        SourceDocument revcom = document(REVCOM);
        List<String> captions = revcom.paragraphs().stream()
                .filter(Paragraph::caption)
                .map(Paragraph::text)
                .toList();

        assertThat(captions).hasSize(4);
        assertThat(passages)
                .allSatisfy(passage ->
                        assertThat(passage.text()).doesNotContain(captions).doesNotContain("Photo:", "Map: Wikipedia"));
        assertThat(passagesOf(REVCOM))
                .filteredOn(passage -> passage.text().contains("Bob Avakian Interviews"))
                .singleElement()
                .satisfies(
                        passage -> assertThat(passage.text()).doesNotContain("imperialist powers centered in Europe"));
    }

    @Test
    void split_seeds_medvedevPassageIsInSpringOffensives() {
        assertThat(passages)
                .filteredOn(passage -> passage.text().contains("Medvedev"))
                .singleElement()
                .extracting(Passage::section)
                .isEqualTo(Optional.of("Spring Offensives"));
    }

    @Test
    void split_seeds_noBoilerplateInAnyPassage() {
        assertThat(passages).isNotEmpty().allSatisfy(passage -> assertThat(passage.text())
                .doesNotContain(
                        "Skip to main content",
                        "DONATE",
                        "Photo: NATO",
                        "Photo: AP",
                        "Map: Wikipedia",
                        "wsws.org/contact"));
    }

    @Test
    void split_seeds_passagesAre40To200Words() {
        for (Passage passage : passages) {
            int words = TextCleaner.wordCount(passage.text());
            assertThat(words).as(passage.id() + ": " + passage.text()).isBetween(40, 200);
        }
    }

    @Test
    void split_seeds_offsetsAreExactForEveryPassageAndParagraph() {
        for (SourceDocument document : snapshot.documents()) {
            assertThat(document.paragraphs())
                    .allSatisfy(paragraph -> assertThat(document.text().substring(paragraph.start(), paragraph.end()))
                            .isEqualTo(paragraph.text()));
        }
        assertThat(passages).allSatisfy(passage -> assertThat(
                        document(passage.docId()).text().substring(passage.start(), passage.end()))
                .isEqualTo(passage.text()));
    }

    @Test
    void split_seeds_passagesCoverEveryParagraphButCaptionsInOrder() {
        for (SourceDocument document : snapshot.documents()) {
            List<Passage> own = passagesOf(document.id());
            assertThat(own)
                    .extracting(Passage::ordinal)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, own.size())
                            .boxed()
                            .toList());
            String joined = String.join("\n\n", own.stream().map(Passage::text).toList());
            String body = String.join(
                    "\n\n",
                    document.paragraphs().stream()
                            .filter(paragraph -> !paragraph.caption())
                            .map(Paragraph::text)
                            .toList());
            assertThat(joined).isEqualTo(body);
        }
    }
}
