package org.citebot.reindex;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A reindex was asked for while another one runs; {@link #status()} says how far that one is. */
public final class ReindexAlreadyRunningException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ReindexStatus status;
    private final @Nullable String elsewhere;

    ReindexAlreadyRunningException(ReindexStatus status) {
        super("a reindex is already running: " + status.progress());
        this.status = status;
        this.elsewhere = null;
    }

    /** The run could not have its turn in the cluster: {@code why} is for whoever asked. */
    ReindexAlreadyRunningException(ReindexStatus refused, String why) {
        super(why);
        this.status = refused;
        this.elsewhere = why;
    }

    /** What to tell whoever asked, e.g. "A reindex is already running: reading 3/12 files, ...". */
    public String notice(Instant now) {
        if (elsewhere != null) {
            return Character.toUpperCase(elsewhere.charAt(0)) + elsewhere.substring(1) + ".";
        }
        return status.alreadyRunning(now);
    }

    public ReindexStatus status() {
        return status;
    }
}
