package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.TestCorpus.Para;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: quoted phrases match the body's words as written, checked against the passages' word
 * hashes after the stems have found the candidates, instead of a second positional field of words.
 */
class WrittenWordsTest {

    private static final IndexSettings SETTINGS = IndexSettings.defaults();

    @Test
    void filter_wordsAsWritten_keepOnlyThePassagesThatHoldThemAmongThoseTheStemsFind() throws IOException {
        try (Directory dir = index(
                "A red line was crossed.",
                "Two red lines were crossed.",
                "The line was red.",
                "Nothing about colours here.")) {
            Query stems = stemPhrase(0, "red", 1, "line");

            assertThat(texts(dir, stems))
                    .as("the stems alone confuse the forms")
                    .containsExactlyInAnyOrder("A red line was crossed.", "Two red lines were crossed.");
            assertThat(texts(dir, WrittenWords.filter(stems, "red", 0, List.of("red", "line"))))
                    .containsExactly("A red line was crossed.");
            assertThat(texts(dir, WrittenWords.filter(stems, "red", 0, List.of("red", "lines"))))
                    .containsExactly("Two red lines were crossed.");
        }
    }

    @Test
    void filter_stopWordsInsideThePhrase_mustBeTheWordsWritten() throws IOException {
        try (Directory dir = index("Across the whole of Europe.", "Across the whole in Europe.")) {
            // "whole of europe": the stop word leaves a gap the stems phrase keeps but cannot tell.
            Query stems = stemPhrase(0, "whole", 2, "europ");

            assertThat(texts(dir, stems)).hasSize(2);
            assertThat(texts(dir, WrittenWords.filter(stems, "whole", 0, List.of("whole", "of", "europe"))))
                    .containsExactly("Across the whole of Europe.");
            assertThat(texts(dir, WrittenWords.filter(stems, "whole", 1, List.of("the", "whole", "of", "europe"))))
                    .containsExactly("Across the whole of Europe.");
            assertThat(texts(dir, WrittenWords.filter(stems, "across", 0, List.of("across", "a", "whole"))))
                    .isEmpty();
        }
    }

    @Test
    void filter_oneWord_matchesThatFormOnly() throws IOException {
        try (Directory dir = index("Running late.", "She runs daily.", "A run in the park.")) {
            Query stem = new TermQuery(new Term(IndexSchema.BODY, "run"));

            assertThat(texts(dir, stem)).hasSize(3);
            assertThat(texts(dir, WrittenWords.filter(stem, "run", 0, List.of("runs"))))
                    .containsExactly("She runs daily.");
            assertThat(texts(dir, WrittenWords.filter(stem, "run", 0, List.of("running"))))
                    .containsExactly("Running late.");
        }
    }

    @Test
    void filter_aPhraseInTheTitleOnly_doesNotMatch() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            write(
                    dir,
                    TestCorpus.document(
                            "titled",
                            TestCorpus.metadata("Red line diplomacy", null, null, null, null),
                            Para.of("Nothing said of colours; the red was a line.")));
            Query stems = stemPhrase(0, "red", 1, "line");

