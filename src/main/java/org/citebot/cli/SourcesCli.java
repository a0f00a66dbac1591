package org.citebot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citebot.app.CurationSetup;
import org.citebot.app.SearchBackends;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ArticleMetadata;
import org.citebot.fetch.FetchSettings;
import org.citebot.fetch.SafeFetcher;
import org.citebot.index.IndexInUseException;
import org.citebot.passages.Audience;
import org.citebot.sources.AddedArticle;
import org.citebot.sources.SourceCuration;
import org.citebot.sources.SourcePreview;
import org.citebot.sources.SourcePreviewer;
import org.citebot.sources.SourceRecord;
import org.citebot.sources.SourceRefusedException;
import org.citebot.sources.StoredArticles;
import org.citebot.state.SqlAddedSources;
import org.citebot.state.StateStore;
import org.citebot.state.StateStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot sources add|remove|list}: curating the corpus from the command line. {@code add
 * URL} fetches the page safely, extracts the article, prints a preview and asks for confirmation
 * (unless {@code --yes}), then stores it (every server sees it) and indexes that document alone; a
 * URL that cannot be fetched safely or is not an article exits 2 with the reason. Beside a running
 * bot, which holds the index, the article is stored and the bot indexes it at its next reindex.
 */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        description = "Curate the corpus: add an article by its URL, remove one, list them.",
        subcommands = {SourcesCli.Add.class, SourcesCli.Remove.class, SourcesCli.ListAdded.class})
final class SourcesCli {

    @ParentCommand
    Main main;

    /** Characters of the body shown in the preview. */
    static final int PREVIEW_CHARS = 700;

    static final String COMMAND = "citebot sources";

    /** The fetcher's settings from the {@code sources.fetch.*} configuration keys. */
    static FetchSettings fetchSettings(CitebotConfig.Fetch fetch) {
        return CurationSetup.fetchSettings(fetch);
    }

    private static StateStore openState(CitebotConfig config, Clock clock) {
        return StateStore.open(
                config.state().url(), config.state().user(), config.state().password(), clock);
    }

    /**
     * Runs {@code action} with the index open for writing, or with none when another process (a
     * running bot) holds it; the curation stores either way, since the store is the source of truth.
     */
    private static <T> T withIndex(CitebotConfig config, Clock clock, StateStore state, IndexAction<T> action)
            throws IOException {
        SearchBackend engine;
        try {
            engine = SearchBackends.open(config, clock, COMMAND, Duration.ZERO, busy -> {});
        } catch (IndexInUseException busy) {
            return action.run(SourceCuration.IndexWriter.NONE, false);
        }
        try (engine) {
            engine.includeAdded(new StoredArticles(new SqlAddedSources(state)));
            if (engine.store().needsRebuild() || engine.store().metadata().documents() == 0) {
                // An index that must be built first is built from the corpus and the store together.
                if (!Files.isDirectory(config.corpus().dir())) {
                    return action.run(SourceCuration.IndexWriter.NONE, false);
                }
                engine.ensureBuilt();
            }
            return action.run(CurationSetup.writerFor(engine.store()), true);
        }
    }

    @FunctionalInterface
    private interface IndexAction<T> {
        T run(SourceCuration.IndexWriter writer, boolean holdsIndex) throws IOException;
    }

