package org.citebot.index;

/**
 * Hears how far an index update has got, document by document, so a moderator's reindex can show
 * "writing 3/12 documents" while it runs and a second request can be told how far the first is.
 * {@link CorpusIndexer} and {@link PassageIndex} call it on the updating thread; implementations
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
        /** Reading and cleaning the corpus files; counts files, including those skipped. */
        READING,
        /** Splitting the documents read into passages; counts documents. */
        SPLITTING,
        /** Writing changed documents to the index (unchanged ones pass at once); counts documents. */
        WRITING
    }

    /**
     * Called once with {@code done == 0} when a phase starts and after every item.
     *
     * @param done items of this phase finished so far
     * @param total items this phase has in all
     */
    void onProgress(Phase phase, int done, int total);
}
