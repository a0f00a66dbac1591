package org.citebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.DocumentSummary;

/**
 * Tells someone whose source filter names no document which sources there are: those whose
 * publisher, title or id starts with what they typed, or else the corpus's publishers. Used by
 * {@link SearchPipeline} only when a filtered search found nothing, so every front end (Discord,
 * console, {@code citebot search --source}) says it the same way. It walks term dictionaries and
 * reads at most {@link #MAX_NAMED} document records, whatever the corpus's size; an engine that lists
 * its documents instead finds the same names among them.
 */
public final class SourceNames {

    /** Names listed at most; more are counted. */
    static final int MAX_NAMED = 10;
    /** Terms walked at most when counting publishers or prefix matches. */
    private static final int MAX_WALKED = 100_000;

    private SourceNames() {}

    /**
     * The filter a search applies for {@code source}: a document whose publisher, title or id is
     * {@code source}, ignoring case.
     */
    static Query filter(String source) {
        String key = PassageDocuments.keyword(source);
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.PUBLISHER_KEY, key)), Occur.SHOULD)
                .add(new TermQuery(new Term(IndexSchema.TITLE_KEY, key)), Occur.SHOULD)
                .add(new TermQuery(new Term(IndexSchema.DOC_ID, source.strip())), Occur.SHOULD)
                .add(new TermQuery(new Term(IndexSchema.DOC_ID, key)), Occur.SHOULD)
                .build();
    }

    /**
     * Empty when some document is the source {@code source}; otherwise a message for the user naming
     * the sources that start with it, or, when none does, the corpus's publishers (or titles).
     */
    static Optional<String> unknown(IndexSearcher searcher, String source) throws IOException {
        Query isDocument = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT));
        Query known = new BooleanQuery.Builder()
                .add(isDocument, Occur.FILTER)
                .add(filter(source), Occur.FILTER)
                .build();
        if (searcher.count(known) > 0) {
            return Optional.empty();
        }
        return Optional.of(describe(source, new Sources() {
            @Override
            public Names startingWith(String prefix) throws IOException {
                return SourceNames.startingWith(searcher, prefix);
            }

            @Override
            public Names publishers() throws IOException {
                return all(searcher, IndexSchema.PUBLISHER_KEY, IndexSchema.PUBLISHER);
            }

            @Override
            public Names titles() throws IOException {
                return all(searcher, IndexSchema.TITLE_KEY, IndexSchema.DOCUMENT_TITLE);
            }
        }));
    }

    /**
     * {@link #unknown(IndexSearcher, String)} for an engine that lists its documents: empty when one
     * of {@code documents} is the source {@code source}, otherwise the same message, its names
     * found among the documents' publishers, titles and ids.
     */
    public static Optional<String> unknown(String source, List<DocumentSummary> documents) {
        String key = PassageDocuments.keyword(source);
        String id = source.strip();
        TreeMap<String, String> publishers = new TreeMap<>();
        TreeMap<String, String> titles = new TreeMap<>();
        TreeMap<String, String> ids = new TreeMap<>();
        for (DocumentSummary document : documents) {
            Optional<String> publisher = document.metadata().publisher().filter(name -> !name.isBlank());
            String title = document.metadata().title();
            if (publisher.map(PassageDocuments::keyword).filter(key::equals).isPresent()
                    || PassageDocuments.keyword(title).equals(key)
                    || document.docId().equals(id)
                    || document.docId().equals(key)) {
                return Optional.empty();
            }
            publisher.ifPresent(name -> publishers.putIfAbsent(PassageDocuments.keyword(name), name.strip()));
            titles.putIfAbsent(PassageDocuments.keyword(title), title.strip());
            ids.putIfAbsent(document.docId(), document.docId());
        }
        try {
            return Optional.of(describe(source, new Sources() {
                @Override
                public Names startingWith(String prefix) {
                    Set<String> names = new LinkedHashSet<>();
                    int total = listed(publishers, prefix, names) + listed(titles, prefix, names);
                    if (total == 0) {
                        total = listed(ids, prefix, names);
                    }
                    return new Names(List.copyOf(names), Math.max(total, names.size()));
                }

                @Override
                public Names publishers() {
                    return every(publishers);
                }

                @Override
                public Names titles() {
                    return every(titles);
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("listing sources failed", e);
        }
    }

    private static Names every(TreeMap<String, String> byKey) {
        Set<String> names = new LinkedHashSet<>();
        int total = listed(byKey, "", names);
        return new Names(List.copyOf(names), total);
    }

    /** Adds the names of keys starting with {@code prefix} (up to {@link #MAX_NAMED} in all); returns how many keys do. */
    private static int listed(TreeMap<String, String> byKey, String prefix, Set<String> names) {
        int matching = 0;
        for (Map.Entry<String, String> entry : byKey.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            matching++;
            if (names.size() < MAX_NAMED) {
                names.add(entry.getValue());
            }
        }
        return matching;
    }

    /** Where the names of the message come from: the engine's documents. */
    private interface Sources {
        Names startingWith(String prefix) throws IOException;

        Names publishers() throws IOException;

        Names titles() throws IOException;
    }

    /** The message for a source no document is: the sources starting with it, or else what sources there are. */
    private static String describe(String source, Sources sources) throws IOException {
        String typed = source.strip();
        String echo = "No source is named “" + typed + "”.";
        Names starting = sources.startingWith(PassageDocuments.keyword(typed));
        if (!starting.names().isEmpty()) {
            return echo + " Sources starting with “" + typed + "”: " + starting.listed() + ".";
        }
        Names publishers = sources.publishers();
        if (!publishers.names().isEmpty()) {
            return echo + " A source is a publisher, a document title or a document id. "
                    + (publishers.total() == 1 ? "The publisher is " : "The publishers are ") + publishers.listed()
                    + ".";
        }
        Names titles = sources.titles();
        if (!titles.names().isEmpty()) {
            return echo + " A source is a document title or id. The documents are " + titles.listed() + ".";
        }
        return echo + " The corpus has no documents yet.";
    }

    /** Names found, and how many there are in all (more than listed when cut at {@link #MAX_NAMED}). */
    private record Names(List<String> names, int total) {

        String listed() {
            String joined = String.join(", ", names);
            return total > names.size() ? joined + " and " + (total - names.size()) + " more" : joined;
        }
    }

    /** Publishers, titles and ids that start with {@code prefix}: a title once, however it is matched. */
    private static Names startingWith(IndexSearcher searcher, String prefix) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        int total = 0;
        total += collect(searcher, IndexSchema.PUBLISHER_KEY, IndexSchema.PUBLISHER, prefix, names);
        total += collect(searcher, IndexSchema.TITLE_KEY, IndexSchema.DOCUMENT_TITLE, prefix, names);
        if (total == 0) {
            // Ids are what people type least; named only when no publisher or title starts so, and
            // never beside the title of the same document.
            total = collect(searcher, IndexSchema.DOC_ID, IndexSchema.DOC_ID, prefix, names);
        }
        return new Names(List.copyOf(names), Math.max(total, names.size()));
    }

    private static Names all(IndexSearcher searcher, String keyField, String storedField) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        int total = collect(searcher, keyField, storedField, "", names);
        return new Names(List.copyOf(names), total);
    }

    /**
     * Adds to {@code names} (up to {@link #MAX_NAMED} in all) the stored names of live document
     * records whose {@code keyField} term starts with {@code prefix}; returns how many such terms
     * there are, named or not.
     */
    private static int collect(
            IndexSearcher searcher, String keyField, String storedField, String prefix, Set<String> names)
            throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Terms terms = MultiTerms.getTerms(reader, keyField);
        if (terms == null) {
            return 0;
        }
        Bits live = MultiBits.getLiveDocs(reader);
        TermsEnum walk = terms.iterator();
        BytesRef start = new BytesRef(prefix);
        if (walk.seekCeil(start) == TermsEnum.SeekStatus.END) {
            return 0;
        }
        int matching = 0;
        int walked = 0;
        PostingsEnum postings = null;
        for (BytesRef term = walk.term(); term != null && walked < MAX_WALKED; term = walk.next(), walked++) {
            String text = term.utf8ToString();
            if (!text.startsWith(prefix)) {
                break;
            }
            postings = walk.postings(postings, PostingsEnum.NONE);
            if (!hasLive(postings, live)) {
                continue; // left behind by a deleted document until segments merge
            }
            matching++;
            if (names.size() < MAX_NAMED) {
                name(searcher, keyField, text, storedField).ifPresent(names::add);
            }
        }
        return matching;
    }

    private static boolean hasLive(PostingsEnum postings, Bits live) throws IOException {
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            if (live == null || live.get(doc)) {
                return true;
            }
        }
        return false;
    }

    /** The stored name (publisher or title as written, or the id) of a document record with that key. */
    private static Optional<String> name(IndexSearcher searcher, String keyField, String key, String storedField)
            throws IOException {
        Query record = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT)), Occur.FILTER)
                .add(new TermQuery(new Term(keyField, key)), Occur.FILTER)
                .build();
        TopDocs top = searcher.search(record, 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        Document stored = searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(storedField));
        return Optional.ofNullable(stored.get(storedField)).map(String::strip).filter(name -> !name.isEmpty());
    }
}
