package org.citebot.passages;

import java.io.IOException;

/**
 * A passage store a corpus run can stream into: it starts {@link CorpusUpdate}s, so the corpus
 * indexer's file walking, stamps and skipping run unchanged over the embedded index and SolrCloud.
 */
public interface CorpusUpdates {

    /**
     * Starts an update documents are streamed into, waiting for a running one of this process to end
     * unless {@code guard} is abandoned meanwhile; the caller must close it.
     *
     * @param forceRebuild rewrite every document, even when the store needs no rebuild
     * @throws java.util.concurrent.CancellationException when the guard is abandoned while it waits
     */
    CorpusUpdate startUpdate(boolean forceRebuild, CommitGuard guard) throws IOException;

    /** Starts a dry run against what serves: the same calls, nothing written, the answer in its plan. */
    CorpusUpdate startPreview() throws IOException;

    /** Facts about what serves now. */
    IndexMetadata metadata() throws IOException;
}
