package org.citebot.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigException;
import org.citebot.index.IndexInUseException;
import org.citebot.passages.CommitGuard;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.IndexProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the search backend {@code search.backend} names, for the bot and console ({@link Citebot})
 * and the command line's {@code index} and {@code sources}: the one place that knows which
 * implementations exist.
 */
public final class SearchBackends {

    private static final Logger LOG = LoggerFactory.getLogger(SearchBackends.class);

    private SearchBackends() {}

    /**
     * The configured backend, opened for writing: the embedded index in the index folder, waiting up
     * to {@code patience} for another process that is building it; or SolrCloud, which any number of
     * processes share and which is not contacted until it is used.
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
        if (chosen.equals(CitebotConfig.Search.SOLR)) {
            return SolrBackend.open(config, clock);
        }
        throw new ConfigException("Invalid value for config key 'search.backend': " + chosen);
    }

    /**
     * Builds {@code backend}'s passages from the corpus folder when its store is empty or was written
     * by an older schema, analysis or vector model, so a new install answers at once: what each
     * backend's {@link SearchBackend#ensureBuilt()} runs.
     *
     * @param where names the store for the log (the index folder, the Solr alias)
     * @return the report when it built, else empty
     * @throws java.nio.file.NoSuchFileException when it must build and the corpus folder does not exist
     */
    static Optional<CorpusIndexReport> buildWhenMissing(SearchBackend backend, Path corpusDir, String where)
            throws IOException {
        boolean rebuild = backend.store().needsRebuild();
        if (!rebuild && backend.store().metadata().documents() > 0) {
            return Optional.empty();
        }
        LOG.info(
                rebuild
                        ? "The passages in {} are from an older schema; rebuilding them from {}"
                        : "No passages in {} yet; building them from {}",
                where,
                corpusDir);
        // File times are real time, whatever clock the store was given.
        Instant started = Instant.now();
        CorpusIndexReport report = backend.corpus().index(corpusDir, rebuild, IndexProgress.NONE, CommitGuard.none());
        backend.recordCorpusScan(started);
        return Optional.of(report);
    }
}
