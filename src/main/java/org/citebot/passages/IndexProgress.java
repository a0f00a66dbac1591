package org.citebot.passages;

/**
 * Hears how far an index update has got, file by file, so a moderator's reindex can show
 * "reading 3/12 files" while it runs and a second request can be told how far the first is.
 * The passage store and the corpus indexer call it on the updating thread; implementations
 * must be cheap and safe to read from other threads.
 *
 * <p>An exception thrown by the listener aborts the update, which is then rolled back like any
 * other failed update: the previous commit keeps serving.
 */
@FunctionalInterface
public interface IndexProgress {

    /** Ignores progress. */
    IndexProgress NONE = (phase, done, total) -> {};

    /** The steps of an update, in the order they run. */
    enum Phase {
        /**
         * Reading the corpus files one by one, each cleaned, split and handed to the index writer
         * before the next (unchanged ones pass at once); counts files, including those skipped.
         */
        READING,
        /**
         * Embedding the passages of one new or changed document (within {@link #READING}, between two
         * files); counts that document's passages. Passages whose text was embedded before are read
         * from the embedding cache, so only new text costs model time.
         */
        EMBEDDING,
        /**
         * Writing a list of documents handed over whole (a passage store's update of a list);
         * counts documents.
         */
        WRITING,
        /** Removing deleted documents and committing, after the corpus was read: 0 of 1, then 1 of 1. */
        COMMITTING
    }

    /**
     * Called once with {@code done == 0} when a phase starts and after every item.
     *
     * @param done items of this phase finished so far
     * @param total items this phase has in all
     */
    void onProgress(Phase phase, int done, int total);
}
