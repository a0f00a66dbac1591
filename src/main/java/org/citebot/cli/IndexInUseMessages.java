package org.citebot.cli;

import org.citebot.index.IndexInUseException;
import org.citebot.index.IndexOwner;

/**
 * What the command line says when another citebot process holds the index: who it is, when it can
 * tell, and what to do instead. One place, so {@code run}, {@code index} and {@code search} word it
 * alike.
 */
final class IndexInUseMessages {

    private IndexInUseMessages() {}

    /** Said once when a command starts waiting for another process to finish building the index. */
    static String waiting(IndexInUseException busy) {
        return "citebot: waiting for " + holder(busy) + " to finish building the index at "
                + busy.indexDir().toAbsolutePath();
    }

    /** {@code citebot index} refused: reindex through the running citebot instead. */
    static String forIndex(IndexInUseException busy) {
        if (stillBuilding(busy)) {
            return "citebot: the index at " + busy.indexDir().toAbsolutePath() + " is being built by " + holder(busy)
                    + "; try again when it has finished";
        }
        return "citebot: citebot is running and holds the index at "
                + busy.indexDir().toAbsolutePath() + ": "
                + holder(busy) + "." + System.lineSeparator()
                + "citebot: reindex through it instead: /reindex in Discord or at its console"
                + " (corpus.watch: true does it by itself); or stop it, then run citebot index again";
    }

    /** {@code citebot run} refused: one bot or console per index folder. */
    static String forRun(IndexInUseException busy) {
        return "citebot: the index at " + busy.indexDir().toAbsolutePath() + " is in use by " + holder(busy)
                + "; one citebot bot or console serves an index folder at a time: stop that one,"
                + " or give this one its own index.dir and state.db";
    }

    /** {@code citebot search} found no index it could answer from. */
    static String forSearch(IndexInUseException busy) {
        return "citebot: no usable index yet at " + busy.indexDir().toAbsolutePath() + ": it is held by " + holder(busy)
                + ", which has not built it; try again once it has";
    }

    private static boolean stillBuilding(IndexInUseException busy) {
        return busy.owner().map(IndexOwner::building).orElse(false);
    }

    private static String holder(IndexInUseException busy) {
        return busy.owner().map(IndexOwner::describe).orElse("another citebot process (it has not said which)");
    }
}
