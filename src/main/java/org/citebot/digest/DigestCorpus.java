package org.citebot.digest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.passages.Audience;
import org.citebot.passages.StoredPassage;

/**
 * What the digest reads from the corpus, each read bounded by what the digest shows rather than by
 * the corpus's size: content hashes (no text), the few documents it names, and a fixed-size sample
 * of passages for the passage of the day. A failure is an {@link java.io.UncheckedIOException}.
 */
public interface DigestCorpus {

    /**
     * One document as the digest shows it.
     *
     * @param contentHash changes whenever the document's content changes
     * @param opening the text of its first passage, for the lead
     */
    record CorpusDocument(String docId, DocumentMetadata metadata, String contentHash, String opening) {}

    /** Every document's content hash by id, as served now: what "New in the corpus" compares. */
    Map<String, String> contentHashes();

    /** The metadata of these documents; ids the corpus no longer has are left out. */
    Map<String, DocumentMetadata> metadata(Collection<String> docIds);

    /** The text of the document's first passage, or an empty string when it has none. */
    String opening(String docId);

    /**
     * Up to {@code size} passages to choose the passage of the day from: every passage when the
     * corpus has no more than {@code size}, otherwise a sample drawn with {@code seed}, the same for
     * the same seed and the same index.
     */
    List<StoredPassage> passageSample(String seed, int size);

    /**
     * This corpus as {@code guild}'s members see it: the corpus folder's documents and the articles
     * added in that server, never another server's. The same corpus unless documents belong to servers.
     */
    default DigestCorpus forServer(String guild) {
        return this;
    }

    /** Whose eyes this corpus is for, so the digest's searches see what it sees. */
    default Audience audience() {
        return Audience.EVERYTHING;
    }
}
