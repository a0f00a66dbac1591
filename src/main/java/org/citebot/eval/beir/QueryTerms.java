package org.citebot.eval.beir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzed terms of a query and how often each occurs, in first-seen order: what the Anserini
 * setup and the benchmark's bare-Lucene baseline build their term clauses from.
 */
public final class QueryTerms {

    private QueryTerms() {}

    /** Runs {@code text} through {@code analyzer} (as {@code field}) and counts each term. */
    public static Map<String, Integer> counts(Analyzer analyzer, String field, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a query in memory failed", e);
        }
        return counts;
    }
}
