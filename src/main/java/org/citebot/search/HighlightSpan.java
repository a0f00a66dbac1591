package org.citebot.search;

/** A matched stretch of a snippet's text, {@code [start, end)}, that renderers mark (bold). */
public record HighlightSpan(int start, int end) {

    public HighlightSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
