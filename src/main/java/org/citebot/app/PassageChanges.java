package org.citebot.app;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.passages.PassageStore;
import org.citebot.sources.HonestLinks;

/**
 * What the bot keeps of the passages it serves (the catalog behind {@code /sources} and
 * autocomplete, the deep links' check, the warm answers of frequent questions) brought up to date
 * once per generation: after a change of this process's own (a reindex, an added article, the
 * start-up build), and when the generation changed under it without one, as on SolrCloud when
 * another process writes the collection every process shares ({@link #followServing()}, polled by
 * the composition root).
 */
final class PassageChanges {

    /** A generation that could not be read; the next look then differs. */
    private static final long UNREADABLE = Long.MIN_VALUE;

    private final PassageStore store;
    private final CorpusCatalog catalog;
    private final HonestLinks honestLinks;
    private final Runnable warmUp;
    /** The generation the catalog was last refreshed for. */
    private final AtomicLong refreshed;

    /**
     * @param warmUp re-runs each server's most frequent recent questions (nothing without a cache)
     */
    PassageChanges(PassageStore store, CorpusCatalog catalog, HonestLinks honestLinks, Runnable warmUp) {
        this.store = store;
        this.catalog = catalog;
        this.honestLinks = honestLinks;
        this.warmUp = warmUp;
        this.refreshed = new AtomicLong(serving());
    }

    /** Reads the catalog for what serves now, as the bot starts (nothing to warm up yet). */
    void started() {
        refreshed.set(serving());
        catalog.refresh();
    }

    /**
     * After the passages changed: refresh the catalog and the deep links' check, and warm the
     * frequent questions up in the new generation. Once per generation: the change's own caller and
     * {@link #followServing()} may both see it, and the second waits for the first's refresh, so a
     * caller always returns with the catalog current.
     */
    synchronized void changed() {
        long serving = serving();
        // Noted first: a change during the refresh then differs from it, and the next look refreshes again.
        if (refreshed.getAndSet(serving) == serving && serving != UNREADABLE) {
            return;
        }
        catalog.refresh();
        honestLinks.refresh();
        warmUp.run();
    }

    /** Refreshes as after a change when the generation serving is not the one last refreshed for. */
    void followServing() {
        long serving = serving();
        // Unreadable: the store is out of reach, which it logs itself; the next look tries again.
        if (serving != UNREADABLE && serving != refreshed.get()) {
            changed();
        }
    }

    private long serving() {
        try {
            return store.servingGeneration();
        } catch (IOException | RuntimeException e) {
            return UNREADABLE;
        }
    }
}
