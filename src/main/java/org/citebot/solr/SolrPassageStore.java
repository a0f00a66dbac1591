package org.citebot.solr;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.FileStamp;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.StoredPassage;

/**
 * citebot's passages in one Solr collection (or alias): writes a corpus document's passages and
 * record as the embedded index does, deletes documents, and commits with a metadata document that
 * counts the commits, so {@link #generation()} tells a changed collection apart. Nothing written is
 * searchable before {@link #commit()}. {@link SolrPassages} writes and reads through it.
 */
public final class SolrPassageStore {

    /** The most passages one document's read-back returns; the splitter keeps documents far below it. */
    private static final int MAX_PASSAGES = 100_000;

    /** Documents (or passages) read per request when all of them are listed. */
    private static final int RECORD_PAGE = 1_000;

    private final SolrConnection connection;
    private final String target;
    private final IndexSettings settings;
    private final Clock clock;

    /**
     * @param target the collection or alias written to and read from
     * @param settings the analysis whose id the metadata document records, and the field weights
     *     the weighted field is written with
     */
    public SolrPassageStore(SolrConnection connection, String target, IndexSettings settings, Clock clock) {
        this.connection = connection;
        this.target = target;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Replaces a corpus document: deletes what the collection held for it, then adds its passages
     * (with their vectors when given) and its record. Visible after the next {@link #commit()}.
     */
    public void write(IndexedDocument indexed, Optional<FileStamp> stamp, Optional<List<float[]>> vectors) {
        writeAll(List.of(new Written(indexed, stamp, vectors)));
    }

    /** A corpus document to write, with its file's stamp and its passages' vectors when it has them. */
    public record Written(IndexedDocument indexed, Optional<FileStamp> stamp, Optional<List<float[]>> vectors) {}

    /**
     * Replaces several corpus documents in two requests: one deleting what the collection held for
     * them, one adding their passages and records. Visible after the next {@link #commit()}.
     */
    public void writeAll(List<Written> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<SolrInputDocument> docs = new ArrayList<>();
        List<String> ids = new ArrayList<>(documents.size());
        try (PassageDocuments weighting = new PassageDocuments(settings)) {
            for (Written written : documents) {
                docs.addAll(SolrPassageDocuments.toDocuments(
                        written.indexed(), written.stamp(), written.vectors(), weighting));
                ids.add(written.indexed().docId());
            }
        }
        // Two requests: within one, Solr applies the adds before the deletes, whatever their order.
        delete(ids);
        UpdateRequest update = new UpdateRequest();
        update.add(docs);
        connection.send(update, Optional.of(target), "writing " + ids.size() + " documents to " + target);
    }

    /** The collection or alias this writes to and reads from. */
    public String target() {
        return target;
    }

    /** Deletes corpus documents, their passages and records. Visible after the next {@link #commit()}. */
    public void delete(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return;
        }
        UpdateRequest update = new UpdateRequest();
        for (String docId : docIds) {
            update.deleteByQuery(termQuery(IndexSchema.DOC_ID, docId));
        }
        connection.send(update, Optional.of(target), "deleting " + docIds.size() + " documents from " + target);
    }

    /**
     * Makes everything written so far searchable in one commit, together with the metadata document
     * that counts it, and waits until the new searchers are open.
     *
     * @return the collection's generation after the commit
     */
    public SolrGeneration commit() {
        SolrGeneration before = generation();
        String collection = new SolrCollections(connection).aliasTarget(target).orElse(target);
        Instant now = clock.instant();
        long commits = collection.equals(before.collection()) ? before.commits() + 1 : 1;
        sendCommit(metaDocument(collection, commits, now), collection);
        return new SolrGeneration(collection, commits, Optional.of(now));
    }

    /**
     * Like {@link #commit()}, with the metadata document recording {@code next} whole (the corpus's
     * fingerprint, documents, passages and vector model, as the embedded index's commit does) and
     * {@code next}'s generation as the collection's: the passage store carries it on across
     * collections, so it only grows.
     */
    public SolrGeneration commit(IndexMetadata next) {
        String collection = new SolrCollections(connection).aliasTarget(target).orElse(target);
        SolrInputDocument meta = metaDocument(collection, next.generation(), next.builtAt());
        meta.setField(SolrPassageDocuments.FIELD_WEIGHTS, settings.fieldWeightsId());
        meta.setField(SolrPassageDocuments.VECTOR_MODEL, next.vectorModel());
        meta.setField(SolrPassageDocuments.CORPUS_FINGERPRINT, next.corpusFingerprint());
        meta.setField(SolrPassageDocuments.DOCUMENTS, next.documents());
        meta.setField(SolrPassageDocuments.PASSAGES, next.passages());
        sendCommit(meta, collection);
        return new SolrGeneration(collection, next.generation(), Optional.of(next.builtAt()));
    }

    private SolrInputDocument metaDocument(String collection, long generation, Instant builtAt) {
        SolrInputDocument meta = new SolrInputDocument();
        meta.setField(SolrPassageDocuments.ID, SolrPassageDocuments.META_ID);
        meta.setField(IndexSchema.KIND, SolrPassageDocuments.KIND_META);
        meta.setField(SolrPassageDocuments.GENERATION, generation);
        meta.setField(SolrPassageDocuments.COLLECTION_NAME, collection);
        meta.setField(SolrPassageDocuments.BUILT_AT, builtAt.toString());
        meta.setField(SolrPassageDocuments.SCHEMA_VERSION, IndexSchema.VERSION);
        meta.setField(SolrPassageDocuments.ANALYZER, settings.analyzerId());
        return meta;
    }

    private void sendCommit(SolrInputDocument meta, String collection) {
        UpdateRequest update = new UpdateRequest();
        update.add(meta);
        update.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
        connection.send(update, Optional.of(target), "committing to " + collection);
    }

    /**
     * What the committed metadata document records, and the analysis and field weights it was
     * written with (to tell whether a rebuild is due); empty when citebot never committed there.
     */
    public Optional<Committed> committed() {
        SolrQuery query = new SolrQuery(termQuery(IndexSchema.KIND, SolrPassageDocuments.KIND_META));
        query.setRows(1);
        SolrDocumentList found = query(query, "reading the metadata of " + target);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SolrDocument meta = found.get(0);
        IndexMetadata metadata = new IndexMetadata(
                (int) number(meta, SolrPassageDocuments.SCHEMA_VERSION),
                text(meta, SolrPassageDocuments.CORPUS_FINGERPRINT),
                (int) number(meta, SolrPassageDocuments.DOCUMENTS),
                (int) number(meta, SolrPassageDocuments.PASSAGES),
                Instant.parse(text(meta, SolrPassageDocuments.BUILT_AT)),
                number(meta, SolrPassageDocuments.GENERATION),
                text(meta, SolrPassageDocuments.VECTOR_MODEL));
        return Optional.of(new Committed(
                metadata, text(meta, SolrPassageDocuments.ANALYZER), text(meta, SolrPassageDocuments.FIELD_WEIGHTS)));
    }

    /**
     * The committed metadata document, read back.
     *
     * @param analyzerId the analysis the collection was written with
     * @param fieldWeightsId the field weights its weighted field was written with; empty when not recorded
     */
    public record Committed(IndexMetadata metadata, String analyzerId, String fieldWeightsId) {}

    private static long number(SolrDocument stored, String field) {
        return stored.getFirstValue(field) instanceof Number number ? number.longValue() : 0;
    }

    private static String text(SolrDocument stored, String field) {
        Object value = stored.getFirstValue(field);
        return value == null ? "" : value.toString();
    }

    /** The committed generation of the collection behind the target. */
    public SolrGeneration generation() {
        SolrQuery query = new SolrQuery(termQuery(IndexSchema.KIND, SolrPassageDocuments.KIND_META));
        query.setRows(1);
        query.setFields(
                SolrPassageDocuments.GENERATION, SolrPassageDocuments.COLLECTION_NAME, SolrPassageDocuments.BUILT_AT);
        SolrDocumentList found = query(query, "reading the generation of " + target);
        if (found.isEmpty()) {
            return SolrGeneration.empty(
                    new SolrCollections(connection).aliasTarget(target).orElse(target));
        }
        SolrDocument meta = found.get(0);
        Object commits = meta.getFirstValue(SolrPassageDocuments.GENERATION);
        Object collection = meta.getFirstValue(SolrPassageDocuments.COLLECTION_NAME);
        Object builtAt = meta.getFirstValue(SolrPassageDocuments.BUILT_AT);
        return new SolrGeneration(
                collection == null ? target : collection.toString(),
                commits instanceof Number number ? number.longValue() : 0,
                builtAt == null ? Optional.empty() : Optional.of(Instant.parse(builtAt.toString())));
    }

    /** How many passages the committed collection holds. */
    public long passageCount() {
        SolrQuery query = new SolrQuery(termQuery(IndexSchema.KIND, IndexSchema.KIND_PASSAGE));
        query.setRows(0);
        return query(query, "counting passages in " + target).getNumFound();
    }

    /** A document's committed passages, in passage order. */
    public List<StoredPassage> passages(String docId) {
        SolrQuery query = new SolrQuery(termQuery(IndexSchema.DOC_ID, docId));
        query.addFilterQuery(termQuery(IndexSchema.KIND, IndexSchema.KIND_PASSAGE));
        query.setSort(IndexSchema.PASSAGE_ID, SolrQuery.ORDER.asc);
        query.setRows(MAX_PASSAGES);
        List<StoredPassage> passages = new ArrayList<>();
        for (SolrDocument doc : query(query, "reading the passages of " + docId + " from " + target)) {
            passages.add(SolrPassageDocuments.readPassage(doc));
        }
        passages.sort(
                (a, b) -> Integer.compare(a.passage().ordinal(), b.passage().ordinal()));
        return List.copyOf(passages);
    }

    /** A document's committed record, if the collection holds it. */
    public Optional<DocumentSummary> summary(String docId) {
        SolrQuery query = new SolrQuery(termQuery(SolrPassageDocuments.ID, SolrPassageDocuments.recordId(docId)));
        query.setRows(1);
        SolrDocumentList found = query(query, "reading the record of " + docId + " from " + target);
        return found.isEmpty() ? Optional.empty() : Optional.of(SolrPassageDocuments.readSummary(found.get(0)));
    }

    /** Every committed document's summary, sorted by document id, as {@code /sources} lists them. */
    public List<DocumentSummary> summaries() {
        List<DocumentSummary> summaries = new ArrayList<>();
        forEachRecord(record -> summaries.add(SolrPassageDocuments.readSummary(record)));
        summaries.sort(Comparator.comparing(DocumentSummary::docId));
        return List.copyOf(summaries);
    }

    /** What the committed collection holds for every document, by document id: what an update compares with. */
    Map<String, IndexedFile> indexedRecords() {
        Map<String, IndexedFile> records = new HashMap<>();
        forEachRecord(record -> {
            IndexedFile indexed = SolrPassageDocuments.readIndexedRecord(record);
            records.put(indexed.docId(), indexed);
        });
        return records;
    }

    /** Pages through every document record with a cursor, so a large corpus never comes in one response. */
    private void forEachRecord(Consumer<SolrDocument> action) {
        SolrQuery records = new SolrQuery(termQuery(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT));
        forEachMatch(connection, target, records, "reading the documents of " + target, action);
    }

    /**
     * Pages through every match of {@code query} in {@code target}, sorted by id, a thousand at a
     * time with a cursor, so a large corpus never comes in one response.
     */
    static void forEachMatch(
            SolrConnection connection, String target, SolrQuery query, String what, Consumer<SolrDocument> action) {
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        query.setRows(RECORD_PAGE);
        query.setSort(SolrPassageDocuments.ID, SolrQuery.ORDER.asc);
        while (true) {
            query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = connection.read(new QueryRequest(query), Optional.of(target), what);
            response.getResults().forEach(action);
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    private SolrDocumentList query(SolrQuery query, String what) {
        QueryResponse response = connection.read(new QueryRequest(query), Optional.of(target), what);
        return response.getResults();
    }

    /** A query matching one exact indexed term, whatever characters it holds: no query syntax to escape. */
    static String termQuery(String field, String value) {
        return "{!term f=" + field + "}" + value;
    }
}
