package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.citebot.app.SearchAccess;
import org.citebot.command.SearchReplies;
import org.citebot.config.CitebotConfig;
import org.citebot.console.TextRenderer;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.IndexInUseException;
import org.citebot.reply.Reply;
import org.citebot.search.HighlightSpan;
import org.citebot.search.QueryException;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.Snippet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot search}: one search from the command line, as text or as exactly one JSON object
 * for scripts. Reads the index read-only, so it runs beside the bot, the console and other
 * searches; builds the index first when there is none (see {@link SearchAccess}).
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Search the corpus; runs beside a running citebot. Exit 0 on success, 1 when there is no"
                + " usable index yet, 2 on bad input (the reason goes to standard error).")
final class SearchCliCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "How many passages (1-50; default: search.results from the config).")
    Integer limit;

    @Option(
            names = "--source",
            paramLabel = "S",
            description = "Only passages from this publisher or document (id or title).")
    String source;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The question: words, \"a phrase\", -excluded.")
    List<String> query;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CitebotConfig config = main.config();
        int size = limit == null ? config.search().results() : limit;
        if (size < 1 || size > SearchRequest.MAX_LIMIT) {
            err.println("citebot: --limit must be between 1 and " + SearchRequest.MAX_LIMIT + ", got " + size);
            return Main.EXIT_USAGE;
        }
        String text = String.join(" ", query);
        SearchFilters filters =
                source == null || source.isBlank() ? SearchFilters.NONE : SearchFilters.ofSource(source);
        try (SearchAccess access = SearchAccess.open(
                config, Clock.systemUTC(), Main.BUILD_WAIT, busy -> err.println(IndexInUseMessages.waiting(busy)))) {
            for (String note : access.notes()) {
                err.println("citebot: note: " + note);
            }
            SearchResults results = access.search().search(new SearchRequest(text, filters, 0, size));
            if (json) {
                out.println(toJson(text, results));
            } else {
                Reply reply = SearchReplies.answer(results, text, "cli", 0, size, false)
                        .withActions(List.of());
                out.print(new TextRenderer(System.console() != null).render(reply));
            }
            out.flush();
            return 0;
        } catch (QueryException e) {
            err.println("citebot: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IndexInUseException e) {
            err.println(IndexInUseMessages.forSearch(e));
            return Main.EXIT_FAILURE;
        } catch (NoSuchFileException e) {
            err.println(
                    "citebot: corpus folder not found: " + config.corpus().dir().toAbsolutePath());
            return Main.EXIT_USAGE;
        }
    }

    static String toJson(String query, SearchResults results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("query", query);
        root.put("total", results.totalHits());
        root.put("totalIsLowerBound", results.totalIsLowerBound());
        root.put("mode", results.mode().label());
        root.put("goodMatch", results.goodMatch());
        root.put("tookMs", Math.round(results.tookNanos() / 10_000.0) / 100.0);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit hit : results.hits()) {
            DocumentMetadata doc = hit.document();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", hit.rank());
            row.put("docId", hit.passage().docId());
            row.put("title", doc.title());
            row.put("author", doc.author().orElse(null));
            row.put("publisher", doc.publisher().orElse(null));
            row.put("published", doc.published().map(Object::toString).orElse(null));
            row.put("section", hit.passage().section().orElse(null));
            row.put("paragraph", hit.passage().paragraph());
            row.put("passage", hit.passage().text());
            row.put("snippet", markdownBold(hit.snippet()));
            row.put("url", doc.url().map(Object::toString).orElse(null));
            row.put("link", hit.link().map(Object::toString).orElse(null));
            row.put("score", hit.score());
            hits.add(row);
        }
        root.put("results", hits);
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    /** The snippet with each match wrapped in {@code **}, and ellipses where it was cut. */
    static String markdownBold(Snippet snippet) {
        StringBuilder out = new StringBuilder();
        if (snippet.cutStart()) {
            out.append('…');
        }
        int at = 0;
        for (HighlightSpan span : snippet.highlights()) {
            out.append(snippet.text(), at, span.start())
                    .append("**")
                    .append(snippet.text(), span.start(), span.end())
                    .append("**");
            at = span.end();
        }
        out.append(snippet.text().substring(at));
        if (snippet.cutEnd()) {
            out.append('…');
        }
        return out.toString();
    }
}
