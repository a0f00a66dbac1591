package org.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The section headings of an index that autocomplete offers, read once per index generation so
 * keystrokes are answered from memory. Headings of articles added in one server are left out, since
 * every server reads the list; titles and publishers are offered per server from the documents it
 * sees.
 */
public record CorpusVocabulary(long generation, List<String> sections) {

    /** Nothing known yet. */
    public static final CorpusVocabulary EMPTY = new CorpusVocabulary(-1, List.of());

    public CorpusVocabulary {
        sections = List.copyOf(sections);
    }

    /** Reads the vocabulary of the commit now serving. */
    public static CorpusVocabulary read(SearchableIndex index) throws IOException {
        long generation = index.metadata().generation();
        IndexSearcher searcher = index.acquire();
        try {
            return new CorpusVocabulary(generation, sections(searcher));
        } finally {
            index.release(searcher);
        }
    }

    /**
     * The distinct terms of {@link IndexSchema#SHARED_SECTION} that a live passage still holds, once
     * each ignoring case, sorted: one pass over each segment's terms dictionary, whatever the
     * number of passages.
     */
    private static List<String> sections(IndexSearcher searcher) throws IOException {
        Set<String> sections = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        PostingsEnum postings = null;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IndexSchema.SHARED_SECTION);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum each = terms.iterator();
            for (BytesRef term = each.next(); term != null; term = each.next()) {
                postings = each.postings(postings, PostingsEnum.NONE);
                if (anyLive(postings, live)) {
                    sections.add(term.utf8ToString());
                }
            }
        }
        return new ArrayList<>(sections);
    }

    /** Whether a document of {@code postings} is not deleted; a deleted passage's heading is gone. */
    private static boolean anyLive(PostingsEnum postings, Bits live) throws IOException {
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            if (live == null || live.get(doc)) {
                return true;
            }
        }
        return false;
    }
}
