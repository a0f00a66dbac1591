package org.citebot.passages;

import java.util.List;

/**
 * What a passage store's update would do with a corpus, computed from the indexed content hashes
 * without writing anything: the basis of a moderator's {@code /reindex dry-run:true}. An update
 * computes the same plan first and then carries it out.
 *
 * @param added ids of documents the index does not hold yet
 * @param replaced ids of documents whose content, metadata or passages changed
 * @param unchanged ids of documents whose indexed hash is unchanged; they are not re-analysed
 * @param deleted ids of indexed documents that are no longer in the corpus
 * @param rebuild true when every document would be rewritten (forced, or schema or analysis changed)
 */
public record UpdatePlan(
        List<String> added, List<String> replaced, List<String> unchanged, List<String> deleted, boolean rebuild) {

    public UpdatePlan {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    /** True when carrying out the plan would write a new commit. */
    public boolean changesIndex() {
        return rebuild || !added.isEmpty() || !replaced.isEmpty() || !deleted.isEmpty();
    }
}
