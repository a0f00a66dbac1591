package org.citebot.reindex;

/** A reindex was asked for while another one runs; {@link #status()} says how far that one is. */
public final class ReindexAlreadyRunningException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ReindexStatus status;

    ReindexAlreadyRunningException(ReindexStatus status) {
        super("a reindex is already running: " + status.progress());
        this.status = status;
    }

    public ReindexStatus status() {
        return status;
    }
}
