package org.citebot.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.passages.Audience;
import org.citebot.passages.ServedCorpusReads;
import org.citebot.passages.StoredPassage;

/**
 * Reads of the corpus as the serving index holds it, each bounded by what the caller shows rather
 * than by the corpus's size, as {@link ServedCorpusReads} promises; the digest reads through it. Never loads
 * every stored passage: at 345,000 passages that took 340 MB and 2.2 s per {@code /digest preview}.
 * Hashes come from the document records' two stored fields, metadata and openings only for the
 * documents asked for, and a sample of passages of at most the size asked for.
 */
public final class CorpusReads implements ServedCorpusReads {

    private static final Set<String> HASH_FIELDS = Set.of(IndexSchema.DOC_ID, IndexSchema.CONTENT_HASH);
    private static final Query DOCUMENTS = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT));
    private static final Query PASSAGES = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE));
    /** Random probes per passage wanted in a sample; a probe may land on a document record or a deleted doc. */
    private static final int PROBES_PER_PASSAGE = 3;

    private final Supplier<PassageIndex> index;
    private final LongAdder passagesRead;

    /**
     * @param index the serving index, asked for on every read so a reindex that swaps it is followed
     * @param passagesRead counts every stored passage (or sampled document) read, for tests of the bound
     */
    public CorpusReads(Supplier<PassageIndex> index, LongAdder passagesRead) {
        this.index = index;
        this.passagesRead = passagesRead;
    }

    /** Every document's content hash by id, as served now. */
    public Map<String, String> contentHashes() {
        return contentHashes(Audience.EVERYTHING);
    }

    /** The content hash by id of every document {@code audience} sees, as served now. */
    @Override
    public Map<String, String> contentHashes(Audience audience) {
        Query documents = visible(DOCUMENTS, audience);
        return withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            // Sized by the documents, not maxDoc: a queue of one slot per passage was megabytes of sentinels.
            TopDocs records = searcher.search(documents, Math.max(1, searcher.count(documents)));
            Map<String, String> hashes = new LinkedHashMap<>();
            for (ScoreDoc hit : records.scoreDocs) {
                Document record = stored.document(hit.doc, HASH_FIELDS);
                String hash = record.get(IndexSchema.CONTENT_HASH);
                hashes.put(record.get(IndexSchema.DOC_ID), hash == null ? "" : hash);
            }
            return hashes;
        });
    }

    /** The metadata of these documents; ids the index no longer has are left out. */
    @Override
    public Map<String, DocumentMetadata> metadata(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            List<BytesRef> ids = docIds.stream().map(BytesRef::new).toList();
            Query records = new BooleanQuery.Builder()
                    .add(DOCUMENTS, Occur.FILTER)
                    .add(new TermInSetQuery(IndexSchema.DOC_ID, ids), Occur.FILTER)
                    .build();
            StoredFields stored = searcher.storedFields();
            Map<String, DocumentMetadata> found = new LinkedHashMap<>();
            for (ScoreDoc hit : searcher.search(records, ids.size()).scoreDocs) {
                var summary = PassageDocuments.readSummary(stored.document(hit.doc));
                found.put(summary.docId(), summary.metadata());
            }
            return found;
        });
    }

    /** The text of the document's first passage, or an empty string when it has none. */
    @Override
    public String opening(String docId) {
        return withSearcher(searcher -> {
            TopDocs first = searcher.search(new TermQuery(new Term(IndexSchema.PASSAGE_ID, docId + "#0")), 1);
            if (first.scoreDocs.length == 0) {
                return "";
            }
            passagesRead.increment();
            return PassageDocuments.readPassage(searcher.storedFields().document(first.scoreDocs[0].doc))
                    .passage()
                    .text();
        });
    }

    /**
     * Up to {@code size} passages: every passage when the index has no more than {@code size},
     * otherwise a sample drawn with {@code seed}, the same for the same seed and the same index.
     */
    public List<StoredPassage> passageSample(String seed, int size) {
        return passageSample(seed, size, Audience.EVERYTHING);
    }

    /**
     * Like {@link #passageSample(String, int)}, of the passages {@code audience} sees only. A probe
     * landing on a passage it does not see is spent, so a server whose corpus is mostly others'
     * additions may get a smaller sample, never another server's passage.
     */
    @Override
    public List<StoredPassage> passageSample(String seed, int size, Audience audience) {
        Query passages = visible(PASSAGES, audience);
        return withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            List<StoredPassage> sample = new ArrayList<>();
            if (searcher.count(passages) <= size) {
                for (ScoreDoc hit : searcher.search(passages, Math.max(1, size)).scoreDocs) {
                    passagesRead.increment();
                    sample.add(PassageDocuments.readPassage(stored.document(hit.doc)));
                }
                return sample;
            }
            // Probing random doc ids reads only what it keeps (and the odd document record), where
            // listing the passages first would cost a pass over all of them.
            int maxDoc = searcher.getIndexReader().maxDoc();
            Bits live = MultiBits.getLiveDocs(searcher.getIndexReader());
            SplittableRandom random = new SplittableRandom(seedOf(seed));
            Set<Integer> probed = new HashSet<>();
            for (int probe = 0; probe < size * PROBES_PER_PASSAGE && sample.size() < size; probe++) {
                int doc = random.nextInt(maxDoc);
                if (!probed.add(doc) || (live != null && !live.get(doc))) {
                    continue;
                }
                passagesRead.increment();
                Document found = stored.document(doc);
                if (found.get(IndexSchema.PASSAGE_ID) != null && visibleTo(found, audience)) {
                    sample.add(PassageDocuments.readPassage(found));
                }
            }
            return sample;
        });
    }

    private static Query visible(Query kind, Audience audience) {
        return AudienceFilter.of(audience)
                .<Query>map(filter -> new BooleanQuery.Builder()
                        .add(kind, Occur.FILTER)
                        .add(filter, Occur.FILTER)
                        .build())
                .orElse(kind);
    }

    /** Whether a stored passage belongs to a document {@code audience} sees: its owner is stored on it. */
    private static boolean visibleTo(Document passage, Audience audience) {
        String owner = passage.get(IndexSchema.OWNER);
        return audience.everything()
                || owner == null
                || audience.server().filter(owner::equals).isPresent();
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        PassageIndex serving = this.index.get();
        try {
            IndexSearcher searcher = serving.acquire();
            try {
                return work.apply(searcher);
            } finally {
                serving.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index: " + e.getMessage(), e);
        }
    }

    /**
     * The seed of a sample's random draws: the first 8 bytes of {@code seed}'s SHA-256, the same on
     * every machine; the Solr backend's sample draws with it too.
     */
    public static long seedOf(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
