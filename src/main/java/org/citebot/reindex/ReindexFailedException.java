package org.citebot.reindex;

/**
 * A reindex run failed; it has been rolled back, recorded and announced, and the previous index
 * keeps serving. {@link #summary()} carries the one-line reason shown to moderators; the cause is
 * the original failure.
 */
public final class ReindexFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ReindexSummary summary;

    ReindexFailedException(ReindexSummary summary, Throwable cause) {
        super("reindex failed: " + summary.error().orElse("unknown reason"), cause);
        this.summary = summary;
    }

    public ReindexSummary summary() {
        return summary;
    }
}
