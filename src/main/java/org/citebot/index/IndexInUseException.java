package org.citebot.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Another process (the bot, the console, {@code citebot index}) holds the index folder's write
 * lock, so this one cannot write it. Carries the holder when it recorded itself, so the command
 * line can say who it is and what to do instead; a read-only open still works meanwhile.
 */
public final class IndexInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path indexDir;
    private final transient Optional<IndexOwner> owner;

    public IndexInUseException(Path indexDir, Optional<IndexOwner> owner, Throwable cause) {
        super(
                "the index at " + indexDir.toAbsolutePath() + " is in use by "
                        + owner.map(IndexOwner::describe).orElse("another process"),
                cause);
        this.indexDir = indexDir;
        this.owner = owner;
    }

    /** The folder whose lock is held. */
    public Path indexDir() {
        return indexDir;
    }

    /** The holder, when it recorded itself and still runs. */
    public Optional<IndexOwner> owner() {
        return owner;
    }
}
