package org.citebot.solr;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.StoredPassage;

/**
 * Pure conversions between citebot's values and Solr documents, field for field what {@link
 * PassageDocuments} writes into the embedded index (the same names from {@link IndexSchema}, the
 * same stored values, the same lower-cased filter keys and indexed hash), plus the {@code id} Solr
 * keys documents by. No I/O, no state.
 */
public final class SolrPassageDocuments {

    /** Solr's unique key: the passage id, or {@code docId#record} for a document's record. */
    public static final String ID = "id";
    /** The kind of the one metadata document a collection holds. */
    public static final String KIND_META = "meta";
    /** The metadata document's id. */
    public static final String META_ID = "citebot#meta";

    static final String GENERATION = "generation";
    static final String COLLECTION_NAME = "collection_name";
    static final String BUILT_AT = "built_at";
    static final String SCHEMA_VERSION = "schema_version";
    static final String ANALYZER = "analyzer";
    static final String FIELD_WEIGHTS = "field_weights";
    static final String VECTOR_MODEL = "vector_model";
    static final String CORPUS_FINGERPRINT = "corpus_fingerprint";
    static final String DOCUMENTS = "documents";
    static final String PASSAGES = "passages";

    private static final String RECORD_SUFFIX = "#record";

    private SolrPassageDocuments() {}

    /**
     * Everything one corpus document is written as: its passages (each with its vector when given)
     * and then its record. Built whole before anything is sent, so a bad passage fails first.
     *
     * @param vectors one unit vector per passage, in passage order
     * @throws IllegalArgumentException when a passage belongs to another document, or the vectors
     *     do not match the passages one to one
     */
    public static List<SolrInputDocument> toDocuments(
            IndexedDocument indexed,
            Optional<FileStamp> stamp,
            Optional<List<float[]>> vectors,
            PassageDocuments weighting) {
        SourceDocument source = indexed.document();
        List<Passage> passages = indexed.passages();
        if (vectors.isPresent() && vectors.get().size() != passages.size()) {
            throw new IllegalArgumentException("document " + source.id() + " has " + passages.size() + " passages but "
                    + vectors.get().size() + " vectors");
        }
        List<SolrInputDocument> docs = new ArrayList<>(passages.size() + 1);
        for (int i = 0; i < passages.size(); i++) {
            SolrInputDocument doc = toDocument(source, passages.get(i));
            doc.setField(IndexSchema.WEIGHTED, weightedValue(weighting.weightedFrequencies(source, passages.get(i))));
            addOwner(doc, indexed.origin());
            if (vectors.isPresent()) {
                doc.setField(IndexSchema.VECTOR, vectorValue(vectors.get().get(i)));
            }
            docs.add(doc);
        }
        docs.add(toDocumentRecord(indexed, stamp));
        return docs;
    }

