package org.citebot.corpus;

import java.util.concurrent.CancellationException;

/**
 * Lets the loops that read, clean and split one file stop soon after the file's time budget ran
 * out: the thread working on the file is interrupted, and every loop that can run long over a large
 * file calls {@link #check()}. Regular expressions cannot be interrupted, so the ones used on
 * whole lines are written to run in linear time instead.
 */
final class Cancellation {

    private Cancellation() {}

    /** @throws CancellationException when the current thread was interrupted; the flag stays set */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("stopped: the file's time budget ran out");
        }
    }
}