    /** {@code citebot sources add URL [--yes]}. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Fetch a web page or PDF, extract the article, preview it and add it to the corpus "
                    + "(seen in every server). Exit 0 when added or declined, 1 when it could not be stored, "
                    + "2 when refused (the reason goes to standard error).")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        SourcesCli sources;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "The article's http(s) URL.")
        String url;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() throws IOException {
            Main main = sources.main;
            CitebotConfig config = main.config();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Clock clock = Clock.systemUTC();
            SourcePreviewer previewer = new SourcePreviewer(
                    new SafeFetcher(fetchSettings(config.sources().fetch())), new ArticleExtractor());
            SourcePreview preview;
            try {
                preview = previewer.preview(url);
            } catch (SourceRefusedException e) {
                err.println("citebot: refused " + TerminalText.safe(url) + ": " + TerminalText.safe(e.getMessage()));
                return Main.EXIT_USAGE;
            }
            print(preview, out);
            if (!yes) {
                out.print("Add this article to the corpus? [y/N] ");
                out.flush();
                String answer =
                        new BufferedReader(new InputStreamReader(main.input(), StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                    out.println("Not added.");
                    out.flush();
                    return 0;
                }
            }
            try (StateStore state = openState(config, clock)) {
                SqlAddedSources store = new SqlAddedSources(state);
                return withIndex(config, clock, state, (writer, holdsIndex) -> {
                    SourceCuration curation = new SourceCuration(previewer, store, writer, clock);
                    SourceCuration.Outcome outcome;
                    try {
                        outcome = curation.add(preview, Optional.empty(), AddedArticle.COMMAND_LINE);
                    } catch (SourceRefusedException e) {
                        err.println("citebot: refused " + TerminalText.safe(url) + ": "
                                + TerminalText.safe(e.getMessage()));
                        return Main.EXIT_USAGE;
                    }
                    if (outcome instanceof SourceCuration.Outcome.AlreadyAdded already) {
                        out.println(
                                "Already in the corpus as " + already.existing().id() + "; nothing changed.");
                        return 0;
                    }
                    SourceCuration.Outcome.Added added = (SourceCuration.Outcome.Added) outcome;
                    out.println(
                            "Added " + added.article().id() + " (" + added.passages() + " passages)"
                                    + (added.indexed()
                                            ? "; searchable now."
                                            : holdsIndex
                                                    ? "; it is stored and the next reindex indexes it."
                                                    : "; it is stored, and the running citebot, which holds the index,"
                                                            + " indexes it at its next reindex (/reindex or the corpus watcher)."));
                    out.flush();
                    return 0;
                });
            } catch (StateStoreException e) {
                err.println("citebot: the article was not added: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
        }
    }

    /** {@code citebot sources remove ID}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove an article added by URL from the store and the index. Exit 2 when no such article.")
    static final class Remove implements Callable<Integer> {

        @ParentCommand
        SourcesCli sources;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The article's id (web-…), as citebot sources list shows it.")
        String id;

        @Override
        public Integer call() throws IOException {
            CitebotConfig config = sources.main.config();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Clock clock = Clock.systemUTC();
            try (StateStore state = openState(config, clock)) {
                SqlAddedSources store = new SqlAddedSources(state);
                return withIndex(config, clock, state, (writer, holdsIndex) -> {
                    SourceCuration curation = new SourceCuration(
                            new SourcePreviewer(new SafeFetcher(FetchSettings.defaults()), new ArticleExtractor()),
                            store,
                            writer,
                            clock);
                    Optional<SourceRecord> removed = curation.remove(id, Audience.EVERYTHING);
                    if (removed.isEmpty()) {
                        err.println("citebot: no added article has the id " + TerminalText.safe(id)
                                + "; see citebot sources list");
                        return Main.EXIT_USAGE;
                    }
                    out.println("Removed " + id + " ("
                            + TerminalText.safe(removed.get().title()) + ")"
                            + (holdsIndex
                                    ? "."
                                    : "; the running citebot drops it from its index at its next reindex."));
                    out.flush();
                    return 0;
                });
            }
        }
    }

    /** {@code citebot sources list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the articles added by URL: id, server, who added it and when, link status, title.")
    static final class ListAdded implements Callable<Integer> {

        @ParentCommand
        SourcesCli sources;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CitebotConfig config = sources.main.config();
            PrintWriter out = spec.commandLine().getOut();
            try (StateStore state = openState(config, Clock.systemUTC())) {
                java.util.List<SourceRecord> records = new SqlAddedSources(state).records();
                if (records.isEmpty()) {
                    out.println("No articles were added by URL.");
                }
                for (SourceRecord record : records) {
                    out.println(record.id() + "  " + record.server().orElse("every server") + "  added by "
                            + record.addedBy() + " " + record.addedAt() + "  "
                            + record.health().status().key()
                            + "  " + TerminalText.safe(record.title()) + "  "
                            + TerminalText.safe(record.url().toString()));
                }
                out.flush();
                return 0;
            }
        }
    }

    static void print(SourcePreview preview, PrintWriter out) {
        ArticleMetadata metadata = preview.metadata();
        out.println("Title:     " + TerminalText.safe(metadata.title().orElse("(none)")));
        out.println("Author:    " + TerminalText.safe(metadata.author().orElse("(none)")));
        out.println("Published: " + metadata.published().map(Object::toString).orElse("(none)"));
        out.println("Publisher: " + TerminalText.safe(metadata.publisher().orElse("(none)")));
        out.println("URL:       " + TerminalText.safe(preview.url().toString()));
        if (!preview.fetchedFrom().equals(preview.url())) {
            out.println("Found at:  " + TerminalText.safe(preview.fetchedFrom().toString()));
        }
        out.println("Language:  " + TerminalText.safe(metadata.language().orElse("(unknown)")));
        out.println("Format:    " + preview.format() + ", " + preview.words() + " words, "
                + preview.paragraphs().size() + " paragraphs");
        out.println();
        String body = String.join("\n\n", preview.paragraphs());
        out.println(TerminalText.safe(
                body.length() <= PREVIEW_CHARS
                        ? body
                        : body.substring(0, PREVIEW_CHARS).strip() + " …"));
        out.println();
        out.flush();
    }
}
