package org.citebot.digest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.passages.StoredPassage;

/**
 * A digest corpus over lists a test owns and may change between digests. Small by construction,
 * so every passage is the sample.
 */
public final class MemoryDigestCorpus implements DigestCorpus {

    private final List<CorpusDocument> documents;
    private final List<StoredPassage> passages;

    /** @param documents and {@code passages} are read live, so later changes show in later digests */
    public MemoryDigestCorpus(List<CorpusDocument> documents, List<StoredPassage> passages) {
        this.documents = documents;
        this.passages = passages;
    }

    /** No documents, no passages. */
    public static MemoryDigestCorpus empty() {
        return new MemoryDigestCorpus(List.of(), List.of());
    }

    @Override
    public Map<String, String> contentHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        documents.forEach(d -> hashes.put(d.docId(), d.contentHash()));
        return hashes;
    }

    @Override
    public Map<String, DocumentMetadata> metadata(Collection<String> docIds) {
        Map<String, DocumentMetadata> found = new LinkedHashMap<>();
        documents.stream().filter(d -> docIds.contains(d.docId())).forEach(d -> found.put(d.docId(), d.metadata()));
        return found;
    }

    @Override
    public String opening(String docId) {
        return documents.stream()
                .filter(d -> d.docId().equals(docId))
                .map(CorpusDocument::opening)
                .findFirst()
                .orElse("");
    }

    @Override
    public List<StoredPassage> passageSample(String seed, int size) {
        return List.copyOf(passages.subList(0, Math.min(size, passages.size())));
    }
}
