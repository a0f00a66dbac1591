package org.citebot.digest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.CorpusReads;
import org.citebot.index.PassageIndex;
import org.citebot.index.StoredPassage;

/**
 * The digest's view of the serving index (read only), through the index's bounded
 * {@link CorpusReads}: content hashes, the few documents a digest names, and a sample of passages
 * for the passage of the day, never every stored passage.
 */
public final class IndexDigestCorpus implements DigestCorpus {

    private final CorpusReads reads;

    /** @param index the serving index, asked for on every read so a reindex that swaps it is followed */
    public IndexDigestCorpus(Supplier<PassageIndex> index) {
        this(index, new LongAdder());
    }

    /** @param passagesRead counts every stored passage (or sampled document) read, for tests of the bound */
    IndexDigestCorpus(Supplier<PassageIndex> index, LongAdder passagesRead) {
        this.reads = new CorpusReads(index, passagesRead);
    }

    @Override
    public Map<String, String> contentHashes() {
        return reads.contentHashes();
    }

    @Override
    public Map<String, DocumentMetadata> metadata(Collection<String> docIds) {
        return reads.metadata(docIds);
    }

    @Override
    public String opening(String docId) {
        return reads.opening(docId);
    }

    @Override
    public List<StoredPassage> passageSample(String seed, int size) {
        return reads.passageSample(seed, size);
    }
}
