package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.IndexedDocument;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaturatedTermQueryTest {

    /**
     * Words from very common to rare, so some terms' bounds let WAND skip and others do not; each is
     * its own stem, so it can go into the query unanalysed.
     */
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

    @BeforeEach
    void setUp() throws IOException {
        index = PassageIndex.open(dir, IndexSettings.defaults(), Clock.systemUTC());
        index.update(corpus(new Random(20261122)));
        searcher = index.acquire();
    }

    @AfterEach
    void tearDown() throws IOException {
        index.release(searcher);
        index.close();
    }

    @Test
    void search_bagOfTerms_sameTopHitsAndScoresAsWithoutTheBound() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(5); i++) {
                terms.add(WORDS.get(random.nextInt(WORDS.size())));
            }
            Query bounded = bag(terms, SaturatedTermQuery::new);
            Query plain = bag(terms, combined -> combined);

            TopDocs expected = searcher.search(plain, new TopScoreDocCollectorManager(10, null, Integer.MAX_VALUE));
            TopDocs actual = searcher.search(bounded, new TopScoreDocCollectorManager(10, null, 10));

            assertThat(actual.scoreDocs).as("%s", terms).hasSameSizeAs(expected.scoreDocs);
            for (int i = 0; i < expected.scoreDocs.length; i++) {
                ScoreDoc want = expected.scoreDocs[i];
                ScoreDoc got = actual.scoreDocs[i];
                assertThat(got.doc).as("%s rank %d", terms, i + 1).isEqualTo(want.doc);
                assertThat(got.score).as("%s rank %d", terms, i + 1).isEqualTo(want.score);
            }
        }
    }

    @Test
    void maxScore_isAtLeastEveryScoreTheTermGives() throws IOException {
        for (String word : WORDS) {
            for (float boost : new float[] {1f, 3f}) {
                Query query = searcher.rewrite(new BoostQuery(new SaturatedTermQuery(combined(word)), boost));
                Weight weight = searcher.createWeight(query, ScoreMode.TOP_SCORES, 1f);
                int scored = 0;
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Scorer scorer = weight.scorer(leaf);
                    if (scorer == null) {
                        continue;
                    }
                    float max = scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
                    assertThat(max).as(word).isFinite();
                    while (scorer.iterator().nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                        assertThat(scorer.score()).as(word).isLessThanOrEqualTo(max);
                        scored++;
                    }
                }
                assertThat(scored).as(word).isPositive();
            }
        }
    }

    private static Query bag(List<String> terms, Function<CombinedFieldQuery, Query> wrap) {
        BooleanQuery.Builder bag = new BooleanQuery.Builder();
        terms.stream().distinct().forEach(term -> bag.add(wrap.apply(combined(term)), Occur.SHOULD));
        return new BooleanQuery.Builder()
                .add(bag.build(), Occur.MUST)
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), Occur.FILTER)
                .build();
    }

    private static CombinedFieldQuery combined(String term) {
        return new CombinedFieldQuery.Builder()
                .addField(IndexSchema.BODY, 1f)
                .addField(IndexSchema.TITLE, 2f)
                .addField(IndexSchema.SECTION, 1.5f)
                .addTerm(new BytesRef(term))
                .build();
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
}
