package org.citebot.bench;

import java.util.List;
import org.citebot.passages.IndexedDocument;

/**
 * A generated corpus every engine of one benchmark size indexes: citebot documents with their
 * passages, and the totals the throughput figures divide by.
 *
 * @param documents the citebot documents, each with several passages
 * @param passages how many passages there are in all
 * @param textBytes UTF-8 bytes of all passage texts (the "MB" of MB/s)
 */
public record BenchCorpus(List<IndexedDocument> documents, int passages, long textBytes) {

    public BenchCorpus {
        documents = List.copyOf(documents);
    }
}
