package org.citebot.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of an extracted text into clean paragraphs with their section. The rules, in order:
 *
 * <ol>
 *   <li>Blocks are runs of non-blank lines; lines inside a block are joined with one space and
 *       runs of spaces collapse (typography such as curly quotes and dashes is kept).
 *   <li>Credits: a block that is only a credit ("Photo: NATO", "Map: Wikipedia") is dropped and the
 *       short one-line block right before it becomes a caption; a credit trailing a line after two
 *       or more spaces ("… in Europe.    Photo: NATO") is cut off and its block is a caption.
 *   <li>Image text: a short one-line block separated by two or more blank lines from a caption that
 *       follows it is the image's alternative text, also a caption. A caption whose text is contained
 *       in a neighbouring caption is a duplicate and dropped.
 *   <li>Rejoin: a body block that lacks terminal punctuation followed by a body block starting with
 *       a lowercase letter is one paragraph broken in two; they are joined with a single space.
 *   <li>Headings: a one-line body block of at most 20 words, in title case, not ending in
 *       {@code . , : ;}, with something after it, is a heading (as is every block the format marked
 *       as one). It becomes the section of the paragraphs under it and is not a paragraph itself.
 * </ol>
 */
final class TextCleaner {

    /** A cleaned paragraph before it is given its place in the document text. */
    record CleanParagraph(Optional<String> section, String text, boolean caption) {}

    private enum Kind {
        BODY,
        CAPTION,
        CREDIT,
        HEADING
    }

    /** A block of lines as found, and what the rules have made of it so far. */
    private static final class Block {
        String text;
        final int lineCount;
        final int blankLinesAfter;
        Kind kind = Kind.BODY;

        Block(String text, int lineCount, int blankLinesAfter) {
            this.text = text;
            this.lineCount = lineCount;
            this.blankLinesAfter = blankLinesAfter;
        }

        int words() {
            return wordCount(text);
        }
    }

    private static final String CREDIT_WORDS =
            "(?:Photo|Photograph|Image|Map|Chart|Graphic|Graph|Illustration|Drawing|Cartoon|Video|Credit|Source)s?"
                    + "(?: credit| by)?";
    private static final Pattern CREDIT = Pattern.compile("^" + CREDIT_WORDS + ":\\s*\\S.*$");
    private static final Pattern TRAILING_CREDIT = Pattern.compile("^(.*\\S)\\s{2,}" + CREDIT_WORDS + ":\\s*\\S.*$");
    /** Longer "captions" are text; comparing them for duplicates could cost their lengths multiplied. */
    private static final int MAX_COMPARED_CAPTION_CHARS = 4_096;

    private static final int MAX_CREDIT_WORDS = 8;
    private static final int MAX_CAPTION_WORDS = 80;
    private static final int MAX_ALT_TEXT_WORDS = 60;
    private static final int MAX_HEADING_WORDS = 20;
    private static final Set<String> MINOR_WORDS = Set.of(
            "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to", "by", "up",
            "as", "vs", "via", "with", "from", "into", "onto", "over", "than", "per", "off", "upon", "is", "its");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern WORD_SPLIT = Pattern.compile("[\\s\\u2013\\u2014/]+");

