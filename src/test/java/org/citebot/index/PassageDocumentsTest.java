package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.citebot.corpus.Passage;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.StoredPassage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PassageDocumentsTest {

    private final PassageDocuments documents = new PassageDocuments(IndexSettings.defaults());

    @AfterEach
    void close() {
        documents.close();
    }

    @Test
    void toDocument_thenReadPassage_givesBackPassageAndMetadata() {
        IndexedDocument summit = TestCorpus.summit();
        Passage passage = summit.passages().get(3);

        Document doc = documents.toDocument(summit.document(), passage);
        StoredPassage read = PassageDocuments.readPassage(storedOnly(doc));

        assertThat(read.passage()).isEqualTo(passage);
        assertThat(read.passage().section()).contains("Europe rearms");
        assertThat(read.metadata()).isEqualTo(summit.document().metadata());
    }

    @Test
    void toDocument_documentWithoutUrlOrAuthor_readsBackEmptyOptionals() {
        IndexedDocument escalation = TestCorpus.escalation();
        StoredPassage read = PassageDocuments.readPassage(storedOnly(documents.toDocument(
                escalation.document(), escalation.passages().get(0))));

        assertThat(read.metadata().author()).isEmpty();
        assertThat(read.passage().section()).isEmpty();
    }

    @Test
    void toDocument_body_isStoredAndIndexedWithPositionsButNoOffsets() {
        IndexedDocument grain = TestCorpus.grain();
        Document doc = documents.toDocument(grain.document(), grain.passages().get(0));

        IndexableField[] body = doc.getFields(IndexSchema.BODY);
        assertThat(body)
                .anySatisfy(field -> assertThat(field.fieldType().stored()).isTrue());
        assertThat(body).anySatisfy(field -> assertThat(field.fieldType().indexOptions())
                .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS));
    }

    @Test
    void toDocument_bodyField_holdsTextHeadingAndTitle_atTheirWeights_apartFromEachOther() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        Passage passage = summit.passages().get(3);
        Document doc = documents.toDocument(summit.document(), passage);

        List<Written> body = written(indexed(doc));
        // "nato" twice in the title, "rearm" twice in the heading "Europe rearms", both once for
        // each time the passage's text says them.
        Map<String, Integer> copies = copies(body);
        assertThat(copies).containsEntry("rearm", 2 + occurrences(passage.text(), "rearm"));
        assertThat(copies.get("nato")).isEqualTo(2 + occurrences(passage.text(), "nato"));
        // The text's stems stand at their words' places; the heading starts more than a phrase
        // or proximity match spans after the text's last word, and the title as far after it.
        int words = passage.text().split("\\s+").length;
        int lastOfText = body.stream()
                .filter(token -> token.position() < words)
                .mapToInt(Written::position)
                .max()
                .orElseThrow();
        int firstOfHeading = body.stream()
                .filter(token -> token.term().equals("europ"))
                .mapToInt(Written::position)
                .max()
                .orElseThrow();
        int firstOfTitle = body.get(body.size() - 2 * summitTitleStems()).position();
        assertThat(firstOfHeading).isGreaterThanOrEqualTo(lastOfText + IndexSchema.REGION_GAP);
        assertThat(firstOfTitle).isGreaterThanOrEqualTo(firstOfHeading + IndexSchema.REGION_GAP);
        assertThat(body.stream().filter(token -> token.position() == firstOfTitle))
                .as("a title token and its copy")
                .hasSize(2);
    }

    @Test
    void weightedFrequencies_areTheBodyFieldsCopies_forASolrCollectionToSend() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        for (Passage passage : summit.passages()) {
            Map<String, Integer> written = copies(written(indexed(documents.toDocument(summit.document(), passage))));

            assertThat(documents.weightedFrequencies(summit.document(), passage))
                    .as("passage %s", passage.id())
                    .isNotEmpty()
                    .isEqualTo(written);
        }
    }

    @Test
    void toDocuments_titleOfMillionsOfWords_writesItsFirstTokensOnly_andIndexes() throws IOException {
        // Spread a gap apart, 2.2 million title tokens would pass the largest position Lucene takes;
        // as one term, its filter key would pass the longest term.
        String title = "x ".repeat(2_200_000).strip();
        IndexedDocument huge = TestCorpus.document(
                "huge-title", TestCorpus.metadata(title, null, null, null, null), Para.of("A short passage."));
        List<Document> docs = documents.toDocuments(huge);

        Map<String, Integer> copies = copies(written(indexed(docs.get(0))));
        assertThat(copies).containsEntry("x", 2 * AnalyzedText.MAX_SPREAD_TOKENS);
        assertThat(documents.weightedFrequencies(
                        huge.document(), huge.passages().get(0)))
                .isEqualTo(copies);
        try (Directory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(
                        directory,
                        new IndexWriterConfig(IndexSchema.perFieldAnalyzer(IndexSchema.englishAnalyzer()))
                                .setSimilarity(IndexSettings.defaults().similarity()))) {
            writer.addDocuments(docs);
            writer.commit();
            assertThat(writer.getDocStats().numDocs).isEqualTo(2);
        }
    }

    /** How many stems the summit document's title has. */
    private static int summitTitleStems() {
        try (Analyzer analyzer = IndexSchema.englishAnalyzer()) {
            return AnalyzedText.of(
                            analyzer,
                            IndexSchema.TITLE,
                            TestCorpus.summit().document().metadata().title())
                    .size();
        }
    }

    /** The indexed (not stored) body field of a passage's document. */
    private static IndexableField indexed(Document doc) {
        for (IndexableField field : doc.getFields(IndexSchema.BODY)) {
            if (field.fieldType().indexOptions() != IndexOptions.NONE) {
                return field;
            }
        }
        throw new AssertionError("no indexed body field");
    }

    private record Written(String term, int position) {}

    /** The tokens a field writes, with their positions. */
    private static List<Written> written(IndexableField field) throws IOException {
        List<Written> tokens = new ArrayList<>();
        try (Analyzer analyzer = new WhitespaceAnalyzer();
                TokenStream stream = field.tokenStream(analyzer, null)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Written(term.toString(), position));
            }
            stream.end();
        }
        return tokens;
    }

    private static Map<String, Integer> copies(List<Written> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        tokens.forEach(token -> counts.merge(token.term(), 1, Integer::sum));
        return counts;
    }

    private static int occurrences(String text, String stem) {
        int count = 0;
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
            if (word.startsWith(stem)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void toDocument_passageOfAnotherDocument_isRejected() {
        IndexedDocument grain = TestCorpus.grain();
        Passage foreign = TestCorpus.summit().passages().get(0);

        assertThatThrownBy(() -> documents.toDocument(grain.document(), foreign))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toDocumentRecord_thenReadSummary_givesIdMetadataAndPassageCount() {
        IndexedDocument treaties = TestCorpus.treaties();

        DocumentSummary summary = PassageDocuments.readSummary(storedOnly(PassageDocuments.toDocumentRecord(treaties)));

        assertThat(summary)
                .isEqualTo(new DocumentSummary(
                        TestCorpus.TREATIES_ID, treaties.document().metadata(), 2));
    }

    @Test
    void indexedHash_equalInputs_equal_changedPassage_differs() {
        IndexedDocument grain = TestCorpus.grain();
        Passage first = grain.passages().get(0);
        Passage edited = new Passage(
                first.docId(),
                first.ordinal(),
                first.paragraph(),
                Optional.empty(),
                first.text() + " More.",
                first.start(),
                first.end());

        assertThat(PassageDocuments.indexedHash(TestCorpus.grain())).isEqualTo(PassageDocuments.indexedHash(grain));
        assertThat(PassageDocuments.indexedHash(new IndexedDocument(
                        grain.document(), List.of(edited, grain.passages().get(1)))))
                .isNotEqualTo(PassageDocuments.indexedHash(grain));
    }

    /** What a searcher's stored fields give back: only the stored values. */
    private static Document storedOnly(Document doc) {
        Document stored = new Document();
        for (IndexableField field : doc.getFields()) {
            if (field.fieldType().stored()) {
                stored.add(field);
            }
        }
        return stored;
    }
}
