package org.citebot.passages;

import java.util.List;
import org.citebot.corpus.SkippedFile;

/**
 * The outcome of indexing a corpus directory: what the index holds now, what changed, and the
 * files that were skipped with their reasons. Printed by {@code citebot index} and by moderators'
 * reindex summaries.
 *
 * @param tookNanos wall time of reading, cleaning, splitting and indexing
 */
public record CorpusIndexReport(
        UpdateReport update, List<SkippedFile> skipped, int documents, int passages, long tookNanos) {

    public CorpusIndexReport {
        skipped = List.copyOf(skipped);
    }

    public long tookMillis() {
        return tookNanos / 1_000_000;
    }
}
