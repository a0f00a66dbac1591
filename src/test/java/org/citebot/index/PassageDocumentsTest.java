package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.citebot.corpus.Passage;
import org.junit.jupiter.api.Test;

class PassageDocumentsTest {

    @Test
    void toDocument_thenReadPassage_givesBackPassageAndMetadata() {
        IndexedDocument summit = TestCorpus.summit();
        Passage passage = summit.passages().get(3);

        Document doc = PassageDocuments.toDocument(summit.document(), passage);
        StoredPassage read = PassageDocuments.readPassage(storedOnly(doc));

        assertThat(read.passage()).isEqualTo(passage);
        assertThat(read.passage().section()).contains("Europe rearms");
        assertThat(read.metadata()).isEqualTo(summit.document().metadata());
    }

    @Test
    void toDocument_documentWithoutUrlOrAuthor_readsBackEmptyOptionals() {
        IndexedDocument escalation = TestCorpus.escalation();
        StoredPassage read = PassageDocuments.readPassage(storedOnly(PassageDocuments.toDocument(
                escalation.document(), escalation.passages().get(0))));

        assertThat(read.metadata().author()).isEmpty();
        assertThat(read.passage().section()).isEmpty();
    }

    @Test
    void toDocument_body_isIndexedWithOffsetsForTheHighlighter() {
        IndexedDocument grain = TestCorpus.grain();
        Document doc =
                PassageDocuments.toDocument(grain.document(), grain.passages().get(0));

        IndexableField body = doc.getField(IndexSchema.BODY);
        assertThat(body.fieldType().indexOptions()).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        assertThat(body.fieldType().stored()).isTrue();
    }

    @Test
    void toDocument_passageOfAnotherDocument_isRejected() {
        IndexedDocument grain = TestCorpus.grain();
        Passage foreign = TestCorpus.summit().passages().get(0);

        assertThatThrownBy(() -> PassageDocuments.toDocument(grain.document(), foreign))
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
