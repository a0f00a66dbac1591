package org.citebot.solr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrDocument;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.CorpusReads;
import org.citebot.index.IndexSchema;
import org.citebot.passages.Audience;
import org.citebot.passages.ServedCorpusReads;
import org.citebot.passages.StoredPassage;

/**
 * Reads of the passages behind the alias that autocomplete and the daily digest need, the Solr
 * counterparts of the embedded index's {@code CorpusVocabulary} and {@code CorpusReads}: the section
 * headings every server sees, and the digest's {@link ServedCorpusReads} (content hashes, the few
 * documents a digest names, and a sample of passages). Each is bounded as the embedded one is: the hashes and the sample come from the
 * documents' records (one per document), never from every stored passage's text.
 */
public final class SolrCorpusReads implements ServedCorpusReads {

    /** Draws per passage wanted in a sample; a draw may repeat an earlier one. */
    private static final int DRAWS_PER_PASSAGE = 3;
    /** Between the ids of a terms query: the unit separator, which no file name or passage id holds. */
    private static final String SEPARATOR = "\u001f";

    private final SolrConnection connection;
    private final String alias;

    /** Reads through {@code connection} from the alias its settings name. */
    public SolrCorpusReads(SolrConnection connection) {
        this.connection = connection;
        this.alias = connection.settings().collection();
    }

    /**
     * The section headings of the passages no one server owns, once each ignoring case, sorted:
     * what every server's autocomplete offers, as the embedded index's vocabulary reads it.
     *
     * @throws SolrUnavailableException when Solr cannot answer
     */
    public List<String> sharedSections() {
        SolrQuery passages = new SolrQuery(SolrPassageStore.termQuery(IndexSchema.KIND, IndexSchema.KIND_PASSAGE));
        passages.addFilterQuery("-" + IndexSchema.OWNER + ":[* TO *]");
        passages.setFields(SolrPassageDocuments.ID, IndexSchema.SECTION);
        Set<String> sections = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        forEach(passages, "reading the section headings of " + alias, passage -> {
            Object section = passage.getFirstValue(IndexSchema.SECTION);
            if (section != null) {
                sections.add(section.toString());
            }
        });
        return new ArrayList<>(sections);
    }

    /** The content hash by id of every document {@code audience} sees, as served now. */
    @Override
    public Map<String, String> contentHashes(Audience audience) {
        SolrQuery records = records(audience);
        records.setFields(SolrPassageDocuments.ID, IndexSchema.DOC_ID, IndexSchema.CONTENT_HASH);
        Map<String, String> hashes = new LinkedHashMap<>();
        forEach(records, "reading the content hashes of " + alias, record -> {
            Object hash = record.getFirstValue(IndexSchema.CONTENT_HASH);
            hashes.put(String.valueOf(record.getFirstValue(IndexSchema.DOC_ID)), hash == null ? "" : hash.toString());
        });
        return hashes;
    }

