package org.citebot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.citebot.solr.SolrCollections;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.solr.SolrSettings;
import org.citebot.solr.SolrUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot solr}: preparing SolrCloud for citebot (issue 17). {@code solr setup} uploads the
 * configset and creates the collection behind the configured alias, which a bot with {@code
 * search.backend: solr} then builds from the corpus and searches. Solr or ZooKeeper out of reach
 * exits 2 with one line saying where and why.
 */
@Command(
        name = "solr",
        mixinStandardHelpOptions = true,
        description = "Prepare SolrCloud for citebot (search.backend: solr).",
        subcommands = {SolrCli.Setup.class})
final class SolrCli {

    @ParentCommand
    Main main;

    /** {@code citebot solr setup}. */
    @Command(
            name = "setup",
            mixinStandardHelpOptions = true,
            description = "Upload citebot's configset and create the collection (search.solr.shards x"
                    + " search.solr.replicas) behind the alias search.solr.collection. Running it again changes"
                    + " nothing. Exit 0 when set up, 2 when Solr is not configured or out of reach.")
    static final class Setup implements Callable<Integer> {

        @ParentCommand
        SolrCli solr;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SolrSettings settings = solr.main.config().search().solr();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!settings.configured()) {
                err.println("citebot: Solr is not configured: set search.solr.zkHosts (or search.solr.urls)");
                return Main.EXIT_USAGE;
            }
            try (SolrConnection connection = SolrConnection.open(settings)) {
                SolrCollections.SetupReport report = new SolrCollections(connection).setup(SolrConfigset.bundled());
                if (report.created()) {
                    out.println("Created Solr collection " + report.collection() + " (" + report.shards()
                            + " shards x " + report.replicas() + " replicas, configset " + report.configset()
                            + ") behind alias " + report.alias() + ".");
                } else {
                    out.println("Solr is already set up: alias " + report.alias() + " points at " + report.collection()
                            + "; configset " + report.configset() + " is uploaded.");
                }
                out.println("Set search.backend: solr to search it; the first citebot to start builds it from the"
                        + " corpus when it is empty.");
                return 0;
            } catch (SolrUnavailableException e) {
                // Exit 2, not 1: for set-up, Solr out of reach is most often the configured address.
                err.println(Main.unavailable(e));
                return Main.EXIT_USAGE;
            }
        }
    }
}
