package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexSchemaTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The Cat's whiskers and the DOGS' bowls: NATO's U.S. forces, 3.5% of 1,000",
                "Running runners ran; it's JOHN'S car and Mary’s book and ＡＢＣ＇Ｓ",
                "e-mail user@example.com, café naïve İstanbul ΣΊΣΥΦΟΣ straße",
                "  ",
                "a an and are as at be but by for if in into is it no not of on or such that the their"
            })
    void tokenizedOnce_filteredBothWays_givesTheEnglishAnalyzersTermsAndTheWordsAnalyzersWords(String text)
            throws IOException {
        try (Analyzer english = IndexSchema.englishAnalyzer();
                Analyzer words = IndexSchema.wordsAnalyzer();
                Analyzer tokenizer = IndexSchema.englishTokenizer()) {
            AnalyzedText tokens = AnalyzedText.of(tokenizer, IndexSchema.BODY, text);

            assertThat(tokens(IndexSchema.englishFilters(tokens.replay())))
                    .isEqualTo(tokens(english.tokenStream(IndexSchema.BODY, text)));
            assertThat(tokens(new LowerCaseFilter(tokens.replay())))
                    .isEqualTo(tokens(words.tokenStream(IndexSchema.BODY_WORDS, text)));
        }
    }

    /** Every token as term, position increment and offsets, and the stream's final offset. */
    private static List<String> tokens(TokenStream stream) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "+" + increment.getPositionIncrement() + "@" + offset.startOffset() + "-"
                        + offset.endOffset());
            }
            stream.end();
            tokens.add("end+" + increment.getPositionIncrement() + "@" + offset.endOffset());
        }
        return tokens;
    }
}
