package org.citebot.reindex;

/**
 * The corpus generation shared by every process on one state database: a number the process that
 * ran a reindex moves on when the run changed its index. Every other process compares it with the
 * last one it applied and, when it moved, updates its own index from the same corpus. {@link
 * ReindexService} publishes and follows it; the state database implements it; {@link #NONE} serves a
 * process that shares its state with nobody.
 */
public interface CorpusGenerations {

    /** For a process alone: nothing to publish, nobody to follow. */
    CorpusGenerations NONE = new CorpusGenerations() {
        @Override
        public long current() {
            return 0;
        }

        @Override
        public long publish() {
            return 0;
        }
    };

    /** The generation published last; 0 before any. */
    long current();

    /** Moves the generation on after a reindex that changed the index; returns the new one. */
    long publish();
}
