package org.citebot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citebot.app.Citebot;
import org.citebot.app.SearchBackends;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.corpus.ManifestException;
import org.citebot.corpus.SkippedFile;
import org.citebot.index.IndexInUseException;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reindex.ReindexAlreadyRunningException;
import org.citebot.reindex.ReindexFailedException;
import org.citebot.reindex.ReindexRequest;
import org.citebot.reindex.ReindexService;
import org.citebot.reindex.ReindexSummary;
import org.citebot.sources.StoredArticles;
import org.citebot.state.SqlAddedSources;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot index}: brings the index in line with the corpus and prints what it did. Needs the
 * index for writing: while a bot or console holds it, it says so and how to reindex through them.
 */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = "Build or update the search index from the corpus folder and report documents, passages and"
                + " skipped files. Exit 2 when the corpus folder is missing, a running citebot holds the index"
                + " (then reindex through it: /reindex) or another process on the shared state database is"
                + " reindexing.")
final class IndexCommand implements Callable<Integer> {

    static final String COMMAND = "citebot index";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Corpus folder (default: corpus.dir from the config).")
    Path corpus;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: index.dir from the config).")
    Path index;

    @Option(names = "--full", description = "Re-analyse every document, even unchanged ones.")
    boolean full;

    @Override
    public Integer call() throws IOException {
        CitebotConfig config = main.config();
        if (corpus != null) {
            config = config.withCorpusDir(corpus);
        }
        if (index != null) {
            config = config.withIndexDir(index);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        if (!Files.isDirectory(config.corpus().dir())) {
            // Said before anything is opened: no empty index, no failed run in the log, no stack trace.
            err.println(
                    "citebot: corpus folder not found: " + config.corpus().dir().toAbsolutePath());
            return Main.EXIT_USAGE;
        }
        // The index first: while a bot or console holds it, the state database is left alone (its
        // run log belongs to the running citebot, whose reindex this would otherwise mark as cut short).
        try (SearchBackend engine = SearchBackends.open(
                        config,
                        clock,
                        COMMAND,
                        Main.BUILD_WAIT,
                        busy -> err.println(IndexInUseMessages.waiting(busy)));
                StateStore state = StateStore.open(
                        config.state().url(),
                        config.state().user(),
                        config.state().password(),
                        clock)) {
            // Articles added by URL are re-created from their store, so --full keeps them.
            engine.includeAdded(new StoredArticles(new SqlAddedSources(state)));
            // The same service as /reindex, so the run is recorded like the bot's runs, and the same
            // cluster-wide lease: no other process reindexes meanwhile, and a run that changed the
            // index publishes the corpus generation every running process then follows.
            String name = Citebot.commandLineName(COMMAND);
            ReindexService service = new ReindexService(
                    engine.corpus(),
                    engine.store(),
                    config.corpus().dir(),
                    new SqlReindexRuns(state, name),
                    ModeratorLog.NONE,
                    summary -> {},
                    config.index().reindexTimeout(),
                    Citebot.reindexCluster(state, name),
                    clock);
            service.failInterruptedRuns();
            ReindexRequest request = ReindexRequest.cli(full || engine.store().needsRebuild());
            IndexProgress progress =
                    System.console() != null ? new TerminalProgress(service, err, clock) : IndexProgress.NONE;
            ReindexSummary summary = service.reindex(request, progress);
            engine.recordCorpusScan(summary.startedAt());
            print(summary, config, out);
            return 0;
        } catch (IndexInUseException e) {
            err.println(IndexInUseMessages.forIndex(e));
            return Main.EXIT_USAGE;
        } catch (ReindexFailedException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                err.println("citebot: corpus folder not found: "
                        + config.corpus().dir().toAbsolutePath());
                return Main.EXIT_USAGE;
            }
            if (e.getCause() instanceof ManifestException manifest) {
                err.println("citebot: " + manifest.getMessage());
                return Main.EXIT_USAGE;
            }
            Optional<StoreUnavailableException> outage = StoreUnavailableException.in(e);
            if (outage.isPresent()) {
                err.println(Main.unavailable(outage.get()));
                return Main.EXIT_FAILURE;
            }
            err.println("citebot: " + e.summary().error().orElse("the reindex failed"));
            return Main.EXIT_FAILURE;
        } catch (ReindexAlreadyRunningException e) {
            // Refused rather than waited for: the other run may take minutes, and its result does
            // not reach this index folder, which only a run of its own updates.
            err.println("citebot: " + e.notice(clock.instant()) + " Run " + COMMAND
                    + " again when it has finished to update " + config.index().dir() + ".");
            return Main.EXIT_USAGE;
        }
    }

    static void print(ReindexSummary summary, CitebotConfig config, PrintWriter out) {
        out.printf(
                "Indexed %s into %s in %d ms%n",
                config.corpus().dir(), destination(config), summary.took().toMillis());
        out.printf(
                "  documents: %d (%d added, %d changed, %d unchanged, %d removed)%n",
                summary.documents(),
                summary.added().size(),
                summary.changed().size(),
                summary.unchanged().size(),
                summary.removed().size());
        out.printf("  passages:  %d%n", summary.passages());
        out.printf("  skipped:   %d%n", summary.skipped().size());
        for (SkippedFile skipped : summary.skipped()) {
            out.printf("    %s: %s%n", skipped.path(), skipped.reason());
        }
        out.flush();
    }

    /** Where the passages went: the index folder, or the Solr alias and where Solr is (never its credentials). */
    static String destination(CitebotConfig config) {
        if (config.search().backend().equals(CitebotConfig.Search.SOLR)) {
            return "Solr alias " + config.search().solr().collection() + " ("
                    + config.search().solr().where() + ")";
        }
        return config.index().dir().toString();
    }

    /** Progress lines on standard error for a person watching a terminal, at most one a second. */
    private static final class TerminalProgress implements IndexProgress {

        private final ReindexService service;
        private final PrintWriter err;
        private final Clock clock;
        private Instant lastLine = Instant.EPOCH;
        private @Nullable Phase lastPhase;

        TerminalProgress(ReindexService service, PrintWriter err, Clock clock) {
            this.service = service;
            this.err = err;
            this.clock = clock;
        }

        @Override
        public void onProgress(Phase phase, int done, int total) {
            Instant now = clock.instant();
            boolean last = done == total;
            if (phase == lastPhase && !last && Duration.between(lastLine, now).compareTo(Duration.ofSeconds(1)) < 0) {
                return;
            }
            lastPhase = phase;
            lastLine = now;
            service.running().ifPresent(status -> err.println("  " + status.progress()));
        }
    }
}
