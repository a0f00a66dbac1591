package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.citebot.extract.ArticleCheck;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ArticleMetadata;
import org.citebot.extract.ExtractedArticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citebot extract}: runs the article extractor over local HTML files ({@code .html},
 * {@code .htm}, {@code .html.gz}, or folders of them) and prints each article, or with {@code
 * --json} exactly one JSON object keyed by file name. Needs no configuration and no network.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = "Extract the article (body, title, author, date, publisher, URL, language) from HTML files. "
                + "Exit 0 on success, 2 on a missing or unreadable file.")
final class ExtractCli implements Callable<Integer> {

    private static final List<String> SUFFIXES = List.of(".html.gz", ".html", ".htm");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE_OR_DIR", arity = "1..*", description = "HTML files, or folders of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--json",
            description = "Print one JSON object: file name (without .html, .htm or .html.gz) to "
                    + "{articleBody, title, author, published, publisher, url, language}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                err.println("citebot: no such file or folder: " + input);
                return Main.EXIT_USAGE;
            }
            for (Path file : htmlFiles(input)) {
                Path earlier = files.put(key(file), file);
                if (earlier != null && !earlier.equals(file)) {
                    err.println("citebot: two inputs have the name '" + key(file) + "': " + earlier + " and " + file);
                    return Main.EXIT_USAGE;
                }
            }
        }
        ArticleExtractor extractor = new ArticleExtractor();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            ExtractedArticle article;
            try {
                article = extractor.extract(read(entry.getValue()), Optional.empty(), "");
            } catch (IOException e) {
                err.println("citebot: cannot read " + entry.getValue() + ": " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            ArticleCheck.refusal(article, Optional.empty())
                    .ifPresent(reason ->
                            err.println("citebot: " + entry.getValue() + " does not look like an article: " + reason));
            if (json) {
                root.set(entry.getKey(), toJson(article, mapper));
            } else {
                printText(entry.getValue(), article, out);
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(root));
        }
        out.flush();
        return 0;
    }

    private static List<Path> htmlFiles(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> children = Files.list(input)) {
            return children.filter(Files::isRegularFile)
                    .filter(file ->
                            SUFFIXES.stream().anyMatch(suffix -> lowerName(file).endsWith(suffix)))
                    .sorted()
                    .toList();
        }
    }

    private static String lowerName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** The file's name without its HTML suffix. */
    static String key(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : SUFFIXES) {
            if (name.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static byte[] read(Path file) throws IOException {
        if (lowerName(file).endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(file);
    }

    private static ObjectNode toJson(ExtractedArticle article, ObjectMapper mapper) {
        ArticleMetadata metadata = article.metadata();
        ObjectNode node = mapper.createObjectNode();
        node.put("articleBody", article.body());
        node.put("title", metadata.title().orElse(null));
        node.put("author", metadata.author().orElse(null));
        node.put("published", metadata.published().map(Object::toString).orElse(null));
        node.put("publisher", metadata.publisher().orElse(null));
        node.put("url", metadata.url().map(Object::toString).orElse(null));
        node.put("language", metadata.language().orElse(null));
        return node;
    }

    private static void printText(Path file, ExtractedArticle article, PrintWriter out) {
        ArticleMetadata metadata = article.metadata();
        out.println("== " + file);
        out.println("title:     " + metadata.title().orElse("(none)"));
        out.println("author:    " + metadata.author().orElse("(none)"));
        out.println("published: " + metadata.published().map(Object::toString).orElse("(none)"));
        out.println("publisher: " + metadata.publisher().orElse("(none)"));
        out.println("url:       " + metadata.url().map(Object::toString).orElse("(none)"));
        out.println("language:  " + metadata.language().orElse("(none)"));
        out.println("words:     " + article.bodyWords());
        out.println();
        out.println(article.body());
        out.println();
    }
}
