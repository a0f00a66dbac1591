package org.citebot.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.CloseableThreadLocal;
import org.apache.lucene.util.UnicodeUtil;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.StoredPassage;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between citebot's values and Lucene documents: a passage (with its document's
 * metadata) to the Lucene document that indexes it, a corpus document to its record, and back from
 * stored fields to {@link StoredPassage} and {@link DocumentSummary}. No I/O and no state beyond the
 * analyzers: writing analyzes each text once and replays its tokens into every field that indexes it
 * ({@link AnalyzedText}), so a document's title is analyzed once, not once a passage, and written
 * into every passage's {@link IndexSchema#BODY} with the passage's heading and words. With the default English analysis
 * the body is even tokenized once for its words too ({@link IndexSchema#BODY_WORD_HASHES}), kept on
 * the way to its stems ({@link EnglishBodyAnalysis}). The index makes one per writer; it is safe to
 * use from several indexing threads.
 */
public final class PassageDocuments implements Closeable {

    /** The content analysis, an instance of its own so its reuse never meets the writer's. */
    private final Analyzer content;

    /** The words of a body analyzed with another content analysis than the default English one. */
    private final Analyzer words = IndexSchema.wordsAnalyzer();
    /**
     * Per indexing thread, the body's stems and words in one pass when the content analysis is the
     * default English one; empty when the words are analyzed on their own.
     */
    private final Optional<CloseableThreadLocal<EnglishBodyAnalysis>> englishBodies;

    private final int titleCopies;
    private final int sectionCopies;

    /** Builds documents analyzed and weighted as {@code settings} say. */
    public PassageDocuments(IndexSettings settings) {
        this.content = settings.contentAnalyzer().get();
        this.englishBodies = EnglishBodyAnalysis.appliesTo(settings, content)
                ? Optional.of(new CloseableThreadLocal<>() {
                    @Override
                    protected EnglishBodyAnalysis initialValue() {
                        return new EnglishBodyAnalysis();
                    }
                })
                : Optional.empty();
        this.titleCopies = settings.titleCopies();
        this.sectionCopies = settings.sectionCopies();
    }

    /**
     * The Lucene document for one passage.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public Document toDocument(SourceDocument source, Passage passage) {
        return toDocument(source, passage, DocumentOrigin.CORPUS);
    }

    /**
     * The Lucene document for one passage of a document of {@code origin}: an added article's
     * passages carry the server it belongs to, so searches elsewhere never see them.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public Document toDocument(SourceDocument source, Passage passage, DocumentOrigin origin) {
        checkOwner(source, passage);
        return toDocument(
                source, passage, origin, new TitleTokens(source.metadata().title()));
    }

    private Document toDocument(SourceDocument source, Passage passage, DocumentOrigin origin, TitleTokens shared) {
        DocumentMetadata metadata = source.metadata();
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_PASSAGE, Field.Store.NO));
        doc.add(new StringField(IndexSchema.PASSAGE_ID, passage.id(), Field.Store.YES));
        addDocId(doc, source.id());
        doc.add(new StoredField(IndexSchema.ORDINAL, passage.ordinal()));
        doc.add(new StoredField(IndexSchema.PARAGRAPH, passage.paragraph()));
        AnalyzedText title = shared.title();
        Optional<AnalyzedText> section = passage.section().map(shared::section);
        EnglishBodyAnalysis.Tokens analyzed = analyzeBody(passage.text());
        AnalyzedText body = analyzed.stems();
        passage.section().ifPresent(text -> doc.add(new StoredField(IndexSchema.SECTION, text)));
        passage.section()
                .filter(text -> origin.server().isEmpty() && fitsOneTerm(text))
                .ifPresent(text -> doc.add(new StringField(IndexSchema.SHARED_SECTION, text, Field.Store.NO)));
        doc.add(new StoredField(IndexSchema.TITLE, metadata.title()));
        doc.add(new StoredField(IndexSchema.BODY, passage.text()));
        doc.add(new Field(IndexSchema.BODY, scored(body, section, title), IndexSchema.BODY_TYPE));
        doc.add(new BinaryDocValuesField(IndexSchema.BODY_WORD_HASHES, WrittenWords.hashes(analyzed.words())));
        // Stop words are never corrected nor offered, so the spellings leave them out.
        doc.add(new Field(
                IndexSchema.BODY_WORDS,
                new StopFilter(analyzed.words().replay(), IndexSchema.englishStopWords()),
                IndexSchema.WORDS_TYPE));
        doc.add(new StoredField(IndexSchema.START, passage.start()));
        doc.add(new StoredField(IndexSchema.END, passage.end()));
        addMetadata(doc, metadata);
        addOwner(doc, origin);
        return doc;
    }

    /**
     * What a Solr collection's weighted field holds for a passage, term by term: how often the
     * passage's body field holds it, copies of title and heading tokens included, so both tiers
     * score the same frequencies and lengths with one definition of the weights.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public Map<String, Integer> weightedFrequencies(SourceDocument source, Passage passage) {
        checkOwner(source, passage);
        TitleTokens shared = new TitleTokens(source.metadata().title());
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        try (TokenStream tokens =
                scored(analyzeBody(passage.text()).stems(), passage.section().map(shared::section), shared.title())) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                frequencies.merge(term.toString(), 1, Integer::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("replaying tokens held in memory failed", e);
        }
        return frequencies;
    }

    /**
     * What a passage's body field holds, the field BM25F scores: its text's stems, then its
     * heading's and its title's, each of those written as many times as its weight.
     */
    private TokenStream scored(AnalyzedText body, Optional<AnalyzedText> section, AnalyzedText title) {
        return section.isPresent()
                ? AnalyzedText.stacked(
                        new AnalyzedText[] {body, section.get(), title},
                        new int[] {1, sectionCopies, titleCopies},
                        IndexSchema.REGION_GAP)
                : AnalyzedText.stacked(
                        new AnalyzedText[] {body, title}, new int[] {1, titleCopies}, IndexSchema.REGION_GAP);
    }

    private EnglishBodyAnalysis.Tokens analyzeBody(String text) {
        if (englishBodies.isEmpty()) {
            return new EnglishBodyAnalysis.Tokens(
                    AnalyzedText.of(content, IndexSchema.BODY, text),
                    AnalyzedText.of(words, IndexSchema.BODY_WORDS, text));
        }
        return englishBodies.get().get().analyze(text);
    }

    /**
     * A document's title analyzed once for all its passages, and its section headings, which
     * consecutive passages share, each analyzed once.
     */
    private final class TitleTokens {
        private final String titleText;
        private @Nullable AnalyzedText title;
        private @Nullable String lastSection;
        private @Nullable AnalyzedText lastSectionTokens;

        TitleTokens(String titleText) {
            this.titleText = titleText;
        }

        AnalyzedText title() {
            if (title == null) {
                title = AnalyzedText.of(content, IndexSchema.TITLE, titleText);
            }
            return title;
        }

        AnalyzedText section(String text) {
            if (lastSectionTokens == null || !text.equals(lastSection)) {
                lastSection = text;
                lastSectionTokens = AnalyzedText.of(content, IndexSchema.SECTION, text);
            }
            return lastSectionTokens;
        }
    }

    /** The record of a corpus document: its metadata, hashes and passage count; never a search hit. */
    public static Document toDocumentRecord(IndexedDocument indexed) {
        return toDocumentRecord(indexed, indexedHash(indexed), Optional.empty());
    }

    /**
     * The record of a corpus document with the stamp of the file it was read from, by which the
     * next reindex recognises the file unchanged without reading it.
     *
     * @param indexedHash the document's {@link #indexedHash}, computed once by the caller
     */
    public static Document toDocumentRecord(IndexedDocument indexed, String indexedHash, Optional<FileStamp> stamp) {
        SourceDocument source = indexed.document();
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT, Field.Store.NO));
        addDocId(doc, source.id());
        // An empty body: no term, so no hit and no part in the body's statistics, but a norm (0), so
        // every entry has one and the norms are dense. Flushing a segment reads each passage's norm
        // for the postings' impacts, and sparse norms made that a twentieth of indexing.
        doc.add(new Field(IndexSchema.BODY, AnalyzedText.none(), IndexSchema.BODY_TYPE));
        doc.add(new StoredField(IndexSchema.DOCUMENT_TITLE, source.metadata().title()));
        doc.add(new StoredField(IndexSchema.PATH, source.path()));
        doc.add(new StoredField(IndexSchema.CONTENT_HASH, source.contentHash()));
        doc.add(new StoredField(IndexSchema.INDEXED_HASH, indexedHash));
        doc.add(new StoredField(IndexSchema.PASSAGE_COUNT, indexed.passages().size()));
        stamp.ifPresent(file -> {
            doc.add(new StoredField(IndexSchema.FILE_SIZE, file.size()));
            doc.add(new StoredField(IndexSchema.FILE_MODIFIED, file.modifiedNanos()));
            doc.add(new StoredField(IndexSchema.FILE_CHECKED, file.checkedNanos()));
            doc.add(new StoredField(IndexSchema.READING_KEY, file.readingKey()));
        });
        addMetadata(doc, source.metadata());
        if (indexed.origin().added()) {
            doc.add(new StringField(IndexSchema.ORIGIN, IndexSchema.ORIGIN_ADDED, Field.Store.YES));
        }
        addOwner(doc, indexed.origin());
        return doc;
    }

    /**
     * Everything one document is indexed as, built at once: for callers that write a few documents
     * (an added article) or compare with another index; a corpus streams {@link #lazyDocuments}.
     */
    public List<Document> toDocuments(IndexedDocument indexed) {
        List<Document> docs = new ArrayList<>(indexed.passages().size() + 1);
        lazyDocuments(indexed, indexedHash(indexed), Optional.empty(), Optional.empty())
                .forEach(docs::add);
        return docs;
    }

    /**
     * Everything one corpus document is indexed as, its passages then its record, in the order they
     * must be written as one block, each Lucene document built only when the writer asks for it: a
     * file of a million short paragraphs has tens of thousands of passages, and their Lucene
     * documents together would take tens of megabytes. Every passage is checked before the first is
     * handed over, so a bad one still fails before anything is written.
     *
     * @param indexedHash the document's {@link #indexedHash}, computed once by the caller
     * @param stamp the file's stamp, for the record
     * @param vectors one unit vector per passage, in passage order, when the index holds vectors
     * @throws IllegalArgumentException when a passage belongs to another document, or the vectors
     *     do not match the passages one to one
     */
    public Iterable<Document> lazyDocuments(
            IndexedDocument indexed, String indexedHash, Optional<FileStamp> stamp, Optional<List<float[]>> vectors) {
        SourceDocument source = indexed.document();
        if (vectors.isPresent() && vectors.get().size() != indexed.passages().size()) {
            throw new IllegalArgumentException(
                    "document " + source.id() + " has " + indexed.passages().size() + " passages but "
                            + vectors.get().size() + " vectors");
        }
        for (Passage passage : indexed.passages()) {
            checkOwner(source, passage);
        }
        List<Passage> passages = indexed.passages();
        return () -> new Iterator<>() {
            private final TitleTokens shared = new TitleTokens(source.metadata().title());
            private int next;

            @Override
            public boolean hasNext() {
                return next <= passages.size();
            }

            @Override
            public Document next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int at = next++;
                if (at == passages.size()) {
                    return toDocumentRecord(indexed, indexedHash, stamp);
                }
                Document passage = toDocument(source, passages.get(at), indexed.origin(), shared);
                vectors.ifPresent(all -> passage.add(new KnnFloatVectorField(
                        IndexSchema.VECTOR, all.get(at), VectorSimilarityFunction.DOT_PRODUCT)));
                return passage;
            }
        };
    }

    /** Whether {@code text} is short enough to be indexed as a single term. */
    private static boolean fitsOneTerm(String text) {
        return text.length() <= IndexWriter.MAX_TERM_LENGTH / 3
                || UnicodeUtil.calcUTF16toUTF8Length(text, 0, text.length()) <= IndexWriter.MAX_TERM_LENGTH;
    }

    private static void checkOwner(SourceDocument source, Passage passage) {
        if (!passage.docId().equals(source.id())) {
            throw new IllegalArgumentException(
                    "passage " + passage.id() + " does not belong to document " + source.id());
        }
    }

    @Override
    public void close() {
        content.close();
        words.close();
        englishBodies.ifPresent(CloseableThreadLocal::close);
    }

    /** Reads what a document record says about its file and what was indexed for it. */
    public static IndexedFile readIndexedFile(Document record) {
        String path = record.get(IndexSchema.PATH);
        Optional<FileStamp> stamp = Optional.empty();
        IndexableField size = record.getField(IndexSchema.FILE_SIZE);
        IndexableField modified = record.getField(IndexSchema.FILE_MODIFIED);
        IndexableField checked = record.getField(IndexSchema.FILE_CHECKED);
        String readingKey = record.get(IndexSchema.READING_KEY);
        if (path != null && size != null && modified != null && checked != null && readingKey != null) {
            stamp = Optional.of(new FileStamp(
                    path,
                    size.numericValue().longValue(),
                    modified.numericValue().longValue(),
                    checked.numericValue().longValue(),
                    readingKey));
        }
        IndexableField passages = record.getField(IndexSchema.PASSAGE_COUNT);
        return new IndexedFile(
                required(record, IndexSchema.DOC_ID),
                path == null ? "" : path,
                Optional.ofNullable(record.get(IndexSchema.CONTENT_HASH)).orElse(""),
                Optional.ofNullable(record.get(IndexSchema.INDEXED_HASH)).orElse(""),
                passages == null ? 0 : passages.numericValue().intValue(),
                stamp,
                readOrigin(record));
    }

    /** A corpus file, or an article added by URL and the server it belongs to, from a record's stored fields. */
    public static DocumentOrigin readOrigin(Document record) {
        if (!IndexSchema.ORIGIN_ADDED.equals(record.get(IndexSchema.ORIGIN))) {
            return DocumentOrigin.CORPUS;
        }
        return DocumentOrigin.added(Optional.ofNullable(record.get(IndexSchema.OWNER)));
    }

    /**
     * Hex SHA-256 over everything the index stores for a document: the source's content hash, its
     * metadata and every passage. Equal hashes mean a reindex can skip the document; a change in the
     * corpus splitter changes the passages and so the hash, even when the file is unchanged.
     */
    public static String indexedHash(IndexedDocument indexed) {
        MessageDigest digest = sha256();
        SourceDocument source = indexed.document();
        update(digest, "v" + IndexSchema.VERSION);
        update(digest, source.id());
        update(digest, source.path());
        update(digest, source.contentHash());
        update(digest, source.metadata().toString());
        if (indexed.origin().added()) {
            // Only added articles: corpus files keep the hashes earlier versions gave them.
            update(digest, "added:" + indexed.origin().server().orElse("*"));
        }
        for (Passage passage : indexed.passages()) {
            update(digest, passage.toString());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads a passage hit's stored fields back into the values the bot cites. */
    public static StoredPassage readPassage(Document stored) {
        Passage passage = new Passage(
                required(stored, IndexSchema.DOC_ID),
                intValue(stored, IndexSchema.ORDINAL),
                intValue(stored, IndexSchema.PARAGRAPH),
                Optional.ofNullable(stored.get(IndexSchema.SECTION)),
                required(stored, IndexSchema.BODY),
                intValue(stored, IndexSchema.START),
                intValue(stored, IndexSchema.END));
        return new StoredPassage(passage, readMetadata(stored, IndexSchema.TITLE));
    }

    /** Reads a document record's stored fields back into a summary for {@code /sources}. */
    public static DocumentSummary readSummary(Document record) {
        return new DocumentSummary(
                required(record, IndexSchema.DOC_ID),
                readMetadata(record, IndexSchema.DOCUMENT_TITLE),
                intValue(record, IndexSchema.PASSAGE_COUNT),
                readOrigin(record));
    }

    /** The lower-cased form keyword filters compare, so "Reuters" finds "reuters". */
    public static String keyword(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static void addDocId(Document doc, String docId) {
        doc.add(new StringField(IndexSchema.DOC_ID, docId, Field.Store.YES));
        doc.add(new SortedDocValuesField(IndexSchema.DOC_ID, new BytesRef(docId)));
    }

    /** The owning server of an article added in one server; nothing for every other document. */
    private static void addOwner(Document doc, DocumentOrigin origin) {
        origin.server().ifPresent(server -> {
            doc.add(new StringField(IndexSchema.OWNER, server, Field.Store.YES));
            doc.add(new SortedDocValuesField(IndexSchema.OWNER, new BytesRef(server)));
        });
    }

    private static void addMetadata(Document doc, DocumentMetadata metadata) {
        addKey(doc, IndexSchema.TITLE_KEY, metadata.title());
        metadata.author().ifPresent(author -> {
            doc.add(new StoredField(IndexSchema.AUTHOR, author));
            addKey(doc, IndexSchema.AUTHOR_KEY, author);
        });
        metadata.publisher().ifPresent(publisher -> {
            doc.add(new StoredField(IndexSchema.PUBLISHER, publisher));
            addKey(doc, IndexSchema.PUBLISHER_KEY, publisher);
        });
        metadata.published().ifPresent(date -> {
            doc.add(new StoredField(IndexSchema.PUBLISHED, date.toString()));
            doc.add(new LongPoint(IndexSchema.PUBLISHED_DAY, date.toEpochDay()));
        });
        metadata.url().ifPresent(url -> doc.add(new StoredField(IndexSchema.URL, url.toString())));
        doc.add(new StoredField(IndexSchema.LANGUAGE, metadata.language()));
    }

    /**
     * The filter key of a title, author or publisher; left out when it is longer than a Lucene term
     * may be (a front matter title of tens of kilobytes), which only that filter then misses.
     */
    private static void addKey(Document doc, String field, String value) {
        String key = keyword(value);
        if (fitsOneTerm(key)) {
            doc.add(new StringField(field, key, Field.Store.NO));
        }
    }

    private static DocumentMetadata readMetadata(Document stored, String titleField) {
        return new DocumentMetadata(
                required(stored, titleField),
                Optional.ofNullable(stored.get(IndexSchema.AUTHOR)),
                Optional.ofNullable(stored.get(IndexSchema.PUBLISHER)),
                Optional.ofNullable(stored.get(IndexSchema.PUBLISHED)).map(LocalDate::parse),
                Optional.ofNullable(stored.get(IndexSchema.URL)).map(URI::create),
                required(stored, IndexSchema.LANGUAGE));
    }

    private static String required(Document stored, String field) {
        String value = stored.get(field);
        if (value == null) {
            throw new IllegalStateException("stored field " + field + " is missing; is the index from another schema?");
        }
        return value;
    }

    private static int intValue(Document stored, String field) {
        IndexableField value = stored.getField(field);
        if (value == null || value.numericValue() == null) {
            throw new IllegalStateException("stored field " + field + " is missing; is the index from another schema?");
        }
        return value.numericValue().intValue();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
