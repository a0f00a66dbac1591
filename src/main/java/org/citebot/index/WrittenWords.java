package org.citebot.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Quoted phrases as written, without indexing every passage's words a second time. Each passage
 * keeps the sequence of its body's words (lower-cased, stop words included, as {@link
 * IndexSchema#wordsAnalyzer()} makes them) as 16-bit hashes in a binary doc value, {@link
 * IndexSchema#BODY_WORD_HASHES}: two bytes a word, appended to a column rather than inverted into
 * postings with positions, which made a passage cost a third more to index (issue 15).
 *
 * <p>A phrase is then found in two steps: its stems in order, with the stop words' gaps, in {@link
 * IndexSchema#BODY} (the index's own phrase query, which every passage with the phrase as written
 * matches), and for those passages only, the words' hashes at the places where the phrase's first
 * stem stands. The body's positions count its words, stop words included (the English analysis
 * leaves a gap for each word it drops), so a stem at position {@code p} is the stem of word {@code p}.
 * A form of a word the stems confuse ("nuclear wars" for "nuclear war") or another stop word in a
 * gap ("the whole in Europe") has another hash. Since the words compared stand where the stems
 * matched, a hash only has to tell apart the forms of one stem, or the stop words, from one another;
 * two of them share a hash one time in 65,536.
 */
public final class WrittenWords {

    /** What checking one passage's words costs: reading the anchor's positions and a few hashes. */
    private static final float CHECK_COST = 64;

    private WrittenWords() {}

    /**
     * The passages {@code candidates} matches whose body holds {@code words} one after the other as
     * written, where the stem {@code anchor} stands for word {@code anchorWord} of them. Scores
     * nothing: a filter.
     *
     * @param candidates a query every passage holding the words matches: the phrase's stems in
     *     {@link IndexSchema#BODY}, at their positions
     * @param anchor a stem of the phrase, as indexed in {@link IndexSchema#BODY}
     * @param anchorWord the place among {@code words} of the word {@code anchor} is the stem of
     * @param words the phrase's words as the words analyzer makes them
     * @throws IllegalArgumentException when there are no words or the anchor is not among them
     */
    public static Query filter(Query candidates, String anchor, int anchorWord, List<String> words) {
        if (words.isEmpty() || anchorWord < 0 || anchorWord >= words.size()) {
            throw new IllegalArgumentException(
                    "the anchor must be one of the phrase's " + words.size() + " words, not word " + anchorWord);
        }
        return new WrittenWordsQuery(candidates, anchor, anchorWord, List.copyOf(words));
    }

    /** The doc value of a body whose words are {@code words}: each word's hash, in order. */
    static BytesRef hashes(AnalyzedText words) {
        byte[] bytes = new byte[words.size() * 2];
        for (int i = 0; i < words.size(); i++) {
            put(bytes, i, words.termHash(i));
        }
        return new BytesRef(bytes);
    }

    /** The hashes of {@code words}, as a body's doc value would hold them. */
    static byte[] hashes(List<String> words) {
        byte[] bytes = new byte[words.size() * 2];
        for (int i = 0; i < words.size(); i++) {
            put(bytes, i, hash(words.get(i)));
        }
        return bytes;
    }

    /** The hash of one word: {@link #hash(char[], int, int)} of its characters. */
    static int hash(String word) {
        char[] chars = word.toCharArray();
        return hash(chars, 0, chars.length);
    }

    /**
     * The 16-bit hash of one word, {@code length} UTF-16 characters of {@code chars} from {@code
     * offset}: a String-style hash, spread so that words differing in their last character differ
     * in more than the lowest bits.
     */
    static int hash(char[] chars, int offset, int length) {
        int x = 0;
        for (int i = offset; i < offset + length; i++) {
            x = 31 * x + chars[i];
        }
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x & 0xFFFF;
    }

    private static void put(byte[] bytes, int word, int hash) {
        bytes[2 * word] = (byte) hash;
        bytes[2 * word + 1] = (byte) (hash >>> 8);
    }

    /** Whether {@code sequence} holds {@code phrase} from its word {@code word} on. */
    static boolean holdsAt(BytesRef sequence, int word, byte[] phrase) {
        int at = sequence.offset + 2 * word;
        return word >= 0
                && 2 * word + phrase.length <= sequence.length
                && Arrays.equals(sequence.bytes, at, at + phrase.length, phrase, 0, phrase.length);
    }

    private static final class WrittenWordsQuery extends Query {

        private final Query candidates;
        private final String anchor;
        private final int anchorWord;
        private final List<String> words;
        private final byte[] phrase;

        WrittenWordsQuery(Query candidates, String anchor, int anchorWord, List<String> words) {
            this.candidates = candidates;
            this.anchor = anchor;
            this.anchorWord = anchorWord;
            this.words = words;
            this.phrase = hashes(words);
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            Query rewritten = candidates.rewrite(searcher);
            return rewritten == candidates
                    ? super.rewrite(searcher)
                    : new WrittenWordsQuery(rewritten, anchor, anchorWord, words);
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            Weight found = searcher.createWeight(candidates, ScoreMode.COMPLETE_NO_SCORES, 1f);
            BytesRef anchorTerm = new BytesRef(anchor);
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    Scorer scorer = found.scorer(context);
                    BinaryDocValues sequences = context.reader().getBinaryDocValues(IndexSchema.BODY_WORD_HASHES);
                    Terms body = context.reader().terms(IndexSchema.BODY);
                    if (scorer == null || sequences == null || body == null || !body.hasPositions()) {
                        return null;
                    }
                    TermsEnum terms = body.iterator();
                    if (!terms.seekExact(anchorTerm)) {
                        return null;
                    }
                    PostingsEnum places = terms.postings(null, PostingsEnum.POSITIONS);
                    TwoPhaseIterator stems = scorer.twoPhaseIterator();
                    DocIdSetIterator approximation = stems == null ? scorer.iterator() : stems.approximation();
                    TwoPhaseIterator written = new TwoPhaseIterator(approximation) {
                        @Override
                        public boolean matches() throws IOException {
                            return (stems == null || stems.matches()) && holdsWords(approximation.docID());
                        }

                        private boolean holdsWords(int doc) throws IOException {
                            int at = places.docID() < doc ? places.advance(doc) : places.docID();
                            if (at != doc || !sequences.advanceExact(doc)) {
                                return false;
                            }
                            BytesRef sequence = sequences.binaryValue();
                            for (int i = places.freq(); i > 0; i--) {
                                if (holdsAt(sequence, places.nextPosition() - anchorWord, phrase)) {
                                    return true;
                                }
                            }
                            return false;
                        }

                        @Override
                        public float matchCost() {
                            return (stems == null ? 0 : stems.matchCost()) + CHECK_COST;
                        }
                    };
                    return new ConstantScoreScorer(this, score(), scoreMode, written);
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    return DocValues.isCacheable(context, IndexSchema.BODY_WORD_HASHES) && found.isCacheable(context);
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            candidates.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
        }

        @Override
        public String toString(String field) {
            return "written(" + candidates.toString(field) + ", \"" + String.join(" ", words) + "\")";
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other)
                    && candidates.equals(((WrittenWordsQuery) other).candidates)
                    && anchor.equals(((WrittenWordsQuery) other).anchor)
                    && anchorWord == ((WrittenWordsQuery) other).anchorWord
                    && words.equals(((WrittenWordsQuery) other).words);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), candidates, anchor, anchorWord, words);
        }
    }
}
