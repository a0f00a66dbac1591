package org.citebot.passages;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One corpus run's update of a passage store, fed one document at a time so memory holds one
 * document, not the corpus: {@link #put} hands over a document read from its file, {@link #keep}
 * passes over one whose file is unchanged, {@link #remove} deletes one, and {@link #commit} deletes
 * the corpus files nobody mentioned and makes the change visible at once. Articles added by URL are
 * deleted only by {@link #remove}. A preview takes the same calls, writes nothing and answers with
 * the {@link #plan()}. The corpus indexer feeds it, whichever store started it ({@link CorpusUpdates}).
 *
 * <p>What a run that ends without its commit leaves depends on the store, as each implementation
 * says: the embedded index rolls back; SolrCloud has no rollback (see {@code SolrCorpusUpdate}).
 */
public interface CorpusUpdate extends Closeable {

    /** True when every document is rewritten (asked for, or the schema or analysis changed). */
    boolean rebuild();

    /** What the store holds for {@code docId}; always empty in a rebuild, which reads every file. */
    Optional<IndexedFile> indexed(String docId);

    /**
     * Adds a document, replaces its stored version when anything indexed for it changed, or leaves
     * it when its indexed hash is unchanged.
     *
     * @param stamp the file's stamp, stored so the next run can pass over the file unread
     * @throws IllegalArgumentException when the id was already given in this update
     * @throws java.util.concurrent.CancellationException when the run was abandoned by its watchdog
     */
    void put(IndexedDocument document, Optional<FileStamp> stamp, IndexProgress progress) throws IOException;

    /**
     * Passes over a document whose file is unchanged: it stays as stored, without being read.
     *
     * @throws IllegalArgumentException when the store does not hold {@code docId}, in a rebuild, or
     *     when the id was already given in this update
     */
    void keep(String docId);

    /**
     * Deletes a stored document, such as an added article its store no longer holds.
     *
     * @throws IllegalArgumentException when the store does not hold {@code docId}, or the id was
     *     already given in this update
     */
    void remove(String docId);

    /** Whether {@code docId} was already put, kept or removed in this update. */
    boolean given(String docId);

    /** The stored articles added by URL, by id, as what serves holds them. */
    Map<String, IndexedFile> indexedAdded();

    /** Documents given so far. */
    int documents();

    /** Passages of the documents given so far, kept ones included. */
    int passages();

    /** What this update does (or, for a preview, would do) with the documents given so far. */
    UpdatePlan plan();

    /**
     * Deletes the stored documents that were not given and makes the change visible with a new
     * generation; changes nothing when nothing changed.
     *
     * @throws java.util.concurrent.CancellationException when the run was abandoned by its watchdog
     * @throws IllegalStateException for a preview, which never commits
     */
    UpdateReport commit() throws IOException;

    /** Ends the update; one that did not commit leaves what served before serving (see the store). */
    @Override
    void close();
}
