package org.citebot.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigException;
import org.citebot.index.IndexInUseException;

/**
 * Opens the search backend {@code search.backend} names, for the bot and console ({@link Citebot})
 * and the command line's {@code index} and {@code sources}: the one place that knows which
 * implementations exist.
 */
public final class SearchBackends {

    private SearchBackends() {}

    /**
     * The configured backend, opened for writing: the embedded index in the index folder, waiting up
     * to {@code patience} for another process that is building it. The configuration refuses {@code
     * solr} until the bot can search SolrCloud.
     *
     * @param command what this process is, recorded in the index folder for other processes' messages
     * @param waiting hears once that opening waits for such a process
     * @throws IndexInUseException when another process holds the embedded index
     */
    public static SearchBackend open(
            CitebotConfig config, Clock clock, String command, Duration patience, Consumer<IndexInUseException> waiting)
            throws IOException {
        String chosen = config.search().backend();
        if (chosen.equals(CitebotConfig.Search.EMBEDDED)) {
            return SearchEngine.openWhenFree(config, clock, command, patience, waiting);
        }
        throw new ConfigException("Invalid value for config key 'search.backend': " + chosen
                + " cannot serve the bot in this version; use " + CitebotConfig.Search.EMBEDDED);
    }
}
