package org.citebot.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * The default content analysis ({@link EnglishAnalyzer}) taken from a passage body's words, so the
 * body is tokenized once for both of its fields: StandardTokenizer and lower case make the words of
 * {@link IndexSchema#BODY_WORDS} ({@link IndexSchema#wordsAnalyzer()}), and the possessive filter,
 * the English stop words and Porter stemming over a replay of those words make the stems of {@link
 * IndexSchema#BODY}. {@link PassageDocuments} uses it; tokenizing the body a second time was about a
 * third of the CPU an indexed passage cost (issue 15).
 *
 * <p>EnglishAnalyzer strips possessives before it lower-cases; stripping them after is the same,
 * since its possessive filter strips {@code 's} and {@code 'S} alike (after an ASCII, curly or
 * full-width apostrophe), only {@code S} lower-cases to {@code s}, nothing lower-cases to an
 * apostrophe, and lower case maps each code point on its own. The stop filter sees the same
 * lower-cased words with the same position increments, so it leaves the same gaps.
 */
final class EnglishStems {

    private EnglishStems() {}

    /**
     * Whether {@code content}, the analyzer {@code settings} made, is the default English analysis
     * whose stems this class derives: an {@link EnglishAnalyzer} with its default stop words, under
     * the analysis id of {@link IndexSettings#defaults()}. The id stands for what the analyzer does
     * not tell (its stem exclusions, empty by default); an analyzer wrapped by a test, or any other
     * analysis, analyzes the body itself.
     */
    static boolean derivable(IndexSettings settings, Analyzer content) {
        return settings.analyzerId().equals(IndexSettings.ENGLISH_ANALYSIS_ID)
                && content instanceof EnglishAnalyzer english
                && english.getStopwordSet().equals(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }

    /**
     * The stems EnglishAnalyzer makes of a text, derived from {@code words}, the text's tokens as
     * {@link IndexSchema#wordsAnalyzer()} makes them: the same terms, position increments (with the
     * stop words' gaps) and offsets, at the end too.
     *
     * @param textLength the length of the text, to size the stems' arrays
     */
    static AnalyzedText of(AnalyzedText words, int textLength) {
        TokenStream stems = new EnglishPossessiveFilter(words.replay());
        stems = new StopFilter(stems, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stems = new PorterStemFilter(stems);
        return AnalyzedText.of(stems, textLength);
    }
}
