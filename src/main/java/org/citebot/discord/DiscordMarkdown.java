package org.citebot.discord;

import java.util.ArrayList;
import java.util.List;
import org.citebot.reply.StyledText;
import org.citebot.search.HighlightSpan;

/**
 * Writes corpus and user text as Discord markdown that shows exactly that text: every character
 * Discord could read as formatting is escaped, lists, quotes and headings cannot start a line, and
 * characters that would reorder or hide text (controls, bidi overrides, lone surrogates) are left
 * out. Bold spans become {@code **…**}.
 */
final class DiscordMarkdown {

    // Emphasis, strike, code, spoilers, masked links, mentions/emoji (<@1>), quotes and headings.
    private static final String ALWAYS_ESCAPED = "\\*_~`|[]()<>#";
    private static final char ZERO_WIDTH_SPACE = '\u200B';

    private DiscordMarkdown() {}

    /** {@code text} as Discord markdown that renders it literally. */
    static String escape(String text) {
        return render(StyledText.plain(text));
    }

    /** {@code text} as Discord markdown: escaped, with its bold spans in {@code **…**}. */
    static String render(StyledText text) {
        String raw = text.text();
        List<HighlightSpan> spans = boldSpans(text);
        StringBuilder out = new StringBuilder(raw.length() + 16);
        boolean lineStart = true;
        boolean leadingNumber = false;
        int next = 0;
        boolean inBold = false;
        for (int i = 0; i < raw.length(); i++) {
            if (!inBold && next < spans.size() && spans.get(next).start() == i) {
                out.append("**");
                inBold = true;
            }
            char c = raw.charAt(i);
            if (!isShown(raw, i)) {
                // left out: a control, bidi override or lone surrogate
            } else if (c == '\n' || c == '\u2028' || c == '\u2029') {
                out.append(c);
                lineStart = true;
                leadingNumber = false;
            } else if (lineStart && (c == ' ' || c == '\t')) {
                out.append(c);
            } else if (lineStart && (c == '-' || c == '+')) {
                out.append('\\').append(c);
                lineStart = false;
            } else if ((lineStart || leadingNumber) && c >= '0' && c <= '9') {
                // "12. text" or "12) text" at a line's start is an ordered list; see the '.' below.
                out.append(c);
                lineStart = false;
                leadingNumber = true;
            } else {
                if (ALWAYS_ESCAPED.indexOf(c) >= 0 || (leadingNumber && (c == '.' || c == ')'))) {
                    out.append('\\');
                }
                out.append(c);
                if (c == '@' && (raw.startsWith("everyone", i + 1) || raw.startsWith("here", i + 1))) {
                    // allowed_mentions already stops the ping; this stops Discord styling it as one.
                    out.append(ZERO_WIDTH_SPACE);
                }
                lineStart = false;
                leadingNumber = false;
            }
            if (inBold && spans.get(next).end() == i + 1) {
                out.append("**");
                inBold = false;
                next++;
            }
        }
        return out.toString();
    }

    /** {@code text} without the characters {@link #render} leaves out, for places that show text raw (footers, labels). */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (isShown(text, i)) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * The bold spans worth marking: trimmed of surrounding whitespace (Discord ignores {@code ** x**}),
     * empty ones dropped and touching ones merged so no {@code ****} appears.
     */
    private static List<HighlightSpan> boldSpans(StyledText text) {
        String raw = text.text();
        List<HighlightSpan> spans = new ArrayList<>();
        for (HighlightSpan span : text.bold()) {
            int start = span.start();
            int end = span.end();
            while (start < end && (Character.isWhitespace(raw.charAt(start)) || !isShown(raw, start))) {
                start++;
            }
            while (end > start && (Character.isWhitespace(raw.charAt(end - 1)) || !isShown(raw, end - 1))) {
                end--;
            }
            if (start == end) {
                continue;
            }
            if (!spans.isEmpty() && spans.get(spans.size() - 1).end() >= start) {
                HighlightSpan last = spans.remove(spans.size() - 1);
                spans.add(new HighlightSpan(last.start(), Math.max(end, last.end())));
            } else {
                spans.add(new HighlightSpan(start, end));
            }
        }
        return spans;
    }

    private static boolean isShown(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\t') {
            return true;
        }
        if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
