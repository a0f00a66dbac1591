package org.citebot.digest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.CorpusReads;
import org.citebot.index.PassageIndex;
import org.citebot.passages.Audience;
import org.citebot.passages.ServedCorpusReads;
import org.citebot.passages.StoredPassage;

/**
 * The digest's view of the serving passages (read only), through a store's bounded {@link
 * ServedCorpusReads}: the embedded index's {@link CorpusReads}, or SolrCloud's. Content hashes, the
 * few documents a digest names, and a sample of passages for the passage of the day, never every
 * stored passage; each server's digest sees what its audience sees.
 */
public final class IndexDigestCorpus implements DigestCorpus {

    private final ServedCorpusReads reads;
    private final Function<String, Audience> audiences;
    private final Audience audience;

    /** @param index the serving index, asked for on every read so a reindex that swaps it is followed */
    public IndexDigestCorpus(Supplier<PassageIndex> index) {
        this(index, guild -> Audience.in(Optional.of(guild)));
    }

    /**
     * @param index the serving index, asked for on every read so a reindex that swaps it is followed
     * @param audiences who a server's digest is for: which articles added by URL it sees
     */
    public IndexDigestCorpus(Supplier<PassageIndex> index, Function<String, Audience> audiences) {
        this(new CorpusReads(index, new LongAdder()), audiences, Audience.EVERYTHING);
    }

    /** @param passagesRead counts every stored passage (or sampled document) read, for tests of the bound */
    IndexDigestCorpus(Supplier<PassageIndex> index, LongAdder passagesRead) {
        this(new CorpusReads(index, passagesRead), guild -> Audience.in(Optional.of(guild)), Audience.EVERYTHING);
    }

    /**
     * @param reads the serving passages' reads, of whichever store holds them
     * @param audiences who a server's digest is for: which articles added by URL it sees
     */
    public IndexDigestCorpus(ServedCorpusReads reads, Function<String, Audience> audiences) {
        this(reads, audiences, Audience.EVERYTHING);
    }

    private IndexDigestCorpus(ServedCorpusReads reads, Function<String, Audience> audiences, Audience audience) {
        this.reads = reads;
        this.audiences = audiences;
        this.audience = audience;
    }

    @Override
    public DigestCorpus forServer(String guild) {
        return new IndexDigestCorpus(reads, audiences, audiences.apply(guild));
    }

    @Override
    public Audience audience() {
        return audience;
    }

    @Override
    public Map<String, String> contentHashes() {
        return reads.contentHashes(audience);
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
        return reads.passageSample(seed, size, audience);
    }
}
