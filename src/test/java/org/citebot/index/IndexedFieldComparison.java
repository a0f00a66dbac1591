package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * Asserts that one field of two indexes of the same documents, added in the same order, holds the
 * same content: terms and their statistics, each document's frequencies (and positions and offsets
 * where the field has them) and norms. For changes to how documents are built that must not change
 * the index.
 */
final class IndexedFieldComparison {

    private IndexedFieldComparison() {}

    /** A writer configured as the passage index's: its codec, similarity and per-field analysis. */
    static IndexWriter writer(Directory dir, IndexSettings settings) throws IOException {
        return new IndexWriter(
                dir,
                new IndexWriterConfig(IndexSchema.perFieldAnalyzer(
                                settings.contentAnalyzer().get()))
                        .setCodec(IndexSchema.codec())
                        .setSimilarity(settings.similarity()));
    }

    /**
     * Fails at the first difference in {@code field} between {@code expected} and {@code actual}.
     *
     * @return how many postings (a term in a document) were compared
     */
    static long assertSameField(IndexReader expected, IndexReader actual, String field) throws IOException {
        assertThat(actual.maxDoc()).as("documents").isEqualTo(expected.maxDoc());
        FieldInfo info = FieldInfos.getMergedFieldInfos(expected).fieldInfo(field);
        FieldInfo actualInfo = FieldInfos.getMergedFieldInfos(actual).fieldInfo(field);
        assertThat(info).as("field %s", field).isNotNull();
        assertThat(actualInfo).as("field %s", field).isNotNull();
        assertThat(actualInfo.getIndexOptions()).as("%s options", field).isEqualTo(info.getIndexOptions());
        assertThat(actualInfo.hasNorms()).as("%s norms", field).isEqualTo(info.hasNorms());

        Terms expectedTerms = MultiTerms.getTerms(expected, field);
        Terms actualTerms = MultiTerms.getTerms(actual, field);
        assertThat(actualTerms.size()).as("%s terms", field).isEqualTo(expectedTerms.size());
        assertThat(actualTerms.getSumTotalTermFreq())
                .as("%s sumTotalTermFreq", field)
                .isEqualTo(expectedTerms.getSumTotalTermFreq());
        assertThat(actualTerms.getSumDocFreq()).as("%s sumDocFreq", field).isEqualTo(expectedTerms.getSumDocFreq());
        assertThat(actualTerms.getDocCount()).as("%s docCount", field).isEqualTo(expectedTerms.getDocCount());

        int flags = info.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0
                ? PostingsEnum.ALL
                : PostingsEnum.FREQS;
        boolean positions = flags == PostingsEnum.ALL;
        long postings = 0;
        TermsEnum expectedEnum = expectedTerms.iterator();
        TermsEnum actualEnum = actualTerms.iterator();
        PostingsEnum expectedPostings = null;
        PostingsEnum actualPostings = null;
        for (BytesRef term = expectedEnum.next(); term != null; term = expectedEnum.next()) {
            String name = field + ":" + term.utf8ToString();
            BytesRef actualTerm = actualEnum.next();
            assertThat(actualTerm).as("term after the one before %s", name).isEqualTo(term);
            assertThat(actualEnum.docFreq()).as("docFreq %s", name).isEqualTo(expectedEnum.docFreq());
            assertThat(actualEnum.totalTermFreq()).as("totalTermFreq %s", name).isEqualTo(expectedEnum.totalTermFreq());
            expectedPostings = expectedEnum.postings(expectedPostings, flags);
            actualPostings = actualEnum.postings(actualPostings, flags);
            for (int doc = expectedPostings.nextDoc();
                    doc != DocIdSetIterator.NO_MORE_DOCS;
                    doc = expectedPostings.nextDoc()) {
                assertThat(actualPostings.nextDoc())
                        .as("next document of %s", name)
                        .isEqualTo(doc);
                int freq = expectedPostings.freq();
                assertThat(actualPostings.freq())
                        .as("freq of %s in document %d", name, doc)
                        .isEqualTo(freq);
                for (int i = 0; positions && i < freq; i++) {
                    assertThat(actualPostings.nextPosition())
                            .as("position %d of %s in document %d", i, name, doc)
                            .isEqualTo(expectedPostings.nextPosition());
                    assertThat(actualPostings.startOffset())
                            .as("start offset of %s in %d", name, doc)
                            .isEqualTo(expectedPostings.startOffset());
                    assertThat(actualPostings.endOffset())
                            .as("end offset of %s in %d", name, doc)
                            .isEqualTo(expectedPostings.endOffset());
                }
                postings++;
            }
            assertThat(actualPostings.nextDoc()).as("documents of %s", name).isEqualTo(DocIdSetIterator.NO_MORE_DOCS);
        }
        assertThat(actualEnum.next()).as("%s terms after the last", field).isNull();

        if (info.hasNorms()) {
            NumericDocValues expectedNorms = MultiDocValues.getNormValues(expected, field);
            NumericDocValues actualNorms = MultiDocValues.getNormValues(actual, field);
            for (int doc = expectedNorms.nextDoc();
                    doc != DocIdSetIterator.NO_MORE_DOCS;
                    doc = expectedNorms.nextDoc()) {
                assertThat(actualNorms.nextDoc())
                        .as("next document with %s norms", field)
                        .isEqualTo(doc);
                assertThat(actualNorms.longValue())
                        .as("%s norm of %d", field, doc)
                        .isEqualTo(expectedNorms.longValue());
            }
            assertThat(actualNorms.nextDoc()).as("%s norms", field).isEqualTo(DocIdSetIterator.NO_MORE_DOCS);
        }
        return postings;
    }

    /**
     * Fails at the first document whose binary doc value {@code field} differs between {@code
     * expected} and {@code actual}.
     *
     * @return how many values were compared
     */
    static long assertSameBinaryValues(IndexReader expected, IndexReader actual, String field) throws IOException {
        assertThat(actual.maxDoc()).as("documents").isEqualTo(expected.maxDoc());
        BinaryDocValues expectedValues = MultiDocValues.getBinaryValues(expected, field);
        BinaryDocValues actualValues = MultiDocValues.getBinaryValues(actual, field);
        assertThat(expectedValues).as("field %s", field).isNotNull();
        assertThat(actualValues).as("field %s", field).isNotNull();
        long compared = 0;
        for (int doc = expectedValues.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = expectedValues.nextDoc()) {
            assertThat(actualValues.nextDoc())
                    .as("next document with %s", field)
                    .isEqualTo(doc);
            assertThat(actualValues.binaryValue()).as("%s of %d", field, doc).isEqualTo(expectedValues.binaryValue());
            compared++;
        }
        assertThat(actualValues.nextDoc()).as("documents with %s", field).isEqualTo(DocIdSetIterator.NO_MORE_DOCS);
        return compared;
    }
}
