package org.citebot.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
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
import org.jspecify.annotations.Nullable;

/**
 * Passages whose text holds a quoted phrase's words as written, one right after the other: the
 * passages a cheaper {@code candidates} query finds (every word present, and the phrase's stems in a
 * row in the body when the analysis allows), each confirmed by tokenizing its stored text as the
 * index's {@code body_words} field does (StandardTokenizer, lower case) and looking for the words at
 * consecutive positions. The words field carries no positions, which saves every passage's write
 * the positions of all its words; a search with a phrase pays instead a stored-text check of the
 * candidates it visits. Scores nothing: {@link LexicalQueries} uses it as a filter.
 */
final class ExactPhraseQuery extends Query {

    /** A confirmation reads and tokenizes a passage: far dearer than any postings check. */
    private static final float CONFIRMATION_COST = 1_000f;

    private final Query candidates;
    private final String textField;
    private final List<String> words;

    /**
     * @param candidates a query every passage holding the phrase matches
     * @param textField the stored field holding the passage text
     * @param words the phrase's words, lower-cased, as the words field tokenizes them
     */
    ExactPhraseQuery(Query candidates, String textField, List<String> words) {
        if (words.size() < 2) {
            throw new IllegalArgumentException("a phrase of one word is a term query");
        }
        this.candidates = candidates;
        this.textField = textField;
        this.words = List.copyOf(words);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = searcher.createWeight(searcher.rewrite(candidates), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public @Nullable Scorer scorer(LeafReaderContext context) throws IOException {
                Scorer found = inner.scorer(context);
                if (found == null) {
                    return null;
                }
                TwoPhaseIterator confirmed =
                        new Confirmation(found, context.reader().storedFields(), textField, words);
                return new ConstantScoreScorer(this, score(), scoreMode, confirmed);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                // Caching would confirm every candidate of the segment at once, far more than a search visits.
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(textField)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return "exact(" + textField + ":\"" + String.join(" ", words) + "\" in " + candidates.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other)
                && candidates.equals(((ExactPhraseQuery) other).candidates)
                && textField.equals(((ExactPhraseQuery) other).textField)
                && words.equals(((ExactPhraseQuery) other).words);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), candidates, textField, words);
    }

    /** The candidates of one segment, each confirmed in its stored text. */
    private static final class Confirmation extends TwoPhaseIterator {

        private final @Nullable TwoPhaseIterator candidatePhase;
        private final StoredFields stored;
        private final String textField;
        private final List<String> words;
        private final Tokenizer tokenizer = new StandardTokenizer();
        private final TokenStream lowerCased = new LowerCaseFilter(tokenizer);
        private final CharTermAttribute term = lowerCased.addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = lowerCased.addAttribute(PositionIncrementAttribute.class);
        /** The word at each position of the passage being confirmed, null where the tokenizer skipped one. */
        private final List<@Nullable String> positions = new ArrayList<>();

        Confirmation(Scorer candidates, StoredFields stored, String textField, List<String> words) {
            super(approximation(candidates));
            this.candidatePhase = candidates.twoPhaseIterator();
            this.stored = stored;
            this.textField = textField;
            this.words = words;
        }

        private static DocIdSetIterator approximation(Scorer candidates) {
            TwoPhaseIterator phase = candidates.twoPhaseIterator();
            return phase == null ? candidates.iterator() : phase.approximation();
        }

        @Override
        public boolean matches() throws IOException {
            if (candidatePhase != null && !candidatePhase.matches()) {
                return false;
            }
            String text = text(approximation.docID());
            return text != null && holdsPhrase(text);
        }

        @Override
        public float matchCost() {
            return (candidatePhase == null ? 0 : candidatePhase.matchCost()) + CONFIRMATION_COST;
        }

        private @Nullable String text(int doc) throws IOException {
            String[] found = new String[1];
            stored.document(doc, new StoredFieldVisitor() {
                @Override
                public Status needsField(FieldInfo fieldInfo) {
                    if (found[0] != null) {
                        return Status.STOP;
                    }
                    return fieldInfo.name.equals(textField) ? Status.YES : Status.NO;
                }

                @Override
                public void stringField(FieldInfo fieldInfo, String value) {
                    found[0] = value;
                }
            });
            return found[0];
        }

        /** Whether the words stand at consecutive positions of the text, as a phrase query on positions finds them. */
        private boolean holdsPhrase(String text) throws IOException {
            positions.clear();
            tokenizer.setReader(new StringReader(text));
            try {
                lowerCased.reset();
                while (lowerCased.incrementToken()) {
                    for (int gap = 1; gap < increment.getPositionIncrement(); gap++) {
                        positions.add(null);
                    }
                    positions.add(term.toString());
                }
                lowerCased.end();
            } finally {
                lowerCased.close();
            }
            for (int start = 0; start + words.size() <= positions.size(); start++) {
                if (matchesAt(start)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesAt(int start) {
            for (int i = 0; i < words.size(); i++) {
                if (!words.get(i).equals(positions.get(start + i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
