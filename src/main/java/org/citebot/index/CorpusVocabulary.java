package org.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

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

    private static List<String> sections(IndexSearcher searcher) throws IOException {
        int passages = Math.max(1, searcher.getIndexReader().numDocs());
        // Every server's autocomplete reads this list: the headings of an article one server added
        // would show it to the others.
        Query shared = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(IndexSchema.OWNER), BooleanClause.Occur.MUST_NOT)
                .build();
        TopDocs all = searcher.search(shared, passages);
        StoredFields stored = searcher.storedFields();
        Set<String> fields = Set.of(IndexSchema.SECTION);
        Set<String> sections = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ScoreDoc hit : all.scoreDocs) {
            Document doc = stored.document(hit.doc, fields);
            String section = doc.get(IndexSchema.SECTION);
            if (section != null) {
                sections.add(section);
            }
        }
        return new ArrayList<>(sections);
    }
}
