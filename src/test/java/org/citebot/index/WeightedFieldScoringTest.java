package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.citebot.corpus.Passage;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.IndexedDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body field is BM25F over title, section and body: a term query on it scores what the BM25F
 * formula gives with the field weights applied to the frequencies and lengths (computed here by hand
 * from the texts), and Lucene's pruning of such term queries loses no top hit.
 */
class WeightedFieldScoringTest {

    /** Words from very common to rare; each is its own stem. */
    private static final List<String> WORDS = List.of(
            "cell",
            "protein",
            "gene",
            "tumor",
            "receptor",
            "insulin",
            "plasma",
            "neuron",
            "marrow",
            "lipid",
            "axon",
            "serum",
            "brain",
            "blood",
            "heart",
            "liver");

    @TempDir
    Path dir;

    private PassageIndex index;
    private IndexSearcher searcher;
    private List<IndexedDocument> corpus;

    @BeforeEach
    void setUp() throws IOException {
        corpus = corpus(new Random(20261122));
        index = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC());
        index.update(corpus);
        searcher = index.acquire();
    }

    @AfterEach
    void tearDown() throws IOException {
        index.release(searcher);
        index.close();
    }

    @Test
    void termQuery_onTheBodyField_scoresBm25fOverTitleSectionAndBody() throws IOException {
        IndexSettings settings = IndexSettings.defaults();
        Map<String, Counts> byPassage = counts(settings);
        double avgLength = byPassage.values().stream()
                .mapToDouble(Counts::length)
                .average()
                .orElseThrow();
        StoredFields stored = searcher.storedFields();
        int compared = 0;
        for (String word : WORDS) {
            long docFreq = byPassage.values().stream()
                    .filter(c -> c.frequency(word) > 0)
                    .count();
            double idf = Math.log(1 + (byPassage.size() - docFreq + 0.5) / (docFreq + 0.5));
            TopDocs all = searcher.search(new TermQuery(new Term(IndexSchema.BODY, word)), byPassage.size());
            assertThat(all.scoreDocs).as(word).hasSize((int) docFreq);
            for (ScoreDoc hit : all.scoreDocs) {
                Counts counts = byPassage.get(stored.document(hit.doc).get(IndexSchema.PASSAGE_ID));
                // BM25F: a title occurrence counts as titleWeight body occurrences, in the frequency and
                // the length alike; the index writes each title token that many times.
                double tf = counts.frequency(word);
                double k1 = settings.bm25K1();
                double b = settings.bm25B();
                double expected = idf * tf / (tf + k1 * (1 - b + b * counts.length() / avgLength));
                // Lengths are stored in one byte (4 significant bits), so a score moves by a few percent at most.
                assertThat((double) hit.score)
                        .as("%s in %s", word, counts)
                        .isCloseTo(expected, within(0.03 * expected));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1_000);
    }

    @Test
    void bagOfTerms_prunedToTheTopTen_findsTheSameHitsAsScoringEveryMatch() throws IOException {
        Random random = new Random(7);
        long prunedCounted = 0;
        long allCounted = 0;
        for (int round = 0; round < 40; round++) {
            BooleanQuery.Builder bag = new BooleanQuery.Builder();
            for (int i = 0; i < 2 + random.nextInt(5); i++) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                bag.add(new TermQuery(new Term(IndexSchema.BODY, word)), Occur.SHOULD);
            }
            Query query = bag.build();
            TopDocs every = searcher.search(query, new TopScoreDocCollectorManager(10, null, Integer.MAX_VALUE));
            TopDocs pruned = searcher.search(query, new TopScoreDocCollectorManager(10, null, 10));
            assertThat(pruned.scoreDocs).as("%s", query).hasSameSizeAs(every.scoreDocs);
            for (int i = 0; i < every.scoreDocs.length; i++) {
                assertThat(pruned.scoreDocs[i].doc)
                        .as("%s rank %d", query, i + 1)
                        .isEqualTo(every.scoreDocs[i].doc);
                assertThat(pruned.scoreDocs[i].score).isEqualTo(every.scoreDocs[i].score);
            }
            assertThat(every.totalHits.relation).isEqualTo(TotalHits.Relation.EQUAL_TO);
            prunedCounted += pruned.totalHits.value;
            allCounted += every.totalHits.value;
        }
        assertThat(prunedCounted)
                .as("the pruned searches scored fewer passages than match")
                .isLessThan(allCounted);
    }

    /** Each passage's weighted frequencies and length, computed from its texts with the index's analyzer. */
    private Map<String, Counts> counts(IndexSettings settings) {
        Map<String, Counts> byPassage = new HashMap<>();
        try (Analyzer analyzer = settings.contentAnalyzer().get()) {
            for (IndexedDocument document : corpus) {
                String title = document.document().metadata().title();
                for (Passage passage : document.passages()) {
                    Counts counts = new Counts(passage.id(), new HashMap<>(), new int[1]);
                    counts.add(AnalyzedText.of(analyzer, IndexSchema.TITLE, title), settings.titleCopies());
                    passage.section()
                            .ifPresent(section -> counts.add(
                                    AnalyzedText.of(analyzer, IndexSchema.SECTION, section), settings.sectionCopies()));
                    counts.add(AnalyzedText.of(analyzer, IndexSchema.BODY, passage.text()), 1);
                    byPassage.put(passage.id(), counts);
                }
            }
        }
        return byPassage;
    }

    /** Weighted term frequencies and length of one passage. */
    private record Counts(String passageId, Map<String, Integer> frequencies, int[] totalLength) {
        void add(AnalyzedText text, int weight) {
            for (int i = 0; i < text.size(); i++) {
                frequencies.merge(text.term(i), weight, Integer::sum);
                totalLength[0] += weight;
            }
        }

        int frequency(String term) {
            return frequencies.getOrDefault(term, 0);
        }

        double length() {
            return totalLength[0];
        }
    }

    /** 120 documents of 5 passages; word i appears with probability about 1/(i+1), repeated up to 4 times. */
    private static List<IndexedDocument> corpus(Random random) {
        List<IndexedDocument> documents = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            Para[] paras = new Para[5];
            for (int p = 0; p < paras.length; p++) {
                StringBuilder text = new StringBuilder("Passage");
                for (int w = 0; w < WORDS.size(); w++) {
                    if (random.nextInt(w + 1) == 0) {
                        text.append(" ").append((WORDS.get(w) + " ").repeat(1 + random.nextInt(4)));
                    }
                    text.append(" filler".repeat(random.nextInt(3)));
                }
                String section = random.nextInt(4) == 0 ? WORDS.get(random.nextInt(WORDS.size())) : "Notes";
                paras[p] = Para.under(section, text.toString().strip() + ".");
            }
            String title =
                    "Report " + d + (random.nextInt(3) == 0 ? " " + WORDS.get(random.nextInt(WORDS.size())) : "");
            documents.add(TestCorpus.document(
                    String.format("d%03d", d),
                    TestCorpus.metadata(title, null, null, null, "https://example.org/" + d),
                    paras));
        }
        return documents;
    }

    @Test
    void fieldWeights_areCopiesOfATitleToken_soOnlyWholeNumbersAreAccepted() {
        IndexSettings equal = IndexSettings.defaults().withFieldWeights(1f, 1f);
        assertThat(equal.titleCopies()).isEqualTo(1);
        assertThat(IndexSettings.defaults().titleCopies()).isEqualTo(2);
        assertThat(IndexSettings.defaults().sectionCopies()).isEqualTo(2);
        assertThatThrownBy(() -> IndexSettings.defaults().withFieldWeights(1.5f, 2f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number from 1 to 10");
        assertThatThrownBy(() -> IndexSettings.defaults().withFieldWeights(2f, 11f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sectionWeight");
    }
}
