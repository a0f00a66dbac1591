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
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.jspecify.annotations.Nullable;

/**
 * A text run through the analyzer once, its tokens kept (terms, position increments, offsets) so
 * that every field indexing the same text replays them instead of analyzing it again: a passage's
 * body feeds {@link IndexSchema#BODY} and {@link IndexSchema#WEIGHTED}, a document's title every
 * passage's {@link IndexSchema#TITLE} and weighted field. Holds one text's tokens; not thread-safe.
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
        return new Replay(new AnalyzedText[] {this}, null);
    }

    /**
     * The tokens of several texts one after the other, each token of {@code parts[i]} carrying the
     * term frequency {@code frequencies[i]}: the weighted field, which Lucene sums per term. Such a
     * field must be indexed without positions, so its tokens carry neither gaps nor offsets.
     */
    static TokenStream weighted(AnalyzedText[] parts, int[] frequencies) {
        if (parts.length != frequencies.length) {
            throw new IllegalArgumentException("one frequency per part");
        }
        return new Replay(parts.clone(), frequencies.clone());
    }

    /** Replays the tokens of one or more analyzed texts. */
    private static final class Replay extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
        private final AnalyzedText[] parts;
        /** Per part; null for a plain replay with the analyzer's positions and offsets. */
        private final int @Nullable [] frequencies;

        private int part;
        private int next;

        Replay(AnalyzedText[] parts, int @Nullable [] frequencies) {
            this.parts = parts;
            this.frequencies = frequencies;
        }

        @Override
        public boolean incrementToken() {
            while (part < parts.length && next >= parts[part].size) {
                part++;
                next = 0;
            }
            if (part == parts.length) {
                return false;
            }
            clearAttributes();
            AnalyzedText text = parts[part];
            term.copyBuffer(text.chars, text.termStarts[next], text.termLengths[next]);
            if (frequencies == null) {
                increment.setPositionIncrement(text.increments[next]);
                offset.setOffset(text.startOffsets[next], text.endOffsets[next]);
            } else {
                frequency.setTermFrequency(frequencies[part]);
            }
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            if (frequencies == null) {
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
        }
    }
}
