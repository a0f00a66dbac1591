package org.citebot.passages;

import java.util.List;
import org.citebot.corpus.SkippedFile;

/**
 * What indexing a corpus directory would change, computed without writing: the answer to a
 * moderator's {@code /reindex dry-run:true}.
 *
 * @param plan the documents that would be added, replaced, deleted or left unchanged
 * @param serving the commit that keeps serving (and would be replaced by a real run)
 * @param tookNanos wall time of reading, splitting and comparing
 */
public record CorpusPreview(
        UpdatePlan plan,
        List<SkippedFile> skipped,
        int documents,
        int passages,
        IndexMetadata serving,
        long tookNanos) {

    public CorpusPreview {
        skipped = List.copyOf(skipped);
    }
}
