package org.citebot.search;

import java.util.List;

/**
 * The excerpt of a passage shown to the user, with the spans that matched the query. The text is
 * plain corpus text, never escaped or marked up: each renderer escapes and marks it its own way.
 *
 * @param highlights sorted, non-overlapping spans within {@code text}
 * @param cutStart true when the excerpt starts after the passage's start
 * @param cutEnd true when the excerpt ends before the passage's end
 */
public record Snippet(String text, List<HighlightSpan> highlights, boolean cutStart, boolean cutEnd) {

    public Snippet {
        highlights = List.copyOf(highlights);
        for (HighlightSpan span : highlights) {
            if (span.end() > text.length()) {
                throw new IllegalArgumentException("span " + span + " is past the text's end " + text.length());
            }
        }
    }
}
