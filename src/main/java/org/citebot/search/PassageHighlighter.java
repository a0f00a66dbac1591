package org.citebot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.citebot.index.IndexSchema;

/**
 * Finds where a query's words and phrases sit in each hit's body, as character spans, from the
 * offsets stored in the postings (no re-analysis): Lucene's {@link UnifiedHighlighter} with a
 * formatter that returns spans instead of markup, which the reply layer turns into bold.
 */
final class PassageHighlighter {

    private static final int MAX_HIGHLIGHT_CHARS = 1_000_000;

    private final Analyzer analyzer;

    PassageHighlighter(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The matches of {@code query} in the body of each of {@code page}'s passages, in page order. */
    List<List<MatchSpan>> spans(IndexSearcher searcher, Query query, List<ScoreDoc> page) throws IOException {
        int[] docIds = new int[page.size()];
        for (int i = 0; i < docIds.length; i++) {
            docIds[i] = page.get(i).doc;
        }
        SpanHighlighter highlighter = new SpanHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SpanPassageFormatter())
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(MAX_HIGHLIGHT_CHARS)
                .withMaxNoHighlightPassages(0)
                .withHighlightPhrasesStrictly(true)
                .withWeightMatches(false));
        Object[] formatted = highlighter.spans(query, docIds);
        List<List<MatchSpan>> spans = new ArrayList<>(docIds.length);
        for (Object value : formatted) {
            List<MatchSpan> list = new ArrayList<>();
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof MatchSpan span) {
                        list.add(span);
                    }
                }
            }
            spans.add(list);
        }
        return spans;
    }

    /** Exposes the highlighter's per-field object results, which our formatter fills with spans. */
    private static final class SpanHighlighter extends UnifiedHighlighter {

        SpanHighlighter(UnifiedHighlighter.Builder builder) {
            super(builder);
        }

        Object[] spans(Query query, int[] docIds) throws IOException {
            int[] maxPassages = {1};
            Map<String, Object[]> byField =
                    highlightFieldsAsObjects(new String[] {IndexSchema.BODY}, query, docIds, maxPassages);
            Object[] values = byField.get(IndexSchema.BODY);
            return values == null ? new Object[docIds.length] : values;
        }
    }
}
