package org.citebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.IndexSchema;

/**
 * The question's terms in the field BM25F scores (the body, with its title and heading copies,
 * {@link IndexSchema#BODY}), looked up once per search: each term's place in every
 * segment's terms dictionary ({@link TermStates}), shared by the first-pass query, the relevance
 * floor's coverage and idf, and the excerpts' idf weights. Each of them used to seek every term in
 * every segment again. One instance per search and searcher, used by one thread.
 */
final class WeightedTerms {

    private final IndexSearcher searcher;
    private final Map<String, TermStates> states = new HashMap<>();

    WeightedTerms(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /** The term query on the scored field, with its statistics already looked up. */
    TermQuery query(String term) {
        return new TermQuery(new Term(IndexSchema.BODY, term), states(term));
    }

    /**
     * BM25's idf of {@code term} over the passages' scored field: how much finding it says (1 for
     * an empty term).
     */
    double idf(String term) {
        if (term.isEmpty()) {
            return 1;
        }
        return RelevanceFloor.idf(
                searcher.getIndexReader().numDocs(), states(term).docFreq());
    }

    /** The share of the question's idf weight that the passage numbered {@code doc} holds. */
    double coverage(ParsedQuery parsed, int doc) {
        return RelevanceFloor.coverage(parsed, this::idf, term -> holds(term, doc));
    }

    /** Whether the passage numbered {@code doc} holds {@code term} in its scored field. */
    boolean holds(String term, int doc) {
        try {
            return holdsIn(term, doc);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the passage index failed", e);
        }
    }

    private boolean holdsIn(String term, int doc) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
        TermState state = states(term).get(leaf);
        Terms scored = leaf.reader().terms(IndexSchema.BODY);
        if (state == null || scored == null) {
            return false;
        }
        TermsEnum terms = scored.iterator();
        terms.seekExact(new BytesRef(term), state);
        int target = doc - leaf.docBase;
        return terms.postings(null, PostingsEnum.NONE).advance(target) == target;
    }

    private TermStates states(String term) {
        TermStates known = states.get(term);
        if (known == null) {
            try {
                known = TermStates.build(searcher, new Term(IndexSchema.BODY, term), true);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the passage index failed", e);
            }
            states.put(term, known);
        }
        return known;
    }
}
