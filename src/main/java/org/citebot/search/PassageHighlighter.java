package org.citebot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.IndexSchema;

/**
 * Finds where a query's words and phrases sit in each hit's body, as character spans, from the
 * offsets stored in the body's postings: one pass per index segment over the query terms'
 * postings, for the page's passages only, with no re-analysis, no stored text and no query weights
 * built. Every occurrence of a loose word is marked; a quoted phrase's words are marked only where
 * they stand as the phrase. The reply layer turns the spans into bold.
 */
final class PassageHighlighter {

    /** The matches of the query's words and phrases in the body of each of {@code page}'s passages, in page order. */
    List<List<MatchSpan>> spans(IndexSearcher searcher, ParsedQuery parsed, List<ScoreDoc> page) throws IOException {
        Set<String> wanted = wanted(parsed);
        List<Map<HighlightSpanKey, MatchSpan>> found = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            found.add(new TreeMap<>());
        }
        if (!wanted.isEmpty()) {
            // Postings only move forward: visit the page's passages in document order.
            Integer[] order = new Integer[page.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt(i -> page.get(i).doc));
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            int from = 0;
            while (from < order.length) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(page.get(order[from]).doc, leaves));
                int to = from;
                while (to < order.length
                        && page.get(order[to]).doc
                                < leaf.docBase + leaf.reader().maxDoc()) {
                    to++;
                }
                highlightLeaf(leaf, wanted, parsed, page, Arrays.copyOfRange(order, from, to), found);
                from = to;
            }
        }
        List<List<MatchSpan>> spans = new ArrayList<>(page.size());
        for (Map<HighlightSpanKey, MatchSpan> matches : found) {
            spans.add(List.copyOf(matches.values()));
        }
        return spans;
    }

    private static void highlightLeaf(
            LeafReaderContext leaf,
            Set<String> wanted,
            ParsedQuery parsed,
            List<ScoreDoc> page,
            Integer[] inDocOrder,
            List<Map<HighlightSpanKey, MatchSpan>> found)
            throws IOException {
        Terms body = leaf.reader().terms(IndexSchema.BODY);
        if (body == null || !body.hasOffsets()) {
            return;
        }
        // Per page position: each wanted term's occurrences in that passage.
        List<Map<String, Occurrences>> perHit = new ArrayList<>(inDocOrder.length);
        for (int i = 0; i < inDocOrder.length; i++) {
            perHit.add(new HashMap<>());
        }
        TermsEnum terms = body.iterator();
        PostingsEnum postings = null;
        for (String term : wanted) {
            if (!terms.seekExact(new BytesRef(term))) {
                continue;
            }
            postings = terms.postings(postings, PostingsEnum.OFFSETS);
            for (int i = 0; i < inDocOrder.length; i++) {
                int target = page.get(inDocOrder[i]).doc - leaf.docBase;
                int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                if (at != target) {
                    continue;
                }
                int freq = postings.freq();
                Occurrences occurrences = new Occurrences(new int[freq], new int[freq], new int[freq]);
                for (int k = 0; k < freq; k++) {
                    occurrences.positions[k] = postings.nextPosition();
                    occurrences.starts[k] = postings.startOffset();
                    occurrences.ends[k] = postings.endOffset();
                }
                perHit.get(i).put(term, occurrences);
            }
        }
        for (int i = 0; i < inDocOrder.length; i++) {
            mark(parsed, perHit.get(i), found.get(inDocOrder[i]));
        }
    }

    /**
     * Marks, in one passage, every occurrence of the query's loose words and the words of its
     * phrases where they stand as the phrase.
     *
     * @param inPassage each wanted term's occurrences in the passage
     */
    static void mark(ParsedQuery parsed, Map<String, Occurrences> inPassage, Map<HighlightSpanKey, MatchSpan> matches) {
        for (String term : parsed.distinctTerms()) {
            Occurrences occurrences = inPassage.get(term);
            if (occurrences != null) {
                for (int k = 0; k < occurrences.starts.length; k++) {
                    add(matches, occurrences.starts[k], occurrences.ends[k], term);
                }
            }
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            markPhrase(phrase, inPassage, matches);
        }
    }

    /** The terms whose occurrences highlighting looks for: the loose words' and the phrases'. */
    static Set<String> wanted(ParsedQuery parsed) {
        Set<String> wanted = new LinkedHashSet<>(parsed.distinctTerms());
        parsed.phrases().forEach(phrase -> wanted.addAll(phrase.terms()));
        return wanted;
    }

    /** Marks each word of {@code phrase} where all of them stand at the phrase's relative positions. */
    private static void markPhrase(
            QueryPhrase phrase, Map<String, Occurrences> inPassage, Map<HighlightSpanKey, MatchSpan> matches) {
        List<String> terms = phrase.terms();
        Occurrences first = inPassage.get(terms.get(0));
        if (first == null) {
            return;
        }
        int[] found = new int[terms.size()];
        for (int start : first.positions) {
            boolean whole = true;
            for (int t = 0; t < terms.size() && whole; t++) {
                Occurrences occurrences = inPassage.get(terms.get(t));
                int wantedPosition =
                        start + phrase.positions().get(t) - phrase.positions().get(0);
                found[t] = occurrences == null ? -1 : Arrays.binarySearch(occurrences.positions, wantedPosition);
                whole = found[t] >= 0;
            }
            if (whole) {
                for (int t = 0; t < terms.size(); t++) {
                    Occurrences occurrences = inPassage.get(terms.get(t));
                    add(matches, occurrences.starts[found[t]], occurrences.ends[found[t]], terms.get(t));
                }
            }
        }
    }

    private static void add(Map<HighlightSpanKey, MatchSpan> matches, int start, int end, String term) {
        if (start >= 0 && end > start) {
            matches.putIfAbsent(new HighlightSpanKey(start, end), new MatchSpan(new HighlightSpan(start, end), term));
        }
    }

    /** One term's positions and character offsets in one passage, in position order. */
    record Occurrences(int[] positions, int[] starts, int[] ends) {}

    /** Orders matches by where they start in the text (then where they end), and makes each count once. */
    record HighlightSpanKey(int start, int end) implements Comparable<HighlightSpanKey> {
        @Override
        public int compareTo(HighlightSpanKey other) {
            return start != other.start ? Integer.compare(start, other.start) : Integer.compare(end, other.end);
        }
    }
}
