package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {

    private final PassageSplitter splitter = new PassageSplitter();

    /** A paragraph to lay out: its section, text and whether it is a caption. */
    private record Spec(Optional<String> section, String text, boolean caption) {}

    private static Spec body(String section, String text) {
        return new Spec(Optional.ofNullable(section), text, false);
    }

    private static Spec caption(String section, String text) {
        return new Spec(Optional.ofNullable(section), text, true);
    }

    private static SourceDocument document(Spec... specs) {
        StringBuilder text = new StringBuilder();
        List<Paragraph> paragraphs = new ArrayList<>();
        for (Spec spec : specs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(spec.text());
            paragraphs.add(new Paragraph(
                    paragraphs.size() + 1, spec.section(), spec.text(), start, text.length(), spec.caption()));
        }
        DocumentMetadata metadata =
                new DocumentMetadata("T", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "en");
        return new SourceDocument("doc", "doc.txt", "hash", metadata, text.toString(), paragraphs);
    }

    /** {@code first} followed by filler up to {@code words} tokens, counting {@code first} as one. */
    private static String sentence(int words, String first) {
        StringBuilder sentence = new StringBuilder(first);
        for (int i = 1; i < words; i++) {
            sentence.append(" word");
        }
        return sentence.append('.').toString();
    }

    private static String words(int count, String first) {
        return sentence(count, first);
    }

    private static int wordCount(Passage passage) {
        return TextCleaner.wordCount(passage.text());
    }

    private static void assertExactOffsets(SourceDocument document, List<Passage> passages) {
        assertThat(passages).allSatisfy(passage -> assertThat(document.text().substring(passage.start(), passage.end()))
                .isEqualTo(passage.text()));
    }

    @Test
    void split_normalParagraphs_oneFullParagraphPerPassage() {
        SourceDocument document = document(body(null, words(60, "Alpha")), body(null, words(120, "Beta")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages).extracting(Passage::text).containsExactly(words(60, "Alpha"), words(120, "Beta"));
        assertThat(passages).extracting(Passage::paragraph).containsExactly(1, 2);
        assertThat(passages).extracting(Passage::ordinal).containsExactly(0, 1);
        assertThat(passages).extracting(Passage::id).containsExactly("doc#0", "doc#1");
        assertExactOffsets(document, passages);
    }

    @Test
    void split_tinyParagraph_isMergedWithTheNextInItsSection() {
        SourceDocument document = document(body(null, words(10, "Lead")), body(null, words(60, "Body")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages).singleElement().satisfies(passage -> {
            assertThat(passage.text()).isEqualTo(words(10, "Lead") + "\n\n" + words(60, "Body"));
            assertThat(passage.paragraph()).isEqualTo(1);
        });
        assertExactOffsets(document, passages);
    }

    @Test
    void split_tinyLastParagraph_isMergedWithThePrevious() {
        SourceDocument document = document(body("S", words(60, "Body")), body("S", words(10, "Tail")));

        assertThat(splitter.split(document))
                .singleElement()
                .extracting(Passage::paragraph)
                .isEqualTo(1);
    }

    @Test
    void split_tinyParagraphAloneInSection_staysShortAndNeverCrossesTheSection() {
        SourceDocument document = document(body("One", words(60, "Body")), body("Two", words(10, "Lonely")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages).extracting(Passage::section).containsExactly(Optional.of("One"), Optional.of("Two"));
        assertThat(wordCount(passages.get(1))).isEqualTo(10);
    }

    @Test
    void split_mergeWouldExceedMaximum_staysApart() {
        SourceDocument document =
                document(body(null, words(190, "Big")), body(null, words(20, "Small")), body(null, words(190, "Big")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages).hasSize(3).allSatisfy(passage -> assertThat(wordCount(passage))
                .isLessThanOrEqualTo(200));
    }

    @Test
    void split_captionBetweenShortParagraphs_isNoPassageAndNothingMergesAcrossIt() {
        SourceDocument document = document(
                body(null, words(20, "Before")),
                caption(null, "Leaders meet at the summit in Berlin, where the chancellor greeted them at the door."),
                body(null, words(20, "After")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages).extracting(Passage::text).containsExactly(words(20, "Before"), words(20, "After"));
    }

    @Test
    void split_longCaption_isNoPassageEither() {
        SourceDocument document = document(body(null, words(50, "Body")), caption(null, words(120, "Caption")));

        assertThat(splitter.split(document)).extracting(Passage::text).containsExactly(words(50, "Body"));
    }

    @Test
    void split_longParagraph_isCutAtSentenceBoundariesIntoBalancedChunks() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append(i == 0 ? "" : " ").append(sentence(25, "Mr. Smith of St. Petersburg and the U.S. Navy said"));
        }
        SourceDocument document = document(body("S", text.toString()));

        List<Passage> passages = splitter.split(document);

        // 20 sentences of 34 words: 680 words, so five chunks of four sentences (136 words) each.
        assertThat(passages).hasSize(5).allSatisfy(passage -> {
            assertThat(wordCount(passage)).isEqualTo(136);
            assertThat(passage.text()).startsWith("Mr. Smith").endsWith("word.");
            assertThat(passage.paragraph()).isEqualTo(1);
            assertThat(passage.section()).contains("S");
        });
        assertExactOffsets(document, passages);
    }

    @Test
    void split_sentenceLongerThanMaximum_isCutBetweenWords() {
        SourceDocument document = document(body(null, words(450, "Run")));

        List<Passage> passages = splitter.split(document);

        assertThat(passages)
                .allSatisfy(passage -> assertThat(wordCount(passage)).isBetween(40, 200));
        assertThat(passages.stream().mapToInt(PassageSplitterTest::wordCount).sum())
                .isEqualTo(450);
        assertExactOffsets(document, passages);
    }

    @Test
    void split_millionShortParagraphs_areMergedWithinSeconds() {
        Spec[] specs = new Spec[1_000_000];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = body(null, "Short one.");
        }
        SourceDocument document = document(specs);

        // Restarting the merge from the first piece after every merge made this quadratic.
        List<Passage> passages = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> splitter.split(document));

        assertThat(passages).hasSize(50_000).allSatisfy(passage -> assertThat(wordCount(passage))
                .isEqualTo(40));
        assertExactOffsets(document, passages.subList(0, 100));
    }

    @Test
    void split_runsOfRandomParagraphs_mergeExactlyAsTheRuleSays() {
        Random random = new Random(20261201);
        for (int round = 0; round < 2_000; round++) {
            int count = 1 + random.nextInt(12);
            List<Integer> lengths = new ArrayList<>();
            Spec[] specs = new Spec[count];
            for (int i = 0; i < count; i++) {
                int length = random.nextBoolean() ? 1 + random.nextInt(45) : 1 + random.nextInt(200);
                lengths.add(length);
                specs[i] = body("S", words(length, "P" + i));
            }

            List<Integer> expected = mergedByTheRule(lengths);

            assertThat(splitter.split(document(specs)))
                    .as("paragraphs of %s words", lengths)
                    .extracting(PassageSplitterTest::wordCount)
                    .isEqualTo(expected);
        }
    }

    /**
     * The merge rule written as plainly as possible, slow but obviously right: take the first short
     * piece that can merge, merge it with the next piece if that fits, else with the previous one,
     * and start over.
     */
    private static List<Integer> mergedByTheRule(List<Integer> lengths) {
        List<Integer> pieces = new ArrayList<>(lengths);
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < pieces.size() && !merged; i++) {
                if (pieces.get(i) >= PassageSplitter.MIN_WORDS) {
                    continue;
                }
                if (i + 1 < pieces.size() && pieces.get(i) + pieces.get(i + 1) <= PassageSplitter.MAX_WORDS) {
                    pieces.set(i, pieces.get(i) + pieces.remove(i + 1));
                    merged = true;
                } else if (i > 0 && pieces.get(i - 1) + pieces.get(i) <= PassageSplitter.MAX_WORDS) {
                    pieces.set(i - 1, pieces.get(i - 1) + pieces.remove(i));
                    merged = true;
                }
            }
        }
        return pieces;
    }
}