    /**
     * The Solr document for one passage.
     *
     * @throws IllegalArgumentException when the passage belongs to another document
     */
    public static SolrInputDocument toDocument(SourceDocument source, Passage passage) {
        if (!passage.docId().equals(source.id())) {
            throw new IllegalArgumentException(
                    "passage " + passage.id() + " does not belong to document " + source.id());
        }
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, passage.id());
        doc.setField(IndexSchema.KIND, IndexSchema.KIND_PASSAGE);
        doc.setField(IndexSchema.PASSAGE_ID, passage.id());
        doc.setField(IndexSchema.DOC_ID, source.id());
        doc.setField(IndexSchema.ORDINAL, passage.ordinal());
        doc.setField(IndexSchema.PARAGRAPH, passage.paragraph());
        passage.section().ifPresent(section -> doc.setField(IndexSchema.SECTION, section));
        doc.setField(IndexSchema.TITLE, source.metadata().title());
        doc.setField(IndexSchema.BODY, passage.text());
        doc.setField(IndexSchema.BODY_WORDS, passage.text());
        doc.setField(IndexSchema.START, passage.start());
        doc.setField(IndexSchema.END, passage.end());
        addMetadata(doc, source.metadata());
        return doc;
    }

    /**
     * The weighted field as the configset's {@code weighted_citebot} type reads it: each analyzed
     * term once, with its summed frequency after a bar ({@code "lawn|6 mower|4"}). Lucene adds the
     * frequencies into the field's length as the embedded index does, so the norms come out equal.
     * Analyzed terms never hold white space or a bar.
     */
    static String weightedValue(Map<String, Integer> frequencies) {
        StringBuilder value = new StringBuilder();
        frequencies.forEach((term, frequency) -> {
            if (!value.isEmpty()) {
                value.append(' ');
            }
            value.append(term).append('|').append(frequency);
        });
        return value.toString();
    }

    /** The owning server of an article added in one server, as the embedded index writes it; nothing for the rest. */
    private static void addOwner(SolrInputDocument doc, DocumentOrigin origin) {
        origin.server().ifPresent(server -> doc.setField(IndexSchema.OWNER, server));
    }

    /** The record of a corpus document: its metadata, hashes, passage count and file stamp. */
    public static SolrInputDocument toDocumentRecord(IndexedDocument indexed, Optional<FileStamp> stamp) {
        SourceDocument source = indexed.document();
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, recordId(source.id()));
        doc.setField(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT);
        doc.setField(IndexSchema.DOC_ID, source.id());
        doc.setField(IndexSchema.DOCUMENT_TITLE, source.metadata().title());
        doc.setField(IndexSchema.PATH, source.path());
        doc.setField(IndexSchema.CONTENT_HASH, source.contentHash());
        doc.setField(IndexSchema.INDEXED_HASH, PassageDocuments.indexedHash(indexed));
        doc.setField(IndexSchema.PASSAGE_COUNT, indexed.passages().size());
        stamp.ifPresent(file -> {
            doc.setField(IndexSchema.FILE_SIZE, file.size());
            doc.setField(IndexSchema.FILE_MODIFIED, file.modifiedNanos());
            doc.setField(IndexSchema.FILE_CHECKED, file.checkedNanos());
            doc.setField(IndexSchema.READING_KEY, file.readingKey());
        });
        addMetadata(doc, source.metadata());
        if (indexed.origin().added()) {
            doc.setField(IndexSchema.ORIGIN, IndexSchema.ORIGIN_ADDED);
        }
        addOwner(doc, indexed.origin());
        return doc;
    }

    /** The id of a document's record. */
    public static String recordId(String docId) {
        return docId + RECORD_SUFFIX;
    }

    /** Reads a passage's stored fields back into the values the bot cites. */
    public static StoredPassage readPassage(SolrDocument stored) {
        Passage passage = new Passage(
                required(stored, IndexSchema.DOC_ID),
                intValue(stored, IndexSchema.ORDINAL),
                intValue(stored, IndexSchema.PARAGRAPH),
                optional(stored, IndexSchema.SECTION),
                required(stored, IndexSchema.BODY),
                intValue(stored, IndexSchema.START),
                intValue(stored, IndexSchema.END));
        return new StoredPassage(passage, readMetadata(stored, IndexSchema.TITLE));
    }

    /** Reads a document record back into the summary {@code /sources} lists, its origin included. */
    public static DocumentSummary readSummary(SolrDocument record) {
        return new DocumentSummary(
                required(record, IndexSchema.DOC_ID),
                readMetadata(record, IndexSchema.DOCUMENT_TITLE),
                intValue(record, IndexSchema.PASSAGE_COUNT),
                readOrigin(record));
    }

    /** A corpus file, or an article added by URL and the server it belongs to, as the embedded index reads it. */
    static DocumentOrigin readOrigin(SolrDocument record) {
        if (!IndexSchema.ORIGIN_ADDED.equals(
                optional(record, IndexSchema.ORIGIN).orElse(""))) {
            return DocumentOrigin.CORPUS;
        }
        return DocumentOrigin.added(optional(record, IndexSchema.OWNER));
    }

    /**
     * Reads what an update compares a document with from its record: its path, content and indexed
     * hashes, passage count, origin, and the file's stamp when it was written with one (as the
     * embedded index reads it), so an unchanged file is passed over unread.
     */
    static IndexedFile readIndexedRecord(SolrDocument record) {
        Optional<String> path = optional(record, IndexSchema.PATH);
        Optional<FileStamp> stamp = Optional.empty();
        Object size = record.getFirstValue(IndexSchema.FILE_SIZE);
        Object modified = record.getFirstValue(IndexSchema.FILE_MODIFIED);
        Object checked = record.getFirstValue(IndexSchema.FILE_CHECKED);
        Optional<String> readingKey = optional(record, IndexSchema.READING_KEY);
        if (path.isPresent()
                && size instanceof Number fileSize
                && modified instanceof Number modifiedNanos
                && checked instanceof Number checkedNanos
                && readingKey.isPresent()) {
            stamp = Optional.of(new FileStamp(
                    path.get(),
                    fileSize.longValue(),
                    modifiedNanos.longValue(),
                    checkedNanos.longValue(),
                    readingKey.get()));
        }
        return new IndexedFile(
                required(record, IndexSchema.DOC_ID),
                path.orElse(""),
                optional(record, IndexSchema.CONTENT_HASH).orElse(""),
                required(record, IndexSchema.INDEXED_HASH),
                intValue(record, IndexSchema.PASSAGE_COUNT),
                stamp,
                readOrigin(record));
    }

    private static void addMetadata(SolrInputDocument doc, DocumentMetadata metadata) {
        doc.setField(IndexSchema.TITLE_KEY, PassageDocuments.keyword(metadata.title()));
        metadata.author().ifPresent(author -> {
            doc.setField(IndexSchema.AUTHOR, author);
            doc.setField(IndexSchema.AUTHOR_KEY, PassageDocuments.keyword(author));
        });
        metadata.publisher().ifPresent(publisher -> {
            doc.setField(IndexSchema.PUBLISHER, publisher);
            doc.setField(IndexSchema.PUBLISHER_KEY, PassageDocuments.keyword(publisher));
        });
        metadata.published().ifPresent(date -> {
            doc.setField(IndexSchema.PUBLISHED, date.toString());
            doc.setField(IndexSchema.PUBLISHED_DAY, date.toEpochDay());
        });
        metadata.url().ifPresent(url -> doc.setField(IndexSchema.URL, url.toString()));
        doc.setField(IndexSchema.LANGUAGE, metadata.language());
    }

    private static DocumentMetadata readMetadata(SolrDocument stored, String titleField) {
        return new DocumentMetadata(
                required(stored, titleField),
                optional(stored, IndexSchema.AUTHOR),
                optional(stored, IndexSchema.PUBLISHER),
                optional(stored, IndexSchema.PUBLISHED).map(LocalDate::parse),
                optional(stored, IndexSchema.URL).map(URI::create),
                required(stored, IndexSchema.LANGUAGE));
    }

    private static List<Float> vectorValue(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }

    private static Optional<String> optional(SolrDocument stored, String field) {
        Object value = stored.getFirstValue(field);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    private static String required(SolrDocument stored, String field) {
        return optional(stored, field)
                .orElseThrow(() -> new IllegalStateException(
                        "stored field " + field + " is missing; is the collection from another configset?"));
    }

    private static int intValue(SolrDocument stored, String field) {
        if (stored.getFirstValue(field) instanceof Number number) {
            return number.intValue();
        }
        throw new IllegalStateException(
                "stored field " + field + " is missing; is the collection from another configset?");
    }
}
