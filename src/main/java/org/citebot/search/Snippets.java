package org.citebot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Cuts a passage down to the excerpt a reply shows: at most a given number of characters around
 * the stretch holding the strongest matches (each match weighs what its word says about the
 * question: a rare word more than a common one), or around a chosen sentence when nothing matched,
 * starting and ending at sentence or word boundaries, with the match spans moved to the excerpt's
 * coordinates. Pure; used by the search service for each returned hit.
 */
public final class Snippets {

    /** How far before the first match an excerpt may start to begin at its sentence. */
    private static final int SENTENCE_LEAD = 120;
    /** Context kept before the first match when its sentence starts too far back. */
    private static final int WORD_LEAD = 40;

    private Snippets() {}

    /**
     * The excerpt of {@code text} showing as many of {@code matches} as fit in {@code maxChars}.
     *
     * @param matches spans in {@code text}; overlapping or unsorted spans are merged
     */
    public static Snippet excerpt(String text, List<HighlightSpan> matches, int maxChars) {
        return excerpt(text, matches, span -> 1.0, maxChars);
    }

    /**
     * The excerpt of {@code text} showing the heaviest stretch of {@code matches} that fits in
     * {@code maxChars}, or, when nothing matched, the text's opening.
     *
     * @param weight what a match is worth (its word's idf, say); merged matches add up
     */
    public static Snippet excerpt(
            String text, List<HighlightSpan> matches, ToDoubleFunction<HighlightSpan> weight, int maxChars) {
        List<HighlightSpan> spans = merge(matches, text.length());
        if (text.length() <= maxChars) {
            return new Snippet(text, spans, false, false);
        }
        int anchor = spans.isEmpty() ? 0 : heaviestStart(spans, weights(spans, matches, weight), maxChars);
        int start = startBefore(text, anchor);
        int end = endBefore(text, start, Math.min(text.length(), start + maxChars));
        if (end == text.length() && start > 0) {
            // The excerpt reaches the end: use the room left over for more text before it.
            int earliest = Math.max(0, text.length() - maxChars);
            int widened = nextWordStart(text, earliest);
            start = Math.min(start, widened);
        }
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        List<HighlightSpan> shifted = new ArrayList<>();
        for (HighlightSpan span : spans) {
            if (span.start() >= start && span.end() <= end) {
                shifted.add(new HighlightSpan(span.start() - start, span.end() - start));
            }
        }
        return new Snippet(text.substring(start, end), shifted, start > 0, end < text.length());
    }

    /** Each merged span's weight: the sum of the weights of the matches inside it. */
    private static double[] weights(
            List<HighlightSpan> merged, List<HighlightSpan> matches, ToDoubleFunction<HighlightSpan> weight) {
        double[] weights = new double[merged.size()];
        for (HighlightSpan match : matches) {
            for (int i = 0; i < merged.size(); i++) {
                HighlightSpan span = merged.get(i);
                if (match.start() >= span.start() && match.end() <= span.end()) {
                    weights[i] += weight.applyAsDouble(match);
                    break;
                }
            }
        }
        return weights;
    }

    /** Start of the span that begins the window of {@code maxChars} whose spans weigh the most. */
    private static int heaviestStart(List<HighlightSpan> spans, double[] weights, int maxChars) {
        double[] before = new double[spans.size() + 1];
        for (int i = 0; i < spans.size(); i++) {
            before[i + 1] = before[i] + weights[i];
        }
        int best = 0;
        double bestWeight = -1;
        int windowEnd = 0;
        for (int i = 0; i < spans.size(); i++) {
            windowEnd = Math.max(windowEnd, i);
            int limit = spans.get(i).start() + maxChars - WORD_LEAD;
            while (windowEnd + 1 < spans.size() && spans.get(windowEnd + 1).end() <= limit) {
                windowEnd++;
            }
            double weight = before[windowEnd + 1] - before[i];
            if (weight > bestWeight) {
                bestWeight = weight;
                best = i;
            }
        }
        return spans.get(best).start();
    }

    /** The start of the sentence holding {@code anchor} if close enough, else a word start shortly before it. */
    private static int startBefore(String text, int anchor) {
        if (anchor == 0) {
            return 0;
        }
        int floor = Math.max(0, anchor - SENTENCE_LEAD);
        for (int i = anchor; i > floor; i--) {
            if (isSentenceStart(text, i)) {
                return i;
            }
        }
        if (floor == 0) {
            return 0;
        }
        return nextWordStart(text, Math.max(0, anchor - WORD_LEAD));
    }

    /** The last sentence end in the last third before {@code limit}, else the last word end. */
    private static int endBefore(String text, int start, int limit) {
        if (limit >= text.length()) {
            return text.length();
        }
        int floor = start + (limit - start) * 2 / 3;
        for (int i = limit; i > floor; i--) {
            if (isSentenceStart(text, i)) {
                return i;
            }
        }
        for (int i = limit; i > start; i--) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return limit;
    }

    /** True when a sentence starts at {@code i}: after [.!?] (and closing quotes) and whitespace. */
    private static boolean isSentenceStart(String text, int i) {
        if (i <= 0 || i >= text.length() || Character.isWhitespace(text.charAt(i))) {
            return false;
        }
        int j = i - 1;
        if (!Character.isWhitespace(text.charAt(j))) {
            return false;
        }
        while (j > 0 && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        while (j > 0 && "\"'”’)]".indexOf(text.charAt(j)) >= 0) {
            j--;
        }
        return ".!?…".indexOf(text.charAt(j)) >= 0;
    }

    private static int nextWordStart(String text, int from) {
        if (from == 0) {
            return 0;
        }
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i - 1))) {
            i++;
        }
        return Math.min(i, text.length());
    }

    private static List<HighlightSpan> merge(List<HighlightSpan> matches, int length) {
        List<HighlightSpan> sorted = new ArrayList<>(matches);
        sorted.removeIf(span -> span.end() > length);
        sorted.sort((a, b) ->
                a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
        List<HighlightSpan> merged = new ArrayList<>();
        for (HighlightSpan span : sorted) {
            if (!merged.isEmpty()
                    && span.start() < merged.get(merged.size() - 1).end()) {
                HighlightSpan last = merged.remove(merged.size() - 1);
                merged.add(new HighlightSpan(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }
}
