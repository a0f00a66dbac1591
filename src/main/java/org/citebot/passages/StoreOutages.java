package org.citebot.passages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the passage store is in an outage, told by every request to it: the first failure of an
 * outage is logged at WARN with its reason, the first success after it at INFO with how long it
 * lasted, and nothing in between, so a store that is down for an hour under steady traffic writes two
 * lines, not one per search. Thread-safe; one per store connection ({@code solr.SolrConnection}).
 */
public final class StoreOutages {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOutages.class);

    private final String store;
    private final Clock clock;
    /** Guarded by this: when the current outage began, empty while the store answers. */
    private Optional<Instant> since = Optional.empty();

    private Optional<String> reason = Optional.empty();

    /** @param store names the store in the log lines ("SolrCloud at zk1:2181") */
    public StoreOutages(String store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A request to the store failed with {@code why}, one line; logged only when it starts an outage. */
    public void failed(String why) {
        synchronized (this) {
            reason = Optional.of(why);
            if (since.isPresent()) {
                return;
            }
            since = Optional.of(clock.instant());
        }
        LOG.warn("Search is unavailable: {} does not answer ({}); members are told to try again shortly", store, why);
    }

    /** A request to the store succeeded; logged only when it ends an outage. */
    public void answered() {
        Instant began;
        synchronized (this) {
            if (since.isEmpty()) {
                return;
            }
            began = since.get();
            since = Optional.empty();
            reason = Optional.empty();
        }
        LOG.info(
                "Search is available again: {} answers after {} s",
                store,
                Duration.between(began, clock.instant()).toSeconds());
    }

    /** The reason of the outage under way, the last failure's; empty while the store answers. */
    public synchronized Optional<String> current() {
        return since.isPresent() ? reason : Optional.empty();
    }
}
