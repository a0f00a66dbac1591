package org.citebot.reindex;

import java.time.Instant;
import java.util.Optional;

/**
 * The cluster-wide reindex lock: processes sharing the state database each hold an index of their
 * own, and only one of them at a time rebuilds from the corpus. A lock is a lease: its holder
 * renews it while the run lasts, and a holder that dies without releasing it loses it when the
 * lease runs out. {@link ReindexService} takes it around every run; the state database implements
 * it; {@link #LOCAL} serves a process that shares its state with nobody.
 */
public interface ReindexLock {

    /** For a process alone on its state database: its own one-at-a-time slot is the whole lock. */
    ReindexLock LOCAL = new ReindexLock() {
        @Override
        public boolean acquire(String holder, Instant until, Instant now) {
            return true;
        }

        @Override
        public boolean renew(String holder, Instant until) {
            return true;
        }

        @Override
        public void release(String holder) {}

        @Override
        public Optional<String> holder(Instant now) {
            return Optional.empty();
        }
    };

    /**
     * Takes the lock for {@code holder} until {@code until}, or extends it when {@code holder} has it
     * already (a process restarted under the same name); false while another holder's lease lasts.
     */
    boolean acquire(String holder, Instant until, Instant now);

    /** Extends {@code holder}'s lease; false when it was lost, having run out and been taken by another. */
    boolean renew(String holder, Instant until);

    /** Gives the lock up, if {@code holder} has it. */
    void release(String holder);

    /** Who holds a lease that has not run out at {@code now}. */
    Optional<String> holder(Instant now);
}
