package org.citebot.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a cleaned document into the passages the index stores and the bot cites. A pure function of
 * the document; the rules:
 *
 * <ul>
 *   <li>A body paragraph of {@value #MIN_WORDS}–{@value #MAX_WORDS} words is a passage of its own.
 *   <li>A longer one is cut between sentences into balanced chunks of about {@value #TARGET_WORDS}
 *       words (a single sentence over {@value #MAX_WORDS} words is cut between words).
 *   <li>A shorter one is merged with the following passage of the same section, or else the
 *       preceding one, as long as the result stays within {@value #MAX_WORDS} words. It stays short
 *       only when it has no such neighbour, e.g. a section's lone short paragraph.
 *   <li>A caption (or the alternative text of an image) is never a passage: it describes a picture
 *       the reader of a citation cannot see, so it must never be returned as an answer.
 *   <li>Passages never cross a section boundary or a caption, and every passage's text is exactly
 *       {@code document.text().substring(start, end)}, blank lines between merged paragraphs included.
 * </ul>
 */
public final class PassageSplitter {

    public static final int MIN_WORDS = 40;
    public static final int MAX_WORDS = 200;
    public static final int TARGET_WORDS = 150;

    private final SentenceSplitter sentences = new SentenceSplitter();

    /** A span of the document text on its way to becoming a passage. */
    private record Piece(int paragraph, Optional<String> section, int start, int end, int words) {

        Piece joinedWith(Piece next) {
            return new Piece(paragraph, section, start, next.end, words + next.words);
        }
    }

    /** The document's passages in reading order, numbered from 0; empty only for a document of captions alone. */
    public List<Passage> split(SourceDocument document) {
        List<Piece> pieces = new ArrayList<>();
        List<Paragraph> run = new ArrayList<>();
        for (Paragraph paragraph : document.paragraphs()) {
            if (paragraph.caption()) {
                // The caption itself is left out; it only ends the run of body text before it.
                pieces.addAll(bodyRun(document, run));
                run.clear();
            } else {
                if (!run.isEmpty() && !run.get(0).section().equals(paragraph.section())) {
                    pieces.addAll(bodyRun(document, run));
                    run.clear();
                }
                run.add(paragraph);
            }
        }
        pieces.addAll(bodyRun(document, run));

        List<Passage> passages = new ArrayList<>();
        for (Piece piece : pieces) {
            passages.add(new Passage(
                    document.id(),
                    passages.size(),
                    piece.paragraph(),
                    piece.section(),
                    document.text().substring(piece.start(), piece.end()),
                    piece.start(),
                    piece.end()));
        }
        return List.copyOf(passages);
    }

    /**
     * Consecutive body paragraphs of one section: cut the long ones, then merge the short ones. The
     * rule is "the first short piece merges with the next piece if the result fits, else with the
     * previous one; repeat". Pieces only grow, so a piece that could not merge never can later, and
     * the rule runs as one walk with a stack: {@code merged} holds the settled pieces, {@code
     * current} the piece being decided, which may absorb the next piece or fall back into the top
     * of the stack.
     */
    private List<Piece> bodyRun(SourceDocument document, List<Paragraph> run) {
        List<Piece> merged = new ArrayList<>();
        Piece current = null;
        for (Paragraph paragraph : run) {
            Cancellation.check();
            for (Piece next : cut(document, paragraph)) {
                if (current == null) {
                    current = next;
                    continue;
                }
                while (true) {
                    if (current.words() < MIN_WORDS && current.words() + next.words() <= MAX_WORDS) {
                        current = current.joinedWith(next);
                        break;
                    }
                    if (current.words() < MIN_WORDS && fitsOnTop(merged, current)) {
                        current = merged.remove(merged.size() - 1).joinedWith(current);
                        continue;
                    }
                    merged.add(current);
                    current = next;
                    break;
                }
            }
        }
        if (current != null) {
            while (current.words() < MIN_WORDS && fitsOnTop(merged, current)) {
                current = merged.remove(merged.size() - 1).joinedWith(current);
            }
            merged.add(current);
        }
        return merged;
    }

    private static boolean fitsOnTop(List<Piece> merged, Piece piece) {
        return !merged.isEmpty() && merged.get(merged.size() - 1).words() + piece.words() <= MAX_WORDS;
    }

    /** One paragraph as one piece, or cut between sentences when it is too long. */
    private List<Piece> cut(SourceDocument document, Paragraph paragraph) {
        int words = TextCleaner.wordCount(paragraph.text());
        if (words <= MAX_WORDS) {
            return List.of(
                    new Piece(paragraph.number(), paragraph.section(), paragraph.start(), paragraph.end(), words));
        }
        List<Piece> units = new ArrayList<>();
        for (SentenceSplitter.Span span : sentences.split(paragraph.text())) {
            int start = paragraph.start() + span.start();
            units.addAll(wordChunks(paragraph, start, paragraph.start() + span.end(), document));
        }
        int chunks = (words + TARGET_WORDS - 1) / TARGET_WORDS;
        int target = (words + chunks - 1) / chunks;
        List<Piece> pieces = new ArrayList<>();
        Optional<Piece> current = Optional.empty();
        for (Piece unit : units) {
            if (current.isPresent() && current.get().words() + unit.words() > MAX_WORDS) {
                pieces.add(current.get());
                current = Optional.empty();
            }
            Piece grown = current.map(piece -> piece.joinedWith(unit)).orElse(unit);
            if (grown.words() >= target) {
                pieces.add(grown);
                current = Optional.empty();
            } else {
                current = Optional.of(grown);
            }
        }
        current.ifPresent(pieces::add);
        return pieces;
    }

    /** A sentence as one unit, or, when a single sentence exceeds the maximum, cut between words. */
    private static List<Piece> wordChunks(Paragraph paragraph, int start, int end, SourceDocument document) {
        String sentence = document.text().substring(start, end);
        int words = TextCleaner.wordCount(sentence);
        if (words <= MAX_WORDS) {
            return List.of(new Piece(paragraph.number(), paragraph.section(), start, end, words));
        }
        List<Piece> chunks = new ArrayList<>();
        int chunkStart = start;
        int count = 0;
        int i = start;
        while (i < end) {
            while (i < end && Character.isWhitespace(document.text().charAt(i))) {
                i++;
            }
            int wordEnd = i;
            while (wordEnd < end && !Character.isWhitespace(document.text().charAt(wordEnd))) {
                wordEnd++;
            }
            count++;
            if (count == TARGET_WORDS || wordEnd == end) {
                chunks.add(new Piece(paragraph.number(), paragraph.section(), chunkStart, wordEnd, count));
                int next = wordEnd;
                while (next < end && Character.isWhitespace(document.text().charAt(next))) {
                    next++;
                }
                chunkStart = next;
                count = 0;
            }
            i = wordEnd;
        }
        return chunks;
    }
}
