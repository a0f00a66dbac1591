package org.citebot.search;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.FilterScorer;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * One BM25F term ({@link CombinedFieldQuery}) that tells Lucene the highest score it can give. A BM25
 * score saturates below {@code boost × idf} however often the term occurs, but CombinedFieldQuery
 * reports an unbounded maximum, so a disjunction of such terms scored every matching passage. With
 * the bound, Lucene's WAND skips passages whose terms together cannot reach the current top hits; the
 * top hits and their scores stay exactly the same. {@link LuceneSearchService} wraps each query term
 * in one.
 */
final class SaturatedTermQuery extends Query {

    private final CombinedFieldQuery combined;

    SaturatedTermQuery(CombinedFieldQuery combined) {
        this.combined = combined;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = combined.rewrite(searcher);
        // Only a query without terms or fields rewrites, into one that matches nothing.
        return rewritten == combined ? this : rewritten;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight weight = combined.createWeight(searcher, scoreMode, boost);
        if (!scoreMode.needsScores() || !(searcher.getSimilarity() instanceof BM25Similarity bm25)) {
            return weight;
        }
        float maxScore = maxScore(searcher.getIndexReader(), bm25, boost);
        return new FilterWeight(this, weight) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Scorer scorer = in.scorer(context);
                return scorer == null ? null : new BoundedScorer(scorer, this, maxScore);
            }
        };
    }

    /**
     * {@code boost × idf} with the statistics CombinedFieldQuery scores with, or larger: its document
     * frequency is the largest of the fields' (exactly ours) and its document count the largest of the
     * fields' (at most {@code maxDoc}, which can only raise the idf).
     */
    private float maxScore(IndexReader reader, BM25Similarity bm25, float boost) throws IOException {
        List<Term> terms = combined.getTerms();
        long docFreq = 1;
        for (Term term : terms) {
            docFreq = Math.max(docFreq, reader.docFreq(term));
        }
        long maxDoc = Math.max(reader.maxDoc(), docFreq);
        Term any = terms.get(0);
        Similarity.SimScorer saturated = bm25.scorer(
                boost,
                new CollectionStatistics(any.field(), maxDoc, maxDoc, maxDoc, maxDoc),
                new TermStatistics(any.bytes(), docFreq, docFreq));
        // An unbounded frequency in the shortest passage scores boost × idf, the saturation limit.
        return Math.nextUp(saturated.score(Float.MAX_VALUE, 1L));
    }

    @Override
    public void visit(QueryVisitor visitor) {
        combined.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "saturated(" + combined.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && combined.equals(((SaturatedTermQuery) other).combined);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), combined);
    }

    /** The term's own scorer with a finite maximum score. */
    private static final class BoundedScorer extends FilterScorer {

        private final float maxScore;

        BoundedScorer(Scorer in, Weight weight, float maxScore) {
            super(in, weight);
            this.maxScore = maxScore;
        }

        @Override
        public float getMaxScore(int upTo) {
            return maxScore;
        }
    }
}
