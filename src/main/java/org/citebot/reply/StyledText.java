package org.citebot.reply;

import java.util.ArrayList;
import java.util.List;
import org.citebot.search.HighlightSpan;

/**
 * Plain text with the stretches that should stand out (bold in Discord and the console). The text
 * is never escaped or marked up here; each renderer does that its own way.
 *
 * @param bold sorted, non-overlapping spans within {@code text}
 */
public record StyledText(String text, List<HighlightSpan> bold) {

    /** The ellipsis renderers put where text was cut. */
    public static final String ELLIPSIS = "…";

    public StyledText {
        bold = List.copyOf(bold);
        int previousEnd = 0;
        for (HighlightSpan span : bold) {
            if (span.start() < previousEnd || span.end() > text.length()) {
                throw new IllegalArgumentException("spans must be sorted, disjoint and inside the text: " + span);
            }
            previousEnd = span.end();
        }
    }

    public static StyledText plain(String text) {
        return new StyledText(text, List.of());
    }

    public static StyledText bold(String text) {
        return text.isEmpty() ? plain(text) : new StyledText(text, List.of(new HighlightSpan(0, text.length())));
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** This text followed by {@code other}, spans shifted accordingly. */
    public StyledText append(StyledText other) {
        List<HighlightSpan> spans = new ArrayList<>(bold);
        int shift = text.length();
        for (HighlightSpan span : other.bold) {
            spans.add(new HighlightSpan(span.start() + shift, span.end() + shift));
        }
        return new StyledText(text + other.text, mergeAdjacent(spans));
    }

    /**
     * The part {@code [start, end)} of this text with the spans inside it (spans crossing a cut are
     * clipped).
     */
    public StyledText slice(int start, int end) {
        List<HighlightSpan> spans = new ArrayList<>();
        for (HighlightSpan span : bold) {
            int s = Math.max(span.start(), start);
            int e = Math.min(span.end(), end);
            if (s < e) {
                spans.add(new HighlightSpan(s - start, e - start));
            }
        }
        return new StyledText(text.substring(start, end), spans);
    }

    /**
     * An excerpt of at most {@code maxChars} characters (ellipses included) that keeps the first
     * bold span in view, cut at sentence or word boundaries with {@link #ELLIPSIS}. Returns this text
     * unchanged when it already fits.
     */
    public StyledText excerpt(int maxChars) {
        if (text.length() <= maxChars) {
            return this;
        }
        if (maxChars <= ELLIPSIS.length()) {
            return plain(ELLIPSIS.substring(0, Math.max(0, maxChars)));
        }
        int anchor = bold.isEmpty() ? 0 : bold.get(0).start();
        int budget = maxChars - 2 * ELLIPSIS.length();
        // Start a little before the first match so it reads in context, preferring a sentence start.
        int start = 0;
        if (anchor > budget / 3) {
            int earliest = Math.max(0, anchor - budget / 3);
            start = TextBoundaries.sentenceStartAtOrAfter(text, earliest, anchor);
            if (start == anchor || start < 0) {
                start = TextBoundaries.wordStartAtOrAfter(text, earliest, anchor);
            }
        }
        boolean cutStart = start > 0;
        int room = maxChars - (cutStart ? ELLIPSIS.length() : 0);
        int end;
        if (start + room >= text.length()) {
            end = text.length();
        } else {
            room -= ELLIPSIS.length();
            end = TextBoundaries.cutAt(text, start, start + room);
        }
        StyledText core = slice(start, end).trimmed();
        StyledText result = cutStart ? plain(ELLIPSIS).append(core) : core;
        return end < text.length() ? result.append(plain(ELLIPSIS)) : result;
    }

    private StyledText trimmed() {
        int s = 0;
        int e = text.length();
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return s == 0 && e == text.length() ? this : slice(s, e);
    }

    private static List<HighlightSpan> mergeAdjacent(List<HighlightSpan> spans) {
        List<HighlightSpan> merged = new ArrayList<>();
        for (HighlightSpan span : spans) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).end() == span.start()) {
                HighlightSpan last = merged.remove(merged.size() - 1);
                merged.add(new HighlightSpan(last.start(), span.end()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
