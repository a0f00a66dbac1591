package org.citebot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.citebot.app.SearchEngine;
import org.citebot.config.CitebotConfig;
import org.citebot.corpus.SkippedFile;
import org.citebot.index.CorpusIndexReport;
import org.citebot.index.UpdateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot index}: brings the index in line with the corpus and prints what it did. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build or update the search index from the corpus folder and report documents, passages and skipped files.")
final class IndexCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus folder (default: corpus.dir from the config).")
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
        try (SearchEngine engine = SearchEngine.open(config, Clock.systemUTC())) {
            CorpusIndexReport report = full || engine.index().needsRebuild()
                    ? engine.reindexFully()
                    : engine.reindex();
            print(report, config, out);
            return 0;
        } catch (NoSuchFileException e) {
            err.println("citebot: corpus folder not found: " + config.corpus().dir().toAbsolutePath());
            return Main.EXIT_USAGE;
        }
    }

    static void print(CorpusIndexReport report, CitebotConfig config, PrintWriter out) {
        UpdateReport update = report.update();
        out.printf("Indexed %s into %s in %d ms%n", config.corpus().dir(), config.index().dir(), report.tookMillis());
        out.printf("  documents: %d (%d added, %d changed, %d unchanged, %d removed)%n", report.documents(),
                update.added().size(), update.replaced().size(), update.unchanged().size(), update.deleted().size());
        out.printf("  passages:  %d%n", report.passages());
        out.printf("  skipped:   %d%n", report.skipped().size());
        for (SkippedFile skipped : report.skipped()) {
            out.printf("    %s: %s%n", skipped.path(), skipped.reason());
        }
        out.flush();
    }
}
