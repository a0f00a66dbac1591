package org.citebot.passages;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * Decides, once, whether an index update may still commit: the update asks right before its commit,
 * a watchdog may abandon the run before that. Whichever comes first wins, so a run that was declared
 * failed never writes a commit afterwards, and a run already committing is never declared failed.
 * An abandoned update also stops at the next document and rolls back.
 */
public final class CommitGuard {

    private enum State {
        RUNNING,
        COMMITTING,
        ABANDONED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);

    /** A guard nobody abandons, for updates without a watchdog. */
    public static CommitGuard none() {
        return new CommitGuard();
    }

    /**
     * Stops the run from ever committing.
     *
     * @return false when it is too late: the run has started its commit
     */
    public boolean abandon() {
        return state.compareAndSet(State.RUNNING, State.ABANDONED) || state.get() == State.ABANDONED;
    }

    /** True once {@link #abandon()} succeeded. */
    public boolean abandoned() {
        return state.get() == State.ABANDONED;
    }

    /**
     * Takes {@code lock}, a store's update lock, waiting for the update holding it to end unless this
     * guard is abandoned meanwhile: how a passage store starts an update under a watchdog.
     *
     * @param holder what holds the lock, for the message ("an earlier index update")
     * @throws CancellationException when abandoned, or the thread interrupted, while it waits
     */
    public void lock(Lock lock, String holder) {
        try {
            while (!lock.tryLock(1, TimeUnit.SECONDS)) {
                if (abandoned()) {
                    throw new CancellationException("stopped while waiting for " + holder + " to end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + holder + " to end");
        }
    }

    /** Called by a passage store's update right before it commits: true to go ahead, false once abandoned. */
    public boolean enterCommit() {
        return state.compareAndSet(State.RUNNING, State.COMMITTING);
    }
}
