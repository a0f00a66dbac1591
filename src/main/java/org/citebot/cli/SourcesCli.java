package org.citebot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citebot.config.CitebotConfig;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ArticleMetadata;
import org.citebot.fetch.FetchSettings;
import org.citebot.fetch.SafeFetcher;
import org.citebot.sources.SourcePreview;
import org.citebot.sources.SourcePreviewer;
import org.citebot.sources.SourceRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot sources}: curating the corpus from the command line. {@code sources add URL}
 * fetches the page safely, extracts the article, prints a preview and asks for confirmation (unless
 * {@code --yes}); a URL that cannot be fetched safely or is not an article exits 2 with the reason.
 */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        description = "Curate the corpus: add an article by its URL.",
        subcommands = {SourcesCli.Add.class})
final class SourcesCli {

    @ParentCommand
    Main main;

    /** Characters of the body shown in the preview. */
    static final int PREVIEW_CHARS = 700;

    /** The fetcher's settings from the {@code sources.fetch.*} configuration keys. */
    static FetchSettings fetchSettings(CitebotConfig.Fetch fetch) {
        return new FetchSettings(
                fetch.allowLoopback(),
                fetch.maxBytes(),
                fetch.connectTimeout(),
                fetch.timeout(),
                new HashSet<>(fetch.allowedPorts()),
                fetch.userAgent());
    }

    /** {@code citebot sources add URL [--yes]}. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Fetch a web page or PDF, extract the article and preview it. "
                    + "Exit 0 when previewed, 1 when it was confirmed but cannot be stored yet, "
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
            // Storing waits for the document store the reindex re-creates documents from (issue 14, next part).
            err.println("citebot: the article was not added: this build previews articles but cannot store them yet"
                    + " (the document store is the next part of issue 14)");
            return Main.EXIT_FAILURE;
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
