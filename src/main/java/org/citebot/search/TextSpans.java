package org.citebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.passages.StoredPassage;

/**
 * Highlight spans for every engine: the page's stored bodies analyzed again with the index's own
 * analysis, which gives the very terms, positions and offsets the body was indexed with, marked by
 * the rules of {@link PassageHighlighter} (a quoted phrase's words only where they stand as the
 * phrase). The page's passages are read anyway; analyzing five of them costs less than the offsets
 * every passage's postings would otherwise carry (issue 15), and an engine's own highlighter would
 * apply its own rules.
 */
public final class TextSpans {

    private final Analyzer analyzer;

    /** Spans by {@code settings}' analysis: the analysis the engine's passages were indexed with. */
    public TextSpans(IndexSettings settings) {
        this.analyzer = IndexSchema.perFieldAnalyzer(settings.contentAnalyzer().get());
    }

    /** Where {@code parsed}'s words and phrases match in each of {@code passages}' bodies, in their order. */
    public List<List<MatchSpan>> spans(ParsedQuery parsed, List<StoredPassage> passages) {
        Set<String> wanted = PassageHighlighter.wanted(parsed);
        List<List<MatchSpan>> spans = new ArrayList<>(passages.size());
        for (StoredPassage passage : passages) {
            Map<PassageHighlighter.HighlightSpanKey, MatchSpan> matches = new TreeMap<>();
            if (!wanted.isEmpty()) {
                PassageHighlighter.mark(parsed, occurrences(passage.passage().text(), wanted), matches);
            }
            spans.add(List.copyOf(matches.values()));
        }
        return spans;
    }

    private Map<String, PassageHighlighter.Occurrences> occurrences(String text, Set<String> wanted) {
        Map<String, List<int[]>> found = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(IndexSchema.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                String token = term.toString();
                if (wanted.contains(token)) {
                    found.computeIfAbsent(token, t -> new ArrayList<>())
                            .add(new int[] {position, offsets.startOffset(), offsets.endOffset()});
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a stored passage failed", e);
        }
        Map<String, PassageHighlighter.Occurrences> occurrences = new HashMap<>();
        found.forEach((token, list) -> {
            int[] positions = new int[list.size()];
            int[] starts = new int[list.size()];
            int[] ends = new int[list.size()];
            for (int i = 0; i < list.size(); i++) {
                positions[i] = list.get(i)[0];
                starts[i] = list.get(i)[1];
                ends[i] = list.get(i)[2];
            }
            occurrences.put(token, new PassageHighlighter.Occurrences(positions, starts, ends));
        });
        return occurrences;
    }
}
