package org.citebot.index;

import java.io.StringReader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The default content analysis ({@link EnglishAnalyzer}) of a passage body in one pass that keeps
 * the body's words on the way, so the body is tokenized once for both of its fields:
 * StandardTokenizer and lower case make the words whose hashes {@link IndexSchema#BODY_WORD_HASHES}
 * keeps (what {@link IndexSchema#wordsAnalyzer()} makes), and the possessive filter, the English stop words and Porter
 * stemming over those words make the stems of {@link IndexSchema#BODY}. {@link PassageDocuments}
 * keeps one per indexing thread; tokenizing the body a second time for its words was part of what
 * made an indexed passage cost more than twice bare Lucene's (issue 15).
 *
 * <p>EnglishAnalyzer strips possessives before it lower-cases; stripping them after is the same,
 * since its possessive filter strips {@code 's} and {@code 'S} alike (after an ASCII, curly or
 * full-width apostrophe), only {@code S} lower-cases to {@code s}, nothing lower-cases to an
 * apostrophe, and lower case maps each code point on its own. The stop filter sees the same
 * lower-cased words with the same position increments, so it leaves the same gaps. Not thread-safe.
 */
final class EnglishBodyAnalysis {

    private final Tokenizer tokenizer = new StandardTokenizer();
    private final AnalyzedText.Recorder words = new AnalyzedText.Recorder(new LowerCaseFilter(tokenizer));
    private final TokenStream stems = new PorterStemFilter(
            new StopFilter(new EnglishPossessiveFilter(words), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET));

    /**
     * Whether {@code content}, the analyzer {@code settings} made, is the default English analysis
     * this class reproduces: an {@link EnglishAnalyzer} with its default stop words, under the
     * analysis id of {@link IndexSettings#defaults()}. The id stands for what the analyzer does not
     * tell (its stem exclusions, empty by default); an analyzer wrapped by a test, or any other
     * analysis, analyzes the body itself and leaves the words to the writer.
     */
    static boolean appliesTo(IndexSettings settings, Analyzer content) {
        return settings.analyzerId().equals(IndexSettings.ENGLISH_ANALYSIS_ID)
                && content instanceof EnglishAnalyzer english
                && english.getStopwordSet().equals(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }

    /**
     * The stems EnglishAnalyzer makes of {@code text} and the words the words analyzer makes of it:
     * the same terms, position increments (with the stop words' gaps) and offsets, at the end too.
     */
    Tokens analyze(String text) {
        tokenizer.setReader(new StringReader(text));
        words.start(text.length());
        AnalyzedText stemmed = AnalyzedText.of(stems, text.length());
        return new Tokens(stemmed, words.recorded());
    }

    /**
     * A body's stems, for {@link IndexSchema#BODY}, and its words, whose hashes {@link
     * IndexSchema#BODY_WORD_HASHES} keeps.
     */
    record Tokens(AnalyzedText stems, AnalyzedText words) {}
}