    /**
     * Unifies line breaks and the spacing characters of pasted web text. Runs of spaces are kept
     * here because the gap before a trailing photo credit is what identifies it.
     */
    static String normalizeSpaces(String raw) {
        return raw.replace("\r\n", "\n")
                .replace('\r', '\n')
                .replaceAll("[\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000\\t\\f\\u000B]", " ")
                .replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD]", "");
    }

    /**
     * @param lines the text's lines, already normalised, without boilerplate and head metadata
     * @param knownHeadings blocks the file's markup declares headings
     * @param knownCaptions blocks the file's markup declares captions
     */
    List<CleanParagraph> clean(List<String> lines, Set<String> knownHeadings, Set<String> knownCaptions) {
        // Every pass below is one walk over the blocks: a corpus file may hold a million of them.
        List<Block> blocks = blocks(lines);
        markCredits(blocks);
        for (Block block : blocks) {
            if (block.kind == Kind.BODY && knownCaptions.contains(block.text)) {
                block.kind = Kind.CAPTION;
            }
        }
        markAltTexts(blocks);
        blocks.removeIf(block -> block.kind == Kind.CREDIT);
        blocks = withoutDuplicateCaptions(blocks);
        blocks = rejoinBrokenParagraphs(blocks, knownHeadings);
        markHeadings(blocks, knownHeadings);
        return paragraphs(blocks);
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            Cancellation.check();
            current.clear();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                current.add(lines.get(i));
                i++;
            }
            int blanks = 0;
            while (i < lines.size() && lines.get(i).isBlank()) {
                blanks++;
                i++;
            }
            blocks.add(toBlock(current, blanks));
        }
        return blocks;
    }

    private static Block toBlock(List<String> lines, int blankLinesAfter) {
        String last = lines.get(lines.size() - 1).strip();
        Matcher trailing = TRAILING_CREDIT.matcher(last);
        boolean captioned = trailing.matches() && !CREDIT.matcher(last).matches();
        String text;
        if (lines.size() == 1) {
            // Most blocks are one line: keep the line's own string when cleaning changes nothing.
            text = SPACES.matcher(captioned ? trailing.group(1) : last).replaceAll(" ");
        } else {
            List<String> parts = new ArrayList<>(lines.subList(0, lines.size() - 1));
            parts.add(captioned ? trailing.group(1) : last);
            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                String line = SPACES.matcher(part.strip()).replaceAll(" ");
                if (!line.isEmpty()) {
                    joined.append(joined.length() == 0 ? "" : " ").append(line);
                }
            }
            text = joined.toString();
        }
        Block block = new Block(text, lines.size(), blankLinesAfter);
        if (captioned && block.words() <= MAX_CAPTION_WORDS) {
            block.kind = Kind.CAPTION;
        } else if (CREDIT.matcher(block.text).matches() && block.words() <= MAX_CREDIT_WORDS) {
            block.kind = Kind.CREDIT;
        }
        return block;
    }

    /** What {@code \s} matches in a Java regular expression. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The line right above a bare credit is what the credit belongs to: the image's caption. */
    private static void markCredits(List<Block> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            Block above = blocks.get(i - 1);
            if (blocks.get(i).kind == Kind.CREDIT
                    && above.kind == Kind.BODY
                    && above.lineCount == 1
                    && above.words() <= MAX_ALT_TEXT_WORDS) {
                above.kind = Kind.CAPTION;
            }
        }
    }

    /** Walks backwards so a chain of image texts above one caption is found in one pass. */
    private static void markAltTexts(List<Block> blocks) {
        for (int i = blocks.size() - 2; i >= 0; i--) {
            Block block = blocks.get(i);
            Block next = blocks.get(i + 1);
            if (block.kind == Kind.BODY
                    && block.blankLinesAfter >= 2
                    && next.kind == Kind.CAPTION
                    && block.lineCount == 1
                    && block.words() <= MAX_ALT_TEXT_WORDS) {
                block.kind = Kind.CAPTION;
            }
        }
    }

    /**
     * Of two neighbouring captions where one contains the other, keeps the longer. A kept block is
     * compared only with the block that follows it, never again with the one before.
     */
    private static List<Block> withoutDuplicateCaptions(List<Block> blocks) {
        List<Block> kept = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            Block last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last != null && bothComparableCaptions(last, block)) {
                if (block.text.contains(last.text)) {
                    kept.set(kept.size() - 1, block);
                    continue;
                }
                if (last.text.contains(block.text)) {
                    continue;
                }
            }
            kept.add(block);
        }
        return kept;
    }

    private static boolean bothComparableCaptions(Block a, Block b) {
        return a.kind == Kind.CAPTION
                && b.kind == Kind.CAPTION
                && a.text.length() <= MAX_COMPARED_CAPTION_CHARS
                && b.text.length() <= MAX_COMPARED_CAPTION_CHARS;
    }

    /**
     * Joins each body block that does not end a sentence with the following body block when that
     * starts in lower case; the joined block may go on joining. The growing text is kept in one
     * builder, so a chain of a million pieces costs its length, not its length squared.
     */
    private static List<Block> rejoinBrokenParagraphs(List<Block> blocks, Set<String> knownHeadings) {
        int longestHeading =
                knownHeadings.stream().mapToInt(String::length).max().orElse(0);
        List<Block> joined = new ArrayList<>(blocks.size());
        StringBuilder growing = null;
        for (Block block : blocks) {
            Cancellation.check();
            Block last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            CharSequence lastText = growing != null ? growing : last == null ? "" : last.text;
            boolean bothBody = last != null
                    && last.kind == Kind.BODY
                    && block.kind == Kind.BODY
                    && !isKnown(lastText, knownHeadings, longestHeading)
                    && !knownHeadings.contains(block.text);
            if (bothBody && !endsSentence(lastText) && startsLowercase(block.text)) {
                if (growing == null) {
                    growing = new StringBuilder(last.text);
                }
                growing.append(' ').append(block.text);
                continue;
            }
            if (growing != null) {
                last.text = growing.toString();
                growing = null;
            }
            joined.add(block);
        }
        if (growing != null) {
            joined.get(joined.size() - 1).text = growing.toString();
        }
        return joined;
    }

    private static boolean isKnown(CharSequence text, Set<String> known, int longest) {
        return text.length() <= longest && known.contains(text.toString());
    }

    static boolean endsSentence(CharSequence text) {
        int end = text.length();
        while (end > 0 && "\"”’')]»".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end > 0 && ".!?…:".indexOf(text.charAt(end - 1)) >= 0;
    }

    static boolean startsLowercase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                return Character.isLowerCase(c);
            }
            if ("\"“‘'([«".indexOf(c) < 0) {
                return false;
            }
        }
        return false;
    }

    private static void markHeadings(List<Block> blocks, Set<String> knownHeadings) {
        for (int i = 0; i < blocks.size(); i++) {
            Cancellation.check();
            Block block = blocks.get(i);
            boolean somethingBelow = i + 1 < blocks.size() && blocks.get(i + 1).kind != Kind.HEADING;
            if (knownHeadings.contains(block.text) && block.kind == Kind.BODY) {
                block.kind = Kind.HEADING;
            } else if (block.kind == Kind.BODY
                    && somethingBelow
                    && block.lineCount == 1
                    && looksLikeHeading(block.text)) {
                block.kind = Kind.HEADING;
            }
        }
    }

    static boolean looksLikeHeading(String text) {
        if (text.isEmpty()
                || wordCount(text) > MAX_HEADING_WORDS
                || ".,:;".indexOf(text.charAt(text.length() - 1)) >= 0) {
            return false;
        }
        if (!Character.isUpperCase(text.codePointAt(0)) && !Character.isDigit(text.codePointAt(0))) {
            return false;
        }
        int significant = 0;
        boolean first = true;
        for (String token : WORD_SPLIT.split(text)) {
            String word = token.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
            if (word.isEmpty()) {
                continue;
            }
            boolean minor = !first && MINOR_WORDS.contains(word.toLowerCase(Locale.ROOT));
            first = false;
            if (minor || Character.isDigit(word.codePointAt(0))) {
                continue;
            }
            if (!Character.isUpperCase(word.codePointAt(0))) {
                return false;
            }
            significant++;
        }
        return significant > 0;
    }

    private static List<CleanParagraph> paragraphs(List<Block> blocks) {
        List<CleanParagraph> paragraphs = new ArrayList<>();
        Optional<String> section = Optional.empty();
        for (Block block : blocks) {
            if (block.kind == Kind.HEADING) {
                section = Optional.of(block.text);
                continue;
            }
            String text = Boilerplate.withoutBackLink(block.text);
            if (!text.isBlank()) {
                paragraphs.add(new CleanParagraph(section, text, block.kind == Kind.CAPTION));
            }
        }
        return paragraphs;
    }

    /**
     * Words as {@code text.strip().split("\\s+")} counts them, without building the array: runs of
     * other characters between regular-expression whitespace, after trimming Unicode whitespace.
     */
    static int wordCount(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && Character.isWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        if (start == end) {
            return 0;
        }
        int words = 1;
        boolean inGap = false;
        for (int i = start; i < end; i++) {
            boolean space = isRegexSpace(text.charAt(i));
            if (space && !inGap) {
                words++;
            }
            inGap = space;
        }
        return words;
    }
}
