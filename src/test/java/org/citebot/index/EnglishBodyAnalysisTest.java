package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: with the default analysis a passage's body is tokenized once, its words kept on the
 * way to its stems. Every token the {@link IndexSchema#BODY} field of a passage document carries
 * (term, position increment, offsets, and the increment and offset at the end) must be what Lucene's
 * EnglishAnalyzer makes of the text, and its {@link IndexSchema#BODY_WORD_HASHES} the hashes of what
 * the words analyzer makes of it, or the index would change without its schema version saying so.
 */
class EnglishBodyAnalysisTest {

    /** Texts that break a careless shortcut. */
    private static final List<String> HOSTILE = List.of(
            "",
            "   \n\t  ",
            "JOHN'S book, John’s pen, MARY＇S cat and the DOG'S bone; James' hat and IT'S its own.",
            "'s S'S 's's x's X'S O'Neil's CEO's ’s word’s’s",
            "THE'S the's The’s AND'S: stop words hiding behind a possessive.",
            "The beginning and the end of it are the",
            "the a an and of to in it is",
            "The",
            "In 2024, 3.14159 of 1,000,000 people (42nd) paid $12.50 or €7; 10:30 on 2026-06-30.",
            "See https://example.com/path?q=the+war&lang=en or write to press@example.org, not www.nato.int!",
            "東京都は日本の首都です。 한국어 문장입니다 ไทย 😀👍🏽 flags 🇺🇦🇩🇪 and 𐐀𐐁𐐂 (Deseret capitals)",
            "start " + "a".repeat(600) + " middle " + "Б".repeat(300) + " end",
            "İSTANBUL'S İstanbul ISTANBUL STRASSE Straße STRAẞE ΣΊΣΥΦΟΣ Σίσυφος ǅungla Ǆ",
            "Running RUNS ran runner's relational generalizations' CONDITIONAL",
            "trailing punctuation and a stop word at the very end of the text, to be...");

    private final PassageDocuments documents = new PassageDocuments(IndexSettings.defaults());
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer words = IndexSchema.wordsAnalyzer();

    @AfterEach
    void close() {
        documents.close();
        english.close();
        words.close();
    }

    @Test
    void toDocument_everySeedPassage_bodyTokensAndWordHashesAreThoseOfEnglishAnalyzerAndTheWordsAnalyzer()
            throws IOException {
        int compared = 0;
        for (IndexedDocument seed : TestCorpus.seeds()) {
            for (Passage passage : seed.passages()) {
                assertSameTokens(seed.document(), passage);
                compared++;
            }
        }
        assertThat(compared).as("seed passages compared").isGreaterThan(20);
    }

    @Test
    void toDocument_hostileTexts_bodyTokensAndWordHashesAreThoseOfEnglishAnalyzerAndTheWordsAnalyzer()
            throws IOException {
        IndexedDocument hostile = hostile();
        for (Passage passage : hostile.passages()) {
            assertSameTokens(hostile.document(), passage);
        }
    }

    @Test
    void index_bodyTokenizedOnce_holdsTheSameFieldsAsTheBodyAnalyzedTwice() throws IOException {
        List<IndexedDocument> corpus = new ArrayList<>(TestCorpus.all());
        corpus.addAll(TestCorpus.seeds());
        corpus.add(hostile());
        IndexSettings defaults = IndexSettings.defaults();
        // The same analysis behind a wrapper: the body's stems and its words are analyzed apart.
        IndexSettings twice = new IndexSettings(
                defaults.analyzerId(), () -> new Wrapped(new EnglishAnalyzer()), defaults.bm25K1(), defaults.bm25B());
        try (PassageDocuments analyzedTwice = new PassageDocuments(twice);
                Directory expected = new ByteBuffersDirectory();
                Directory actual = new ByteBuffersDirectory()) {
            try (IndexWriter expectedWriter = IndexedFieldComparison.writer(expected, defaults);
                    IndexWriter actualWriter = IndexedFieldComparison.writer(actual, defaults)) {
                for (IndexedDocument indexed : corpus) {
                    expectedWriter.addDocuments(analyzedTwice.toDocuments(indexed));
                    actualWriter.addDocuments(documents.toDocuments(indexed));
                }
            }
            try (DirectoryReader expectedReader = DirectoryReader.open(expected);
                    DirectoryReader actualReader = DirectoryReader.open(actual)) {
                for (String field : List.of(IndexSchema.BODY, IndexSchema.BODY_WORDS)) {
                    assertThat(IndexedFieldComparison.assertSameField(expectedReader, actualReader, field))
                            .as("postings of %s compared", field)
                            .isGreaterThan(50);
                }
                assertThat(IndexedFieldComparison.assertSameBinaryValues(
                                expectedReader, actualReader, IndexSchema.BODY_WORD_HASHES))
                        .as("passages' word hashes compared")
                        .isGreaterThan(20);
            }
        }
    }

    @Test
    void tokens_textWithStopWordsAndAPossessiveInCapitals_seesTheGapsTheStemsAndTheEnd() throws IOException {
        // What the comparisons above hold the fields to: EnglishAnalyzer's gaps after stop words, at the end too.
        assertThat(tokens(english.tokenStream(IndexSchema.BODY, "The JOHN'S cats of the")))
                .isEqualTo(new Tokens(List.of(new Token("john", 2, 4, 10), new Token("cat", 1, 11, 15)), 2, 22));
    }

    @Test
    void appliesTo_onlyTheDefaultEnglishAnalysis() {
        IndexSettings defaults = IndexSettings.defaults();
        try (Analyzer fewerStopWords = new EnglishAnalyzer(new CharArraySet(List.of("the"), false));
                Analyzer wrapped = new Wrapped(new EnglishAnalyzer())) {
            assertThat(EnglishBodyAnalysis.appliesTo(defaults, english)).isTrue();
            assertThat(EnglishBodyAnalysis.appliesTo(IndexSettings.luceneDefaults(), english))
                    .isTrue();
            assertThat(EnglishBodyAnalysis.appliesTo(
                            new IndexSettings("other-analysis", IndexSchema::englishAnalyzer, 0.9f, 0.4f), english))
                    .isFalse();
            assertThat(EnglishBodyAnalysis.appliesTo(defaults, fewerStopWords)).isFalse();
            assertThat(EnglishBodyAnalysis.appliesTo(defaults, wrapped)).isFalse();
        }
    }

    @Test
    void toDocument_anotherAnalysis_hashesTheWordsOfTheWordsAnalyzer() throws IOException {
        IndexedDocument grain = TestCorpus.grain();
        IndexSettings other = new IndexSettings("other-analysis", IndexSchema::englishAnalyzer, 0.9f, 0.4f);
        try (PassageDocuments otherDocuments = new PassageDocuments(other)) {
            Passage passage = grain.passages().get(0);
            Document doc = otherDocuments.toDocument(grain.document(), passage);

            assertThat(wordHashes(doc)).isEqualTo(expectedWordHashes(passage.text()));
        }
    }

    private static IndexedDocument hostile() {
        return TestCorpus.document(
                "hostile",
                TestCorpus.metadata("Hostile texts", null, null, null, null),
                HOSTILE.stream().map(Para::of).toArray(Para[]::new));
    }

    private void assertSameTokens(SourceDocument source, Passage passage) throws IOException {
        Document doc = documents.toDocument(source, passage);
        String text = passage.text();
        assertThat(wordHashes(doc)).as("word hashes of %s", text).isEqualTo(expectedWordHashes(text));
        assertThat(tokens(indexed(doc, IndexSchema.BODY_WORDS).tokenStream(words, null)).tokens().stream()
                        .map(Token::term)
                        .toList())
                .as("spellings of %s", text)
                .isEqualTo(tokens(words.tokenStream(IndexSchema.BODY_WORDS, text)).tokens().stream()
                        .map(Token::term)
                        .filter(word -> !IndexSchema.englishStopWords().contains(word))
                        .toList());
        // The body field holds the text's tokens, then (far after them) its heading's and title's.
        Tokens expected = tokens(english.tokenStream(IndexSchema.BODY, text));
        List<Token> written = tokens(indexed(doc, IndexSchema.BODY).tokenStream(english, null))
                .tokens();
        assertThat(written.subList(0, expected.tokens().size()))
                .as("%s in %s", IndexSchema.BODY, text)
                .isEqualTo(expected.tokens());
        assertThat(written.size())
                .as("heading or title tokens after %s", text)
                .isGreaterThan(expected.tokens().size());
        assertThat(written.get(expected.tokens().size()).increment())
                .as("the gap after %s", text)
                .isGreaterThanOrEqualTo(expected.endIncrement() + IndexSchema.REGION_GAP);
    }

    private static List<Integer> wordHashes(Document doc) {
        BytesRef value = doc.getField(IndexSchema.BODY_WORD_HASHES).binaryValue();
        List<Integer> hashes = new ArrayList<>();
        for (int at = value.offset; at < value.offset + value.length; at += 2) {
            hashes.add((value.bytes[at] & 0xFF) | (value.bytes[at + 1] & 0xFF) << 8);
        }
        return hashes;
    }

    private List<Integer> expectedWordHashes(String text) throws IOException {
        return tokens(words.tokenStream(IndexSchema.BODY_WORDS, text)).tokens().stream()
                .map(token -> WrittenWords.hash(token.term()))
                .toList();
    }

    private static IndexableField indexed(Document doc, String field) {
        for (IndexableField candidate : doc.getFields(field)) {
            if (candidate.fieldType().indexOptions() != IndexOptions.NONE) {
                return candidate;
            }
        }
        throw new AssertionError("no indexed " + field + " field");
    }

    private record Token(String term, int increment, int start, int end) {}

    /** A stream's tokens, and its position increment and offset after end(). */
    private record Tokens(List<Token> tokens, int endIncrement, int endOffset) {}

    private static Tokens tokens(TokenStream tokens) throws IOException {
        try (TokenStream stream = tokens) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            List<Token> read = new ArrayList<>();
            stream.reset();
            while (stream.incrementToken()) {
                read.add(new Token(
                        term.toString(), increment.getPositionIncrement(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
            return new Tokens(read, increment.getPositionIncrement(), offset.endOffset());
        }
    }

    /** An EnglishAnalyzer behind a wrapper, as a test that counts analyses would pass it. */
    private static final class Wrapped extends AnalyzerWrapper {
        private final Analyzer wrapped;

        Wrapped(Analyzer wrapped) {
            super(wrapped.getReuseStrategy());
            this.wrapped = wrapped;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return wrapped;
        }

        @Override
        public void close() {
            wrapped.close();
            super.close();
        }
    }
}
