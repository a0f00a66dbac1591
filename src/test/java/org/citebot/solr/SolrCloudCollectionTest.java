package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.FieldAnalysisResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.SourceDocument;
import org.citebot.eval.LabelledQuestion;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.StoredPassage;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's configset and {@code solr} package on a real SolrCloud in the JVM: 2 nodes, an embedded
 * ZooKeeper, 127.0.0.1 only, collections of 2 shards x 2 replicas. The cluster starts once for the
 * class (its cost is logged); each test works in collections of its own alias.
 */
class SolrCloudCollectionTest {

    private static final Logger log = LoggerFactory.getLogger(SolrCloudCollectionTest.class);
    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
    private static final IndexSettings SETTINGS = IndexSettings.defaults();

    @TempDir
    static Path folder;

    private static SolrCloudCluster cluster;
    private static List<IndexedDocument> seeds;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        log.info("SolrCloud of 2 nodes started in {} ms", cluster.startup().toMillis());
        seeds = readSeeds();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void setup_newAlias_createsTwoShardsTwoReplicasBehindIt_andChangesNothingTheSecondTime() {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("setup", SHARDS, REPLICAS))) {
            SolrCollections collections = new SolrCollections(connection);

            SolrCollections.SetupReport first = collections.setup(SolrConfigset.bundled());
            cluster.waitForActive(first.collection(), SHARDS, REPLICAS);
            SolrCollections.SetupReport again = collections.setup(SolrConfigset.bundled());

            assertThat(first.created()).isTrue();
            assertThat(first.collection()).isEqualTo("setup_g1");
            assertThat(first.configset()).isEqualTo(SolrConfigset.bundled().name());
            assertThat(collections.aliasTarget("setup")).contains("setup_g1");
            assertThat(again.created()).isFalse();
            assertThat(again.collection()).isEqualTo("setup_g1");
            assertThat(collections.collections()).containsOnlyOnce("setup_g1").doesNotContain("setup_g2");
        }
    }

    @Test
    void deleteAliasAndCollections_deletesTheAliasItsCollectionsAndConfigset_andNothingNamedAlike() {
        SolrConfigset uncached = SolrConfigset.bundled().withoutSearchCaches();
        try (SolrConnection connection = SolrConnection.open(cluster.settings("short", 1, 1));
                SolrConnection alike = SolrConnection.open(cluster.settings("short-n2", 1, 1))) {
            SolrCollections collections = new SolrCollections(connection);
            String first = collections.setup(uncached).collection();
            String second = collections.createNext(uncached.name());
            collections.pointAlias("short", second);
            String kept =
                    new SolrCollections(alike).setup(SolrConfigset.bundled()).collection();

            List<String> deleted = collections.deleteAliasAndCollections("short", uncached.name());

            assertThat(List.of(first, second)).containsExactly("short_g1", "short_g2");
            assertThat(deleted).containsExactlyInAnyOrder(first, second);
            assertThat(collections.aliasTarget("short")).isEmpty();
            assertThat(collections.collections()).contains(kept).doesNotContain(first, second);
            assertThat(collections.aliasTarget("short-n2")).contains(kept);
            assertThat(configsets(connection))
                    .doesNotContain(uncached.name())
                    .contains(SolrConfigset.bundled().name());
            assertThat(collections.deleteAliasAndCollections("short", uncached.name()))
                    .as("a second time: nothing left to delete")
                    .isEmpty();
        }
    }

    private static List<String> configsets(SolrConnection connection) {
        return connection
                .send(new ConfigSetAdminRequest.List(), Optional.empty(), "listing configsets")
                .getConfigSets();
    }

    @Test
    @DisplayName("the configset's analysis gives exactly citebot's tokens, positions and offsets")
    void analysis_hostileTexts_sameTokensAsCitebotsAnalyzers() throws IOException {
        List<String> texts = List.of(
                "The Secretary-General's remarks weren't NATO's official position.",
                "Children's toys, the boss' office and JAMES'S book",
                "Café naïve Zürich résumé – Ünïcödé ＦＵＬＬＷＩＤＴＨ and Ελληνικά, русский, 日本語のテキスト",
                "3.14 1,000,000 2026-06-30 v2.0 F-35s $5bn 10km 9/11 1990s",
                "e-mail state-of-the-art well-known x-ray co-operation -leading trailing-",
                "nuclear running runs ran generalizations organizational connected connections",
                "an AND the or NOT is it be to of in on with for; a, b. THE",
                "mail@example.org https://www.wsws.org/en/articles/2026 C++ C# .NET #hashtag @user",
                "emoji 🙂👍🏽 and zero\u200bwidth and non-breaking\u00a0space",
                "");
        try (SolrConnection connection = SolrConnection.open(cluster.settings("analysis", 1, 1))) {
            SolrCollections.SetupReport setup = new SolrCollections(connection).setup(SolrConfigset.bundled());
            for (String text : texts) {
                assertThat(solrTokens(connection, setup.collection(), "text_en_citebot", text))
                        .as("English analysis of %s", text)
                        .isEqualTo(citebotTokens(IndexSchema.englishAnalyzer(), text));
                assertThat(solrTokens(connection, setup.collection(), "text_words_citebot", text))
                        .as("body_words analysis of %s", text)
                        .isEqualTo(citebotTokens(IndexSchema.wordsAnalyzer(), text));
            }
        }
    }

    @Test
    void write_seedCorpus_readsEveryPassageAndRecordBack() {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("seeds", SHARDS, REPLICAS))) {
            new SolrCollections(connection).setup(SolrConfigset.bundled());
            SolrPassageStore store = new SolrPassageStore(connection, "seeds", SETTINGS, CLOCK);
            writeAll(store, seeds);

            SolrGeneration generation = store.commit();

            assertThat(generation).isEqualTo(new SolrGeneration("seeds_g1", 1, Optional.of(CLOCK.instant())));
            assertThat(store.generation()).isEqualTo(generation);
            assertThat(store.passageCount())
                    .isEqualTo(seeds.stream()
                            .mapToLong(doc -> doc.passages().size())
                            .sum());
            for (IndexedDocument doc : seeds) {
                assertThat(store.passages(doc.docId()))
                        .extracting(StoredPassage::passage)
                        .isEqualTo(doc.passages());
                assertThat(store.passages(doc.docId()))
                        .extracting(StoredPassage::metadata)
                        .containsOnly(doc.document().metadata());
                assertThat(store.summary(doc.docId())).hasValueSatisfying(summary -> {
                    assertThat(summary.metadata()).isEqualTo(doc.document().metadata());
                    assertThat(summary.passages()).isEqualTo(doc.passages().size());
                });
            }
        }
    }

    @Test
    @DisplayName("passage vectors are searchable by nearest neighbour, and body offsets serve the highlighter")
    void write_withVectors_nearestNeighbourAndHighlightsFromPostingsOffsets() {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("vectors", SHARDS, REPLICAS))) {
            new SolrCollections(connection).setup(SolrConfigset.bundled());
            SolrPassageStore store = new SolrPassageStore(connection, "vectors", SETTINGS, CLOCK);
            for (IndexedDocument doc : seeds) {
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < doc.passages().size(); i++) {
                    vectors.add(unitVector(doc.passages().get(i).id()));
                }
                store.write(doc, Optional.empty(), Optional.of(vectors));
            }
            store.commit();
            String target = seeds.get(1).passages().get(3).id();

            ModifiableSolrParams knn = new ModifiableSolrParams();
            knn.set("q", "{!knn f=" + IndexSchema.VECTOR + " topK=3}" + vectorText(unitVector(target)));
            knn.set("fl", SolrPassageDocuments.ID);
            // topK counts per shard: 2 shards return up to 6 before rows cuts the merged list.
            knn.set("rows", 3);
            List<Object> nearest =
                    connection
                            .send(new QueryRequest(knn), Optional.of("vectors"), "nearest passages")
                            .getResults()
                            .stream()
                            .map(doc -> doc.getFirstValue(SolrPassageDocuments.ID))
                            .toList();

            ModifiableSolrParams highlight = new ModifiableSolrParams();
            highlight.set("q", SolrPassageStore.termQuery(IndexSchema.BODY, "nuclear"));
            highlight.set("hl", true);
            highlight.set("hl.fl", IndexSchema.BODY);
            highlight.set("hl.method", "unified");
            highlight.set("hl.offsetSource", "POSTINGS");
            var highlighting = connection
                    .send(new QueryRequest(highlight), Optional.of("vectors"), "highlighting")
                    .getHighlighting();

            assertThat(nearest).hasSize(3).first().isEqualTo(target);
            assertThat(highlighting).isNotEmpty();
            assertThat(highlighting.values().iterator().next().get(IndexSchema.BODY))
                    .anySatisfy(snippet -> assertThat(snippet).containsIgnoringCase("<em>nuclear</em>"));
        }
    }

    /** A unit vector of 384 dimensions that depends only on {@code seed}, as the model's would on text. */
    private static float[] unitVector(String seed) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        float[] vector = new float[384];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }

    private static String vectorText(float[] vector) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    @Test
    void delete_oneDocument_removesItsPassagesAndRecordAtTheNextCommitOnly() {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("deletes", SHARDS, REPLICAS))) {
            new SolrCollections(connection).setup(SolrConfigset.bundled());
            SolrPassageStore store = new SolrPassageStore(connection, "deletes", SETTINGS, CLOCK);
            writeAll(store, seeds);
            store.commit();
            IndexedDocument gone = seeds.get(0);

            store.delete(List.of(gone.docId()));
            long before = store.passageCount();
            SolrGeneration after = store.commit();

            assertThat(before).as("nothing changes before the commit").isEqualTo(totalPassages(seeds));
            assertThat(after.commits()).isEqualTo(2);
            assertThat(store.passageCount())
                    .isEqualTo(totalPassages(seeds) - gone.passages().size());
            assertThat(store.passages(gone.docId())).isEmpty();
            assertThat(store.summary(gone.docId())).isEmpty();
            assertThat(store.passages(seeds.get(1).docId()))
                    .hasSize(seeds.get(1).passages().size());
        }
    }

    @Test
    @DisplayName(
            "BM25 on the weighted field ranks and scores the seed questions as the embedded index's body field does")
    void bm25_seedQuestionsOnWeighted_sameRankingAndScoresAsEmbeddedBody() throws IOException {
        Path lucene = folder.resolve("lucene-bm25");
        Analyzer analyzer = IndexSchema.perFieldAnalyzer(IndexSchema.englishAnalyzer());
        try (FSDirectory directory = FSDirectory.open(lucene);
                IndexWriter writer = new IndexWriter(
                        directory, new IndexWriterConfig(analyzer).setSimilarity(SETTINGS.similarity()))) {
            try (PassageDocuments documents = new PassageDocuments(SETTINGS)) {
                for (IndexedDocument doc : seeds) {
                    writer.addDocuments(documents.toDocuments(doc));
                }
            }
            writer.commit();
        }
        try (SolrConnection connection = SolrConnection.open(cluster.settings("bm25", SHARDS, REPLICAS));
                FSDirectory directory = FSDirectory.open(lucene);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            new SolrCollections(connection).setup(SolrConfigset.bundled());
            SolrPassageStore store = new SolrPassageStore(connection, "bm25", SETTINGS, CLOCK);
            writeAll(store, seeds);
            store.commit();
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(SETTINGS.similarity());

            int compared = 0;
            for (LabelledQuestion question : LabelledQuestion.seedQuestions()) {
                List<String> terms = analyzedTerms(question.question());
                if (terms.isEmpty()) {
                    continue;
                }
                // The embedded body field holds title and heading copies; Solr weighs them as frequencies.
                List<Ranked> embedded = luceneTop(searcher, reader, IndexSchema.BODY, terms);
                List<Ranked> solr = solrTop(connection, IndexSchema.WEIGHTED, terms);
                assertThat(solr).as("question %s: %s", question.id(), terms).hasSameSizeAs(embedded);
                for (int i = 0; i < embedded.size(); i++) {
                    assertThat(solr.get(i).score())
                            .as("score at rank %d of %s", i + 1, question.id())
                            .isCloseTo(
                                    embedded.get(i).score(),
                                    within(1e-5f * Math.max(1, embedded.get(i).score())));
                }
                // Passages tied with the last one kept may be cut either way: each side keeps its own.
                float last = embedded.isEmpty()
                        ? 0
                        : embedded.get(embedded.size() - 1).score();
                assertThat(ids(above(solr, last)))
                        .as("ranking of %s", question.id())
                        .isEqualTo(ids(above(embedded, last)));
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void pointAlias_duringReads_swapsToTheRebuiltCollectionWithoutAFailedRead() throws Exception {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("swap", SHARDS, REPLICAS))) {
            SolrCollections collections = new SolrCollections(connection);
            SolrCollections.SetupReport setup = collections.setup(SolrConfigset.bundled());
            SolrPassageStore serving = new SolrPassageStore(connection, "swap", SETTINGS, CLOCK);
            writeAll(serving, seeds.subList(0, 1));
            SolrGeneration old = serving.commit();
            String rebuilt = collections.createNext(setup.configset());
            SolrPassageStore rebuild = new SolrPassageStore(connection, rebuilt, SETTINGS, CLOCK);
            writeAll(rebuild, seeds);
            rebuild.commit();
            long oldCount = seeds.get(0).passages().size();
            long newCount = totalPassages(seeds);

            AtomicBoolean reading = new AtomicBoolean(true);
            List<Long> counts = new CopyOnWriteArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (reading.get() || counts.size() < 5) {
                    try {
                        counts.add(serving.passageCount());
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            Optional<String> before = collections.pointAlias("swap", rebuilt);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !counts.isEmpty() && counts.get(counts.size() - 1) == newCount);
            reading.set(false);
            reader.get();

            assertThat(before).contains("swap_g1");
            assertThat(rebuilt).isEqualTo("swap_g2");
            assertThat(failures).isEmpty();
            assertThat(counts).containsOnly(oldCount, newCount);
            assertThat(old.key()).isEqualTo("swap_g1/1");
            assertThat(serving.generation().key()).isEqualTo("swap_g2/1");
        }
    }

    @Test
    void stoppedNode_duringReads_everyReadAnsweredByTheReplicas() throws Exception {
        try (SolrConnection connection = SolrConnection.open(cluster.settings("replicas", SHARDS, REPLICAS))) {
            SolrCollections.SetupReport setup = new SolrCollections(connection).setup(SolrConfigset.bundled());
            cluster.waitForActive(setup.collection(), SHARDS, REPLICAS);
            SolrPassageStore store = new SolrPassageStore(connection, "replicas", SETTINGS, CLOCK);
            writeAll(store, seeds);
            store.commit();
            long expected = totalPassages(seeds);
            AtomicInteger reads = new AtomicInteger();
            List<Object> wrong = new CopyOnWriteArrayList<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (reading.get()) {
                    try {
                        long count = store.passageCount();
                        if (count != expected) {
                            wrong.add(count);
                        }
                    } catch (RuntimeException e) {
                        wrong.add(e);
                    }
                    reads.incrementAndGet();
                }
            });
            try {
                int before = reads.get();
                cluster.stopNode(1);
                int atStop = reads.get();
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> reads.get() >= atStop + 50);
                reading.set(false);
                reader.get();
                assertThat(atStop).isGreaterThanOrEqualTo(before);
                assertThat(wrong).isEmpty();
            } finally {
                reading.set(false);
                cluster.restartNode(1);
            }
        }
    }

    private static void writeAll(SolrPassageStore store, List<IndexedDocument> documents) {
        for (IndexedDocument doc : documents) {
            store.write(doc, Optional.empty(), Optional.empty());
        }
    }

    private static long totalPassages(List<IndexedDocument> documents) {
        return documents.stream().mapToLong(doc -> doc.passages().size()).sum();
    }

    /** The seed corpus, read and split as citebot index does. */
    private static List<IndexedDocument> readSeeds() {
        Path seedsDir = Path.of(System.getProperty("citebot.seeds", "seeds"));
        CorpusReader reader = new CorpusReader(
                new CorpusOptions(CorpusOptions.DEFAULT_MAX_FILE_BYTES, CorpusOptions.DEFAULT_FILE_TIMEOUT));
        PassageSplitter splitter = new PassageSplitter();
        List<IndexedDocument> documents = new ArrayList<>();
        for (SourceDocument document : reader.read(seedsDir).documents()) {
            documents.add(new IndexedDocument(document, splitter.split(document)));
        }
        assertThat(documents).hasSizeGreaterThanOrEqualTo(2);
        return List.copyOf(documents);
    }

    /** A token as both sides report it: its text, its position (1 for the first) and offsets. */
    record Token(String text, int position, int start, int end) {}

    private static List<Token> citebotTokens(Analyzer analyzer, String text) throws IOException {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("field", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = 0;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position, offsets.startOffset(), offsets.endOffset()));
            }
            stream.end();
        }
        return tokens;
    }

    private static List<Token> solrTokens(SolrConnection connection, String collection, String fieldType, String text) {
        FieldAnalysisRequest request =
                new FieldAnalysisRequest().addFieldType(fieldType).setFieldValue(text);
        FieldAnalysisResponse response =
                connection.send(request, Optional.of(collection), "analysing text as " + fieldType);
        AnalysisResponseBase.AnalysisPhase last = null;
        for (AnalysisResponseBase.AnalysisPhase phase :
                response.getFieldTypeAnalysis(fieldType).getIndexPhases()) {
            last = phase;
        }
        List<Token> tokens = new ArrayList<>();
        if (last != null) {
            for (AnalysisResponseBase.TokenInfo token : last.getTokens()) {
                tokens.add(new Token(token.getText(), token.getPosition(), token.getStart(), token.getEnd()));
            }
        }
        return tokens;
    }

    private static List<String> analyzedTerms(String question) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        for (Token token : citebotTokens(IndexSchema.englishAnalyzer(), question)) {
            terms.add(token.text());
        }
        return List.copyOf(terms);
    }

    record Ranked(String id, float score) {}

    private static List<Ranked> luceneTop(
            IndexSearcher searcher, DirectoryReader reader, String field, List<String> terms) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
        }
        List<Ranked> ranked = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query.build(), 10).scoreDocs) {
            String id = reader.storedFields().document(hit.doc).get(IndexSchema.PASSAGE_ID);
            ranked.add(new Ranked(id, hit.score));
        }
        return ranked;
    }

    private static List<Ranked> solrTop(SolrConnection connection, String field, List<String> terms) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        StringBuilder should = new StringBuilder("{!bool");
        for (int i = 0; i < terms.size(); i++) {
            should.append(" should=$t").append(i);
            params.set("t" + i, SolrPassageStore.termQuery(field, terms.get(i)));
        }
        params.set("q", should.append('}').toString());
        params.set("fl", SolrPassageDocuments.ID + ",score");
        params.set("rows", 10);
        List<Ranked> ranked = new ArrayList<>();
        for (SolrDocument doc : connection
                .send(new QueryRequest(params), Optional.of("bm25"), "searching bm25")
                .getResults()) {
            ranked.add(new Ranked(
                    doc.getFirstValue(SolrPassageDocuments.ID).toString(),
                    ((Number) doc.getFirstValue("score")).floatValue()));
        }
        return ranked;
    }

    /** The passages scoring clearly more than {@code score}. */
    private static List<Ranked> above(List<Ranked> ranked, float score) {
        return ranked.stream()
                .filter(hit -> hit.score() > score + 1e-5f * Math.max(1, score))
                .toList();
    }

    /** Ids in rank order, ties (equal scores) put in id order on both sides. */
    private static List<String> ids(List<Ranked> ranked) {
        List<Ranked> sorted = new ArrayList<>(ranked);
        sorted.sort((a, b) -> a.score() == b.score() ? a.id().compareTo(b.id()) : Float.compare(b.score(), a.score()));
        return sorted.stream().map(Ranked::id).toList();
    }
}
