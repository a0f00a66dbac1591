package org.citebot.passages;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.citebot.corpus.DocumentMetadata;

/**
 * Reads of the corpus as a passage store serves it, each bounded by what the caller shows rather
 * than by the corpus's size: content hashes, the few documents asked for, openings and a sample of
 * passages, for one audience. The embedded index's {@code CorpusReads} and SolrCloud's {@code
 * SolrCorpusReads} implement it; the daily digest reads through it. A failure is an unchecked
 * exception ({@link java.io.UncheckedIOException}, or {@link StoreUnavailableException} in an outage).
 */
public interface ServedCorpusReads {

    /** The content hash by id of every document {@code audience} sees, as served now. */
    Map<String, String> contentHashes(Audience audience);

    /** The metadata of these documents; ids no longer served are left out. */
    Map<String, DocumentMetadata> metadata(Collection<String> docIds);

    /** The text of the document's first passage, or an empty string when it has none. */
    String opening(String docId);

    /**
     * Up to {@code size} passages {@code audience} sees: all of them when there are no more, otherwise
     * a sample drawn with {@code seed}, the same for the same seed and the same passages.
     */
    List<StoredPassage> passageSample(String seed, int size, Audience audience);
}
