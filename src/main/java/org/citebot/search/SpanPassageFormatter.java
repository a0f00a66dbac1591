package org.citebot.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.util.BytesRef;

/**
 * A UnifiedHighlighter formatter that returns where the matches are instead of marked-up text: a
 * {@code List<MatchSpan>} in the offsets of the whole field value, each with the indexed term it
 * matched. The text itself is never touched, so no markup can leak into what renderers show.
 */
final class SpanPassageFormatter extends PassageFormatter {

    @Override
    public Object format(Passage[] passages, String content) {
        List<MatchSpan> spans = new ArrayList<>();
        for (Passage passage : passages) {
            int[] starts = passage.getMatchStarts();
            int[] ends = passage.getMatchEnds();
            BytesRef[] terms = passage.getMatchTerms();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                if (starts[i] >= 0 && ends[i] > starts[i] && ends[i] <= content.length()) {
                    spans.add(new MatchSpan(new HighlightSpan(starts[i], ends[i]), terms[i].utf8ToString()));
                }
            }
        }
        return List.copyOf(spans);
    }
}