    /** The metadata of these documents; ids the collection no longer has are left out. */
    @Override
    public Map<String, DocumentMetadata> metadata(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return Map.of();
        }
        Map<String, DocumentMetadata> found = new LinkedHashMap<>();
        for (SolrDocument record : byTerms(IndexSchema.DOC_ID, docIds, IndexSchema.KIND_DOCUMENT, "document records")) {
            var summary = SolrPassageDocuments.readSummary(record);
            found.put(summary.docId(), summary.metadata());
        }
        return found;
    }

    /** The text of the document's first passage, or an empty string when it has none. */
    @Override
    public String opening(String docId) {
        SolrQuery first = new SolrQuery(SolrPassageStore.termQuery(IndexSchema.PASSAGE_ID, docId + "#0"));
        first.setRows(1);
        List<SolrDocument> found = query(first, "reading the opening of " + docId + " from " + alias);
        return found.isEmpty()
                ? ""
                : SolrPassageDocuments.readPassage(found.get(0)).passage().text();
    }

    /**
     * Up to {@code size} passages {@code audience} sees: all of them when there are no more, otherwise
     * a sample drawn with {@code seed}. The draw picks passage numbers from the documents' records
     * (each record counts its passages), so it is the same for the same seed and the same documents
     * whichever replica answers, and reads at most {@code size} passages.
     */
    @Override
    public List<StoredPassage> passageSample(String seed, int size, Audience audience) {
        if (size <= 0) {
            return List.of();
        }
        SolrQuery records = records(audience);
        records.setFields(SolrPassageDocuments.ID, IndexSchema.DOC_ID, IndexSchema.PASSAGE_COUNT);
        List<String> docIds = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long[] total = {0};
        forEach(records, "reading the passage counts of " + alias, record -> {
            if (record.getFirstValue(IndexSchema.PASSAGE_COUNT) instanceof Number count && count.intValue() > 0) {
                total[0] += count.intValue();
                docIds.add(String.valueOf(record.getFirstValue(IndexSchema.DOC_ID)));
                ends.add(total[0]);
            }
        });
        Set<String> ids = new LinkedHashSet<>();
        if (total[0] <= size) {
            for (int i = 0; i < docIds.size(); i++) {
                long count = ends.get(i) - (i == 0 ? 0 : ends.get(i - 1));
                for (long ordinal = 0; ordinal < count; ordinal++) {
                    ids.add(docIds.get(i) + "#" + ordinal);
                }
            }
        } else {
            SplittableRandom random = new SplittableRandom(CorpusReads.seedOf(seed));
            for (int draw = 0; draw < size * DRAWS_PER_PASSAGE && ids.size() < size; draw++) {
                long at = random.nextLong(total[0]);
                int document = firstAbove(ends, at);
                long ordinal = at - (document == 0 ? 0 : ends.get(document - 1));
                ids.add(docIds.get(document) + "#" + ordinal);
            }
        }
        return passages(ids);
    }

    /** The passages with these ids, in the order given; ids no longer there are left out. */
    private List<StoredPassage> passages(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredPassage> byId = new LinkedHashMap<>();
        for (SolrDocument found : byTerms(IndexSchema.PASSAGE_ID, ids, IndexSchema.KIND_PASSAGE, "passages")) {
            StoredPassage passage = SolrPassageDocuments.readPassage(found);
            byId.put(passage.passage().id(), passage);
        }
        List<StoredPassage> ordered = new ArrayList<>(byId.size());
        for (String id : ids) {
            Optional.ofNullable(byId.get(id)).ifPresent(ordered::add);
        }
        return ordered;
    }

    /** The index of the first cumulative count above {@code at}. */
    private static int firstAbove(List<Long> ends, long at) {
        int low = 0;
        int high = ends.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends.get(middle) > at) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** The document records {@code audience} sees. */
    private static SolrQuery records(Audience audience) {
        SolrQuery records = new SolrQuery(SolrPassageStore.termQuery(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT));
        SolrSearchQueries.audience(records, audience).ifPresent(records::addFilterQuery);
        return records;
    }

    /**
     * The documents of {@code kind} whose {@code field} is one of {@code values} exactly. The values
     * travel in a parameter of their own, split at a control character no id holds (ids are file
     * names and {@code #}), so no id is ever read as query syntax.
     */
    private List<SolrDocument> byTerms(String field, Collection<String> values, String kind, String what) {
        SolrQuery query = new SolrQuery("{!terms f=" + field + " separator=$separator v=$values}");
        query.set("separator", SEPARATOR);
        query.set("values", String.join(SEPARATOR, values));
        query.addFilterQuery(SolrPassageStore.termQuery(IndexSchema.KIND, kind));
        query.setRows(values.size());
        return query(query, "reading " + values.size() + " " + what + " of " + alias);
    }

    private void forEach(SolrQuery query, String what, Consumer<SolrDocument> action) {
        SolrPassageStore.forEachMatch(connection, alias, query, what, action);
    }

    private List<SolrDocument> query(SolrQuery query, String what) {
        return connection
                .read(new QueryRequest(query), Optional.of(alias), what)
                .getResults();
    }
}
