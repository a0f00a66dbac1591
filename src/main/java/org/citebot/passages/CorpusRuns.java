package org.citebot.passages;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings a {@link PassageStore} in line with the corpus folder (and the articles added by URL): what
 * the reindex service runs for {@code /reindex}, the corpus watcher and {@code citebot index}, and
 * its dry run.
 */
public interface CorpusRuns {

    /**
     * Reads the corpus folder and updates the store from it, committing once unless {@code guard}
     * was abandoned first.
     *
     * @param fullRebuild rewrite every document, whatever the store held
     * @throws java.nio.file.NoSuchFileException when the corpus folder does not exist
     */
    CorpusIndexReport index(Path corpusDir, boolean fullRebuild, IndexProgress progress, CommitGuard guard)
            throws IOException;

    /** What {@link #index} would change, computed without writing; stops once {@code guard} is abandoned. */
    CorpusPreview preview(Path corpusDir, IndexProgress progress, CommitGuard guard) throws IOException;
}
