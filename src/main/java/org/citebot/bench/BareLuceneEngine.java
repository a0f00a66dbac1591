package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
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
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.citebot.corpus.Passage;
import org.citebot.eval.beir.QueryTerms;
import org.citebot.index.PassageIndex;
import org.citebot.passages.IndexedDocument;
import org.jspecify.annotations.Nullable;

/**
 * The floor citebot's overhead is measured against: Lucene with the same analysis
 * ({@link EnglishAnalyzer}) and similarity (BM25, k1 0.9, b 0.4), one Lucene document per passage
 * with a stored id, title and body, and a plain boolean query of one SHOULD term clause per distinct
 * query term and field; the top 5 and their stored fields. No proximity, no diversity, no links.
 * With {@code highlight} it also asks Lucene's {@link UnifiedHighlighter} for one snippet of each of
 * the 5 hits, the fairer "same work" comparison (it re-analyzes the stored body: no offsets indexed).
 */
final class BareLuceneEngine implements BenchEngine {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String BODY = "body";

    private final boolean highlight;

    BareLuceneEngine(boolean highlight) {
        this.highlight = highlight;
    }

    static Similarity similarity() {
        return new BM25Similarity(0.9f, 0.4f);
    }

    @Override
    public String name() {
        return highlight ? "lucene+highlighter" : "lucene";
    }

    /**
     * Indexes the corpus as citebot would be given the machine: on as many writing threads as
     * citebot's updates use ({@link PassageIndex#defaultWriterThreads()}), each taking the next
     * document, into a writer with citebot's RAM buffer for this heap, so the comparison is of the
     * work done and not of the resources allowed.
     */
    @Override
    public void index(BenchCorpus corpus, Path dir) throws IOException {
        try (Analyzer analyzer = new EnglishAnalyzer();
                Directory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(
                        directory,
                        new IndexWriterConfig(analyzer)
                                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                                .setSimilarity(similarity())
                                .setRAMBufferSizeMB(PassageIndex.ramBufferMegabytes(
                                        Runtime.getRuntime().maxMemory()))
                                .setCommitOnClose(false))) {
            List<IndexedDocument> documents = corpus.documents();
            AtomicInteger next = new AtomicInteger();
            int threads = PassageIndex.defaultWriterThreads();
            AtomicInteger named = new AtomicInteger();
            // Named like citebot's writing threads, so the indexing stage profile samples them too.
            ExecutorService pool = Executors.newFixedThreadPool(
                    threads,
                    runnable -> new Thread(runnable, "citebot-index-lucene-writer-" + named.incrementAndGet()));
            try {
                List<Future<Void>> writers = new ArrayList<>(threads);
                for (int t = 0; t < threads; t++) {
                    writers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < documents.size(); i = next.getAndIncrement()) {
                            write(writer, documents.get(i));
                        }
                        return null;
                    }));
                }
                for (Future<Void> done : writers) {
                    done.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("indexing was interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            writer.commit();
        }
    }

    private static void write(IndexWriter writer, IndexedDocument document) throws IOException {
        String title = document.document().metadata().title();
        for (Passage passage : document.passages()) {
            Document doc = new Document();
            doc.add(new StringField(ID, passage.id(), Field.Store.YES));
            doc.add(new TextField(TITLE, title, Field.Store.YES));
            doc.add(new TextField(BODY, passage.text(), Field.Store.YES));
            writer.addDocument(doc);
        }
    }

    @Override
    public OpenedSearch open(Path dir) throws IOException {
        Analyzer analyzer = new EnglishAnalyzer();
        Directory directory = FSDirectory.open(dir);
        DirectoryReader reader;
        try {
            reader = DirectoryReader.open(directory);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory, analyzer);
            throw e;
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity());
        UnifiedHighlighter highlighter =
                highlight ? UnifiedHighlighter.builder(searcher, analyzer).build() : null;
        QuerySession session = query -> search(searcher, analyzer, highlighter, query);
        return new OpenedSearch() {
            @Override
            public QuerySession session() {
                return session;
            }

            @Override
            public void close() throws IOException {
                IOUtils.close(reader, directory, analyzer);
            }
        };
    }

    private static int search(
            IndexSearcher searcher, Analyzer analyzer, @Nullable UnifiedHighlighter highlighter, String text)
            throws IOException {
        Query query = termQuery(analyzer, text);
        TopDocs top = searcher.search(query, CitebotEngine.RESULTS);
        StoredFields stored = searcher.storedFields();
        int shown = 0;
        for (ScoreDoc hit : top.scoreDocs) {
            Document doc = stored.document(hit.doc);
            if (doc.get(BODY) != null && doc.get(ID) != null) {
                shown++;
            }
        }
        if (highlighter != null && top.scoreDocs.length > 0) {
            String[] snippets = highlighter.highlight(BODY, query, top, 1);
            if (snippets.length != top.scoreDocs.length) {
                throw new IllegalStateException("the highlighter returned " + snippets.length + " snippets");
            }
        }
        return shown;
    }

    /** One SHOULD clause per distinct analyzed term and field, boosted by how often the term occurs. */
    static Query termQuery(Analyzer analyzer, String text) {
        Map<String, Integer> counts = QueryTerms.counts(analyzer, BODY, text);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        counts.forEach((term, count) -> {
            for (String field : new String[] {BODY, TITLE}) {
                Query clause = new TermQuery(new Term(field, term));
                query.add(count == 1 ? clause : new BoostQuery(clause, count), Occur.SHOULD);
            }
        });
        return query.build();
    }
}
