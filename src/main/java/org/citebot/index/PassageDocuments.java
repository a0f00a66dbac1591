package org.citebot.index;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;

/**
 * Pure conversions between citebot's values and Lucene documents: a passage (with its document's
 * metadata) to the Lucene document that indexes it, a corpus document to its record, and back from
 * stored fields to {@link StoredPassage} and {@link DocumentSummary}. No I/O, no state.
 */
public final class PassageDocuments {

    private PassageDocuments() {}

    /**
     * The Lucene document for one passage.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public static Document toDocument(SourceDocument source, Passage passage) {
        return toDocument(source, passage, DocumentOrigin.CORPUS);
    }

    /**
     * The Lucene document for one passage of a document of {@code origin}: an added article's
     * passages carry the server it belongs to, so searches elsewhere never see them.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public static Document toDocument(SourceDocument source, Passage passage, DocumentOrigin origin) {
        if (!passage.docId().equals(source.id())) {
            throw new IllegalArgumentException(
                    "passage " + passage.id() + " does not belong to document " + source.id());
        }
        DocumentMetadata metadata = source.metadata();
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_PASSAGE, Field.Store.NO));
        doc.add(new StringField(IndexSchema.PASSAGE_ID, passage.id(), Field.Store.YES));
        addDocId(doc, source.id());
        doc.add(new StoredField(IndexSchema.ORDINAL, passage.ordinal()));
        doc.add(new StoredField(IndexSchema.PARAGRAPH, passage.paragraph()));
        passage.section().ifPresent(section -> doc.add(new TextField(IndexSchema.SECTION, section, Field.Store.YES)));
        doc.add(new TextField(IndexSchema.TITLE, metadata.title(), Field.Store.YES));
        doc.add(new Field(IndexSchema.BODY, passage.text(), IndexSchema.BODY_TYPE));
        doc.add(new Field(IndexSchema.BODY_WORDS, passage.text(), IndexSchema.WORDS_TYPE));
        doc.add(new StoredField(IndexSchema.START, passage.start()));
        doc.add(new StoredField(IndexSchema.END, passage.end()));
        addMetadata(doc, metadata);
        addOwner(doc, origin);
        return doc;
    }

    /** The record of a corpus document: its metadata, hashes and passage count; never a search hit. */
    public static Document toDocumentRecord(IndexedDocument indexed) {
        return toDocumentRecord(indexed, Optional.empty());
    }

    /**
     * The record of a corpus document with the stamp of the file it was read from, by which the
     * next reindex recognises the file unchanged without reading it.
     */
    public static Document toDocumentRecord(IndexedDocument indexed, Optional<FileStamp> stamp) {
        SourceDocument source = indexed.document();
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT, Field.Store.NO));
        addDocId(doc, source.id());
        doc.add(new StoredField(IndexSchema.DOCUMENT_TITLE, source.metadata().title()));
        doc.add(new StoredField(IndexSchema.PATH, source.path()));
        doc.add(new StoredField(IndexSchema.CONTENT_HASH, source.contentHash()));
        doc.add(new StoredField(IndexSchema.INDEXED_HASH, indexedHash(indexed)));
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
     * Everything one corpus document is indexed as, its passages then its record, in the order they
     * must be written as one block. The whole block is built before anything is written, so a bad
     * passage fails before the document is touched.
     */
    public static List<Document> toDocuments(IndexedDocument indexed) {
        return toDocuments(indexed, Optional.empty());
    }

    /** Like {@link #toDocuments(IndexedDocument)}, the record carrying the file's stamp. */
    public static List<Document> toDocuments(IndexedDocument indexed, Optional<FileStamp> stamp) {
        List<Document> docs = new ArrayList<>(indexed.passages().size() + 1);
        for (Passage passage : indexed.passages()) {
            docs.add(toDocument(indexed.document(), passage, indexed.origin()));
        }
        docs.add(toDocumentRecord(indexed, stamp));
        return docs;
    }

    /**
     * The same block as {@link #toDocuments(IndexedDocument, Optional)}, each Lucene document built
     * only when the writer asks for it: a file of a million short paragraphs has tens of thousands
     * of passages, and their Lucene documents together would take tens of megabytes. Every passage
     * is checked before the first is handed over, so a bad one still fails before anything is written.
     *
     * @throws IllegalArgumentException when a passage belongs to another document
     */
    public static Iterable<Document> lazyDocuments(IndexedDocument indexed, Optional<FileStamp> stamp) {
        return lazyDocuments(indexed, stamp, Optional.empty());
    }

    /**
     * Like {@link #lazyDocuments(IndexedDocument, Optional)}, each passage carrying its vector.
     *
     * @param vectors one unit vector per passage, in passage order
     * @throws IllegalArgumentException when a passage belongs to another document, or the vectors
     *     do not match the passages one to one
     */
    public static Iterable<Document> lazyDocuments(
            IndexedDocument indexed, Optional<FileStamp> stamp, Optional<List<float[]>> vectors) {
        SourceDocument source = indexed.document();
        if (vectors.isPresent() && vectors.get().size() != indexed.passages().size()) {
            throw new IllegalArgumentException(
                    "document " + source.id() + " has " + indexed.passages().size() + " passages but "
                            + vectors.get().size() + " vectors");
        }
        for (Passage passage : indexed.passages()) {
            if (!passage.docId().equals(source.id())) {
                throw new IllegalArgumentException(
                        "passage " + passage.id() + " does not belong to document " + source.id());
            }
        }
        List<Passage> passages = indexed.passages();
        return () -> new Iterator<>() {
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
                    return toDocumentRecord(indexed, stamp);
                }
                Document passage = toDocument(source, passages.get(at), indexed.origin());
                vectors.ifPresent(all -> passage.add(new KnnFloatVectorField(
                        IndexSchema.VECTOR, all.get(at), VectorSimilarityFunction.DOT_PRODUCT)));
                return passage;
            }
        };
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
        doc.add(new StringField(IndexSchema.TITLE_KEY, keyword(metadata.title()), Field.Store.NO));
        metadata.author().ifPresent(author -> {
            doc.add(new StoredField(IndexSchema.AUTHOR, author));
            doc.add(new StringField(IndexSchema.AUTHOR_KEY, keyword(author), Field.Store.NO));
        });
        metadata.publisher().ifPresent(publisher -> {
            doc.add(new StoredField(IndexSchema.PUBLISHER, publisher));
            doc.add(new StringField(IndexSchema.PUBLISHER_KEY, keyword(publisher), Field.Store.NO));
        });
        metadata.published().ifPresent(date -> {
            doc.add(new StoredField(IndexSchema.PUBLISHED, date.toString()));
            doc.add(new LongPoint(IndexSchema.PUBLISHED_DAY, date.toEpochDay()));
        });
        metadata.url().ifPresent(url -> doc.add(new StoredField(IndexSchema.URL, url.toString())));
        doc.add(new StoredField(IndexSchema.LANGUAGE, metadata.language()));
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
