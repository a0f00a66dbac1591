package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.citebot.corpus.Passage;
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
    void toDocument_weightedField_holdsTitleSectionAndBodyTermsAtTheirWeights() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        Passage passage = summit.passages().get(3);
        Document doc = documents.toDocument(summit.document(), passage);

        IndexableField weighted = doc.getField(IndexSchema.WEIGHTED);
        assertThat(weighted.fieldType().indexOptions()).isEqualTo(IndexOptions.DOCS_AND_FREQS);
        Map<String, Integer> frequencies = written(weighted);
        // "nato" once in the title (4), "rearm" in the heading "Europe rearms" (3), "summit" in the
        // title (4) and as often in the body as the body says (2 each).
        assertThat(frequencies).containsEntry("rearm", 3 + 2 * occurrences(passage.text(), "rearm"));
        assertThat(frequencies.get("nato")).isEqualTo(4 + 2 * occurrences(passage.text(), "nato"));
    }

    @Test
    void weightedFrequencies_areWhatTheWeightedFieldWrites_forAnotherSearchTierToSend() throws IOException {
        IndexedDocument summit = TestCorpus.summit();
        for (Passage passage : summit.passages()) {
            Map<String, Integer> written =
                    written(documents.toDocument(summit.document(), passage).getField(IndexSchema.WEIGHTED));

            assertThat(documents.weightedFrequencies(summit.document(), passage))
                    .as("passage %s", passage.id())
                    .isNotEmpty()
                    .isEqualTo(written);
        }
    }

    /** The summed term frequencies a weighted field's tokens carry. */
    private static Map<String, Integer> written(IndexableField weighted) throws IOException {
        Map<String, Integer> frequencies = new HashMap<>();
        try (Analyzer analyzer = new WhitespaceAnalyzer();
                TokenStream stream = weighted.tokenStream(analyzer, null)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TermFrequencyAttribute frequency = stream.addAttribute(TermFrequencyAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                frequencies.merge(term.toString(), frequency.getTermFrequency(), Integer::sum);
            }
            stream.end();
        }
        return frequencies;
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
