package org.citebot.search;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.IndexSchema;

/**
 * Decides whether a search found an answer or only the closest passages, so that a question the
 * corpus does not cover is told so plainly instead of being shown unrelated passages as answers.
 * Two signals, either of which is enough: the best lexical passage holds most of the question's
 * weight (its rarer words count more, by idf), or, in hybrid mode, a passage is close in meaning
 * (cosine of the question's and the passage's vectors). The floors were set on the project's
 * labelled on-topic and off-topic seed questions (docs/benchmarks.md).
 */
public final class RelevanceFloor {

    private final SearchSettings settings;

    RelevanceFloor(SearchSettings settings) {
        this.settings = settings;
    }

    /**
     * The share of the question's weight the best lexical passage holds; 0 when nothing matched.
     *
     * @param bestLexicalDoc the best lexical passage's document number, or -1 when nothing matched
     */
    double bestCoverage(IndexSearcher searcher, ParsedQuery parsed, int bestLexicalDoc) throws IOException {
        return bestLexicalDoc < 0 ? 0 : coverage(searcher, parsed, bestLexicalDoc);
    }

    /** Whether the question's words really match, by the hybrid search's lexical floor. */
    boolean wordsMatch(double coverage) {
        return coverage >= settings.lexicalFloor();
    }

    /**
     * Whether the search found an answer. Hybrid: the words match, or a passage is close enough in
     * meaning. Lexical: the words match by the lower floor of lexical mode.
     *
     * @param bestCosine the closest passage's cosine to the question; NaN without the semantic leg
     */
    boolean passes(double coverage, double bestCosine) {
        if (Double.isNaN(bestCosine)) {
            return coverage >= settings.lexicalModeFloor();
        }
        return wordsMatch(coverage) || bestCosine >= settings.semanticFloor();
    }

    /**
     * The share of the question's idf weight that passage {@code doc} holds: each distinct term of
     * the unquoted words counts its idf if it occurs in the passage's body, title or section (its
     * weighted field); quoted phrases, which every hit contains as written, count as held.
     */
    static double coverage(IndexSearcher searcher, ParsedQuery parsed, int doc) throws IOException {
        Set<String> terms = new LinkedHashSet<>(parsed.terms());
        if (terms.isEmpty()) {
            return parsed.phrases().isEmpty() ? 0 : 1;
        }
        IndexReader reader = searcher.getIndexReader();
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
        int target = doc - leaf.docBase;
        Terms weighted = leaf.reader().terms(IndexSchema.WEIGHTED);
        TermsEnum iterator = weighted == null ? null : weighted.iterator();
        PostingsEnum postings = null;
        double total = 0;
        double held = 0;
        for (String term : terms) {
            double idf = idf(searcher, term);
            total += idf;
            if (iterator != null && iterator.seekExact(new BytesRef(term))) {
                postings = iterator.postings(postings, PostingsEnum.NONE);
                if (postings.advance(target) == target) {
                    held += idf;
                }
            }
        }
        return total == 0 ? 0 : held / total;
    }

    /**
     * BM25's idf of {@code term} over the passages' weighted field (body, title and section): how
     * much finding it says (1 for an empty term).
     */
    static double idf(IndexSearcher searcher, String term) {
        if (term.isEmpty()) {
            return 1;
        }
        IndexReader reader = searcher.getIndexReader();
        try {
            return idf(reader.numDocs(), reader.docFreq(new Term(IndexSchema.WEIGHTED, term)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading a term's frequency failed", e);
        }
    }

    /**
     * BM25's idf of a term {@code frequency} of the {@code documents} entries hold: what every
     * engine reports for {@link #idf(IndexSearcher, String)}.
     */
    public static double idf(long documents, long frequency) {
        double all = Math.max(1, documents);
        return Math.log(1 + (all - frequency + 0.5) / (frequency + 0.5));
    }

    /**
     * {@link #coverage(IndexSearcher, ParsedQuery, int)} from an engine's answers: each distinct
     * term of the unquoted words counts its {@code idf} when the passage {@code holds} it in its
     * weighted field; quoted phrases count as held.
     */
    public static double coverage(ParsedQuery parsed, ToDoubleFunction<String> idf, Predicate<String> holds) {
        Set<String> terms = new LinkedHashSet<>(parsed.terms());
        if (terms.isEmpty()) {
            return parsed.phrases().isEmpty() ? 0 : 1;
        }
        double total = 0;
        double held = 0;
        for (String term : terms) {
            double weight = idf.applyAsDouble(term);
            total += weight;
            if (holds.test(term)) {
                held += weight;
            }
        }
        return total == 0 ? 0 : held / total;
    }
}
