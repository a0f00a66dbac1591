package org.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.citebot.corpus.DocumentMetadata;

/**
 * The names in an index that autocomplete offers: document titles, publishers and section
 * headings, read once per index generation so keystrokes are answered from memory.
 */
public record CorpusVocabulary(long generation, List<String> titles, List<String> publishers, List<String> sections) {

    /** Nothing known yet. */
    public static final CorpusVocabulary EMPTY = new CorpusVocabulary(-1, List.of(), List.of(), List.of());

    public CorpusVocabulary {
        titles = List.copyOf(titles);
        publishers = List.copyOf(publishers);
        sections = List.copyOf(sections);
    }

    /** Reads the vocabulary of the commit now serving. */
    public static CorpusVocabulary read(SearchableIndex index) throws IOException {
        long generation = index.metadata().generation();
        IndexSearcher searcher = index.acquire();
        try {
            Set<String> titles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            Set<String> publishers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (DocumentSummary summary : PassageIndex.documents(searcher)) {
                DocumentMetadata metadata = summary.metadata();
                titles.add(metadata.title());
                metadata.publisher().ifPresent(publishers::add);
            }
            return new CorpusVocabulary(
                    generation, new ArrayList<>(titles), new ArrayList<>(publishers), sections(searcher));
        } finally {
            index.release(searcher);
        }
    }

    private static List<String> sections(IndexSearcher searcher) throws IOException {
        int passages = Math.max(1, searcher.getIndexReader().numDocs());
        TopDocs all = searcher.search(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), passages);
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
