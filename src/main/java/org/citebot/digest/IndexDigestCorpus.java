package org.citebot.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.citebot.index.DocumentSummary;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.index.PassageIndex;
import org.citebot.index.StoredPassage;

/**
 * The digest's view of the Lucene index (read only): document records with their content hashes,
 * and every stored passage. Read once per digest, which for a group's corpus is milliseconds.
 */
public final class IndexDigestCorpus implements DigestCorpus {

    private final Supplier<PassageIndex> index;

    /** @param index the serving index, asked for on every read so a reindex that swaps it is followed */
    public IndexDigestCorpus(Supplier<PassageIndex> index) {
        this.index = index;
    }

    @Override
    public Contents read() {
        PassageIndex index = this.index.get();
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return read(searcher);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index for the digest: " + e.getMessage(), e);
        }
    }

    private static Contents read(IndexSearcher searcher) throws IOException {
        StoredFields stored = searcher.storedFields();
        int max = Math.max(1, searcher.getIndexReader().maxDoc());
        List<StoredPassage> passages = new ArrayList<>();
        TopDocs passageHits = searcher.search(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), max);
        for (ScoreDoc hit : passageHits.scoreDocs) {
            passages.add(PassageDocuments.readPassage(stored.document(hit.doc)));
        }
        passages.sort(Comparator.comparing((StoredPassage p) -> p.passage().docId())
                .thenComparingInt(p -> p.passage().ordinal()));
        Map<String, String> openings = new HashMap<>();
        for (StoredPassage passage : passages) {
            openings.putIfAbsent(passage.passage().docId(), passage.passage().text());
        }
        List<CorpusDocument> documents = new ArrayList<>();
        TopDocs records = searcher.search(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_DOCUMENT)), max);
        for (ScoreDoc hit : records.scoreDocs) {
            Document record = stored.document(hit.doc);
            DocumentSummary summary = PassageDocuments.readSummary(record);
            String hash = record.get(IndexSchema.CONTENT_HASH);
            documents.add(new CorpusDocument(
                    summary.docId(),
                    summary.metadata(),
                    hash == null ? "" : hash,
                    openings.getOrDefault(summary.docId(), "")));
        }
        documents.sort(Comparator.comparing(CorpusDocument::docId));
        return new Contents(documents, passages);
    }
}