            assertThat(texts(dir, WrittenWords.filter(stems, "red", 0, List.of("red", "line"))))
                    .isEmpty();
        }
    }

    @Test
    void filter_passagesWithoutWordHashes_matchNothingAndFailNothing() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = IndexedFieldComparison.writer(dir, SETTINGS)) {
                Document bare = new Document();
                bare.add(new Field(IndexSchema.BODY, "a red line", IndexSchema.BODY_TYPE));
                bare.add(new StoredField(IndexSchema.BODY, "a red line"));
                writer.addDocument(bare);
            }
            Query stems = stemPhrase(0, "red", 1, "line");

            assertThat(texts(dir, stems)).hasSize(1);
            assertThat(texts(dir, WrittenWords.filter(stems, "red", 0, List.of("red", "line"))))
                    .isEmpty();
        }
    }

    @Test
    void filter_anotherWordWithTheSameHash_elsewhereInThePassage_doesNotMatch() throws IOException {
        // The corpus never writes "adrenals", but a passage with "adrenal" (the same stem) holds a
        // word sharing its hash: only the word where the stem stands is compared.
        String twin = sameHash("adrenals");
        try (Directory dir = index("The adrenal glands and " + twin + " levels.", "Both adrenals were removed.")) {
            Query stem = new TermQuery(new Term(IndexSchema.BODY, "adren"));

            assertThat(texts(dir, stem)).hasSize(2);
            assertThat(texts(dir, WrittenWords.filter(stem, "adren", 0, List.of("adrenals"))))
                    .containsExactly("Both adrenals were removed.");
            assertThat(texts(dir, WrittenWords.filter(stem, "adren", 0, List.of("adrenal"))))
                    .containsExactly("The adrenal glands and " + twin + " levels.");
        }
    }

    @Test
    void hash_theEnglishStopWords_allDiffer() {
        // A stop word is compared with the stop word written in its gap: none may pass for another.
        Set<Integer> hashes = new HashSet<>();
        for (Object word : IndexSchema.englishStopWords()) {
            assertThat(hashes.add(WrittenWords.hash(new String((char[]) word))))
                    .as("hash of %s", new String((char[]) word))
                    .isTrue();
        }
        assertThat(hashes).hasSizeGreaterThan(30);
    }

    @Test
    void holdsAt_comparesTheWordsFromThatPlaceOnly() {
        // Two words hashed 0x1234 and 0x5678: bytes 34 12 78 56.
        BytesRef sequence = new BytesRef(new byte[] {0x00, 0x34, 0x12, 0x78, 0x56}, 1, 4);

        assertThat(WrittenWords.holdsAt(sequence, 0, new byte[] {0x34, 0x12})).isTrue();
        assertThat(WrittenWords.holdsAt(sequence, 1, new byte[] {0x78, 0x56})).isTrue();
        assertThat(WrittenWords.holdsAt(sequence, 0, new byte[] {0x34, 0x12, 0x78, 0x56}))
                .isTrue();
        assertThat(WrittenWords.holdsAt(sequence, 1, new byte[] {0x34, 0x12})).isFalse();
        assertThat(WrittenWords.holdsAt(sequence, 1, new byte[] {0x78, 0x56, 0x00, 0x00}))
                .isFalse();
        assertThat(WrittenWords.holdsAt(sequence, -1, new byte[] {0x00, 0x34})).isFalse();
        assertThat(WrittenWords.holdsAt(sequence, 2, new byte[] {0x00, 0x00})).isFalse();
    }

    @Test
    void hash_ofAStringAndOfItsCharacters_agree_andFormsOfAWordDiffer() {
        char[] text = "xxlinesxx".toCharArray();
        assertThat(WrittenWords.hash(text, 2, 5)).isEqualTo(WrittenWords.hash("lines"));
        assertThat(WrittenWords.hash("line")).isNotEqualTo(WrittenWords.hash("lines"));
        assertThat(WrittenWords.hash("war")).isNotEqualTo(WrittenWords.hash("wars"));
        assertThat(WrittenWords.hash("lines")).isBetween(0, 0xFFFF);
    }

    @Test
    void filter_samePhrase_isTheSameQuery_forTheQueryCache() {
        Query stems = stemPhrase(0, "red", 1, "line");

        assertThat(WrittenWords.filter(stems, "red", 0, List.of("red", "line")))
                .isEqualTo(WrittenWords.filter(stemPhrase(0, "red", 1, "line"), "red", 0, List.of("red", "line")))
                .hasSameHashCodeAs(
                        WrittenWords.filter(stemPhrase(0, "red", 1, "line"), "red", 0, List.of("red", "line")))
                .isNotEqualTo(WrittenWords.filter(stems, "red", 0, List.of("red", "lines")));
        assertThatThrownBy(() -> WrittenWords.filter(stems, "red", 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A made-up word, one token to the tokenizer, whose hash is that of {@code word}. */
    private static String sameHash(String word) {
        int wanted = WrittenWords.hash(word);
        for (int i = 0; ; i++) {
            String candidate = "zq" + i;
            if (WrittenWords.hash(candidate) == wanted) {
                return candidate;
            }
        }
    }

    private static Query stemPhrase(int first, String firstTerm, int second, String secondTerm) {
        return new PhraseQuery.Builder()
                .add(new Term(IndexSchema.BODY, firstTerm), first)
                .add(new Term(IndexSchema.BODY, secondTerm), second)
                .build();
    }

    private static Directory index(String... texts) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        for (int i = 0; i < texts.length; i++) {
            // One document each, so the passages fall into several segments.
            write(
                    dir,
                    TestCorpus.document(
                            "doc-" + i,
                            TestCorpus.metadata("Document " + i, null, null, null, null),
                            Para.of(texts[i])));
        }
        return dir;
    }

    private static void write(Directory dir, org.citebot.passages.IndexedDocument document) throws IOException {
        try (PassageDocuments documents = new PassageDocuments(SETTINGS);
                IndexWriter writer = IndexedFieldComparison.writer(dir, SETTINGS)) {
            writer.addDocuments(documents.toDocuments(document));
        }
    }

    private static List<String> texts(Directory dir, Query query) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<String> texts = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, 100).scoreDocs) {
                texts.add(searcher.storedFields().document(hit.doc).get(IndexSchema.BODY));
            }
            return texts;
        }
    }
}
