package org.citebot.passages;

import java.util.List;

/**
 * What one passage store update did, for the log line and the moderator's reindex reply.
 *
 * @param added ids of documents that were not in the index before
 * @param replaced ids of documents whose passages were replaced because their content changed
 * @param unchanged ids of documents skipped because their content hash was unchanged
 * @param deleted ids of documents removed because they are no longer in the corpus
 * @param rebuilt true when the whole index was rewritten (schema or analysis changed)
 * @param metadata the metadata of the commit now serving (unchanged when nothing changed)
 * @param tookNanos wall time of the update
 */
public record UpdateReport(
        List<String> added,
        List<String> replaced,
        List<String> unchanged,
        List<String> deleted,
        boolean rebuilt,
        IndexMetadata metadata,
        long tookNanos) {

    public UpdateReport {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    /** True when the update wrote a new commit. */
    public boolean changed() {
        return rebuilt || !added.isEmpty() || !replaced.isEmpty() || !deleted.isEmpty();
    }

    /** What carrying out {@code plan} did, ending at {@code metadata}. */
    public static UpdateReport of(UpdatePlan plan, IndexMetadata metadata, long tookNanos) {
        return new UpdateReport(
                plan.added(), plan.replaced(), plan.unchanged(), plan.deleted(), plan.rebuild(), metadata, tookNanos);
    }

    /** The counts for a log line: {@code 2 added, 1 replaced, 7 unchanged, 0 deleted}. */
    public String counts() {
        return added.size() + " added, " + replaced.size() + " replaced, " + unchanged.size() + " unchanged, "
                + deleted.size() + " deleted";
    }
}
