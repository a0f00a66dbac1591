package org.citebot.eval.beir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Anserini's published BM25 baseline, written against bare Lucene so that matching its figures shows
 * the engine under citebot scores BM25 faithfully: one field holding title + "\n" + text, Lucene's
 * {@link EnglishAnalyzer}, {@code BM25Similarity(0.9, 0.4)} on writer and searcher, a bag-of-words
 * query with one SHOULD term clause per distinct analyzed term boosted by its count, the top 1000
 * hits sorted by score then document id.
 */
public final class AnseriniBm25Profile implements RetrievalProfile {

    static final String ID = "id";
    static final String CONTENTS = "contents";

    private final float k1;
    private final float b;

    /** The published setup: k1 = 0.9, b = 0.4. */
    public AnseriniBm25Profile() {
        this(0.9f, 0.4f);
    }

    public AnseriniBm25Profile(float k1, float b) {
        this.k1 = k1;
        this.b = b;
    }

    @Override
    public String name() {
        return "anserini";
    }

    @Override
    public RankedRun run(TestCollection collection, Path workDir) throws IOException {
        Similarity similarity = new BM25Similarity(k1, b);
        try (Analyzer analyzer = new EnglishAnalyzer();
                Directory directory = FSDirectory.open(workDir)) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setSimilarity(similarity)
                    .setRAMBufferSizeMB(64);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (EvalDocument document : collection.documents()) {
                    writer.addDocument(toLucene(document));
                }
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));
                Map<String, List<ScoredDocument>> byQuery = new LinkedHashMap<>();
                for (Topic topic : collection.topics()) {
                    byQuery.put(topic.id(), search(searcher, analyzer, byScoreThenId, topic));
                }
                return new RankedRun(byQuery);
            }
        }
    }

    static Document toLucene(EvalDocument document) {
        Document doc = new Document();
        doc.add(new StringField(ID, document.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(document.id())));
        doc.add(new TextField(CONTENTS, document.title() + "\n" + document.text(), Field.Store.NO));
        return doc;
    }

    private static List<ScoredDocument> search(IndexSearcher searcher, Analyzer analyzer, Sort sort, Topic topic)
            throws IOException {
        Query query = bagOfWords(analyzer, topic.text());
        TopFieldDocs top = searcher.search(query, DEPTH, sort, true);
        StoredFields stored = searcher.storedFields();
        List<ScoredDocument> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            String docId = stored.document(hit.doc).get(ID);
            if (!docId.equals(topic.id())) {
                hits.add(new ScoredDocument(docId, hit.score));
            }
        }
        return hits;
    }

    /**
     * One SHOULD clause per distinct analyzed term of {@code text}, boosted by how often the term
     * occurs; an empty query when every word is a stop word.
     */
    static Query bagOfWords(Analyzer analyzer, String text) {
        Map<String, Integer> counts = QueryTerms.counts(analyzer, CONTENTS, text);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        counts.forEach((term, count) ->
                query.add(new BoostQuery(new TermQuery(new Term(CONTENTS, term)), count), Occur.SHOULD));
        return query.build();
    }
}
