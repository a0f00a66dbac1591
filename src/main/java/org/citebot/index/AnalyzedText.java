package org.citebot.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text run through the analyzer once, its tokens kept (terms, position increments, offsets) so
 * that a text is analyzed once however often it is indexed: a document's title and a run of
 * passages' shared heading are written into every passage's {@link IndexSchema#BODY} beside its own
 * words ({@link #stacked}). Holds one text's tokens; not thread-safe.
 */
final class AnalyzedText {

    private char[] chars;
    private int charCount;
    private int[] termStarts;
    private int[] termLengths;
    private int[] increments;
    private int[] startOffsets;
    private int[] endOffsets;
    private int size;
    private int finalOffset;
    private int finalIncrement;

    /**
     * Sized for a text of {@code textLength} characters, so a passage's tokens fit without the
     * arrays growing: the terms never hold more characters than the text, and an English word with
     * its space takes about six.
     */
    private AnalyzedText(int textLength) {
        int tokens = Math.max(8, textLength / 5 + 4);
        chars = new char[Math.max(16, textLength)];
        termStarts = new int[tokens];
        termLengths = new int[tokens];
        increments = new int[tokens];
        startOffsets = new int[tokens];
        endOffsets = new int[tokens];
    }

    /** The tokens {@code analyzer} makes of {@code text} in {@code field}. */
    static AnalyzedText of(Analyzer analyzer, String field, String text) {
        return of(analyzer.tokenStream(field, text), text.length());
    }

    /**
     * The tokens of {@code tokens}, a stream not yet reset, which is consumed and closed.
     *
     * @param textLength the length of the text the tokens come from, to size the arrays
     */
    static AnalyzedText of(TokenStream tokens, int textLength) {
        AnalyzedText analyzed = new AnalyzedText(textLength);
        try (TokenStream stream = tokens) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                analyzed.add(term, increment.getPositionIncrement(), offset.startOffset(), offset.endOffset());
            }
            stream.end();
            analyzed.finalOffset = offset.endOffset();
            analyzed.finalIncrement = increment.getPositionIncrement();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing text held in memory failed", e);
        }
        return analyzed;
    }

    /**
     * A filter that passes its input's tokens on unchanged and keeps them, so one pass through an
     * analysis chain gives the tokens where it stands as well as those at the end of the chain.
     * Reused from text to text: {@link #start} before each.
     */
    static final class Recorder extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private AnalyzedText recorded = new AnalyzedText(0);

        Recorder(TokenStream input) {
            super(input);
        }

        /** Keeps the tokens of the next text, of {@code textLength} characters, from now on. */
        void start(int textLength) {
            recorded = new AnalyzedText(textLength);
        }

        /** The tokens kept since {@link #start}, with the end state once the stream has ended. */
        AnalyzedText recorded() {
            return recorded;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            recorded.add(term, increment.getPositionIncrement(), offset.startOffset(), offset.endOffset());
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            recorded.finalOffset = offset.endOffset();
            recorded.finalIncrement = increment.getPositionIncrement();
        }
    }

    /** How many tokens the text has. */
    int size() {
        return size;
    }

    /** The term of token {@code i}. */
    String term(int i) {
        return new String(chars, termStarts[i], termLengths[i]);
    }

    /** {@link WrittenWords#hash} of the term of token {@code i}, without making it a string. */
    int termHash(int i) {
        return WrittenWords.hash(chars, termStarts[i], termLengths[i]);
    }

    private void add(CharTermAttribute term, int increment, int startOffset, int endOffset) {
        if (size == termStarts.length) {
            int grown = size * 2;
            termStarts = Arrays.copyOf(termStarts, grown);
            termLengths = Arrays.copyOf(termLengths, grown);
            increments = Arrays.copyOf(increments, grown);
            startOffsets = Arrays.copyOf(startOffsets, grown);
            endOffsets = Arrays.copyOf(endOffsets, grown);
        }
        int length = term.length();
        if (charCount + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + length));
        }
        System.arraycopy(term.buffer(), 0, chars, charCount, length);
        termStarts[size] = charCount;
        termLengths[size] = length;
        increments[size] = increment;
        startOffsets[size] = startOffset;
        endOffsets[size] = endOffset;
        charCount += length;
        size++;
    }

    /** The tokens again, as the analyzer gave them, for one field of one Lucene document. */
    TokenStream replay() {
        return new Replay(new AnalyzedText[] {this}, new int[] {1}, 1);
    }

    /**
     * The most tokens {@link #stacked} writes of each text after the first, whose tokens stand a gap
     * apart: a title of millions of words would otherwise run past the largest position Lucene takes.
     */
    static final int MAX_SPREAD_TOKENS = 10_000;

    /** No token at all: a field that is there without a term, and so without a hit. */
    static TokenStream none() {
        return new Replay(new AnalyzedText[0], new int[0], 1);
    }

    /**
     * The tokens of several texts one after the other in one positional field: the first text's
     * tokens at their own positions, then every token of the others {@code gap} positions after the
     * one before, and every token of {@code parts[i]} written {@code repeats[i]} times at its place
     * (the copies at the same position). A term's frequency in the field is then the weighted count
     * of its occurrences, what BM25F scores, while a phrase or proximity match of a few words only
     * ever joins words of the first text. Of each text after the first, only the first {@link
     * #MAX_SPREAD_TOKENS} tokens are written.
     */
    static TokenStream stacked(AnalyzedText[] parts, int[] repeats, int gap) {
        if (parts.length != repeats.length) {
            throw new IllegalArgumentException("one repeat count per part");
        }
        for (int repeat : repeats) {
            if (repeat < 1) {
                throw new IllegalArgumentException("every token is written at least once, not " + repeat + " times");
            }
        }
        if (gap < 1) {
            throw new IllegalArgumentException("the gap between texts must be at least 1, was " + gap);
        }
        return new Replay(parts.clone(), repeats.clone(), gap);
    }

    /** Replays the tokens of one or more analyzed texts. */
    private static final class Replay extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final AnalyzedText[] parts;
        private final int[] repeats;
        private final int gap;

        private int part;
        private int next;
        /** How many more times the current token is written at the same position. */
        private int copies;
        /** Positions the first text ended with after its last token, added before the next token. */
        private int carried;
        /**
         * Where the current text starts in the characters of all texts one after the other: Lucene
         * wants offsets that never go back within a field, even when it does not index them.
         */
        private int offsetBase;

        Replay(AnalyzedText[] parts, int[] repeats, int gap) {
            this.parts = parts;
            this.repeats = repeats;
            this.gap = gap;
        }

        @Override
        public boolean incrementToken() {
            if (copies > 0) {
                copies--;
                increment.setPositionIncrement(0);
                return true;
            }
            while (part < parts.length && next >= written(part)) {
                if (part == 0) {
                    // The words the first text ends with that left no token (stop words).
                    carried = parts[part].finalIncrement;
                }
                offsetBase += parts[part].finalOffset + 1;
                part++;
                next = 0;
            }
            if (part == parts.length) {
                return false;
            }
            clearAttributes();
            AnalyzedText text = parts[part];
            term.copyBuffer(text.chars, text.termStarts[next], text.termLengths[next]);
            increment.setPositionIncrement(part == 0 ? text.increments[next] : carried + gap);
            offset.setOffset(offsetBase + text.startOffsets[next], offsetBase + text.endOffsets[next]);
            if (part > 0) {
                carried = 0;
            }
            copies = repeats[part] - 1;
            next++;
            return true;
        }

        /** How many tokens of text {@code index} are written. */
        private int written(int index) {
            return index == 0 ? parts[0].size : Math.min(parts[index].size, MAX_SPREAD_TOKENS);
        }

        @Override
        public void end() throws IOException {
            super.end();
            if (parts.length == 1) {
                AnalyzedText text = parts[0];
                offset.setOffset(text.finalOffset, text.finalOffset);
                increment.setPositionIncrement(text.finalIncrement);
            }
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            part = 0;
            next = 0;
            copies = 0;
            carried = 0;
            offsetBase = 0;
        }
    }
}
