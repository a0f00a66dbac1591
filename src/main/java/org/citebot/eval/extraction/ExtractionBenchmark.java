package org.citebot.eval.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.citebot.eval.beir.CollectionFormatException;

/**
 * The public article extraction benchmark, read in place: {@code ground-truth.json} (page id to the
 * expected {@code articleBody}), {@code html/<id>.html.gz} (the pages) and {@code output/*.json}
 * (other extractors' bodies for the same pages). Pages are kept in id order; the even positions in
 * that order are the development half citebot's extractor was tuned on, the odd ones the held-out
 * half.
 */
public final class ExtractionBenchmark {

    private final Path dir;
    private final Map<String, Page> pages;

    private ExtractionBenchmark(Path dir, Map<String, Page> pages) {
        this.dir = dir;
        this.pages = pages;
    }

    /** One page: its id, the URL it came from and the body a person marked as the article. */
    public record Page(String id, String url, String expectedBody, boolean heldOut) {}

    /**
     * Reads the ground truth of the benchmark folder {@code dir}.
     *
     * @throws CollectionFormatException when the folder or its ground truth is missing or malformed
     */
    public static ExtractionBenchmark read(Path dir, ObjectMapper json) throws CollectionFormatException {
        Path truthFile = dir.resolve("ground-truth.json");
        if (!Files.isDirectory(dir)) {
            throw new CollectionFormatException("article extraction benchmark folder not found: " + dir);
        }
        JsonNode truth = readJson(truthFile, json);
        if (!truth.isObject() || truth.isEmpty()) {
            throw new CollectionFormatException(truthFile + ": expected an object of page id to {articleBody, url}");
        }
        List<String> ids = new ArrayList<>();
        truth.fieldNames().forEachRemaining(ids::add);
        ids.sort(null);
        Map<String, Page> pages = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            JsonNode page = truth.get(id);
            if (!page.path("articleBody").isTextual()) {
                throw new CollectionFormatException(truthFile + ": page " + id + " has no articleBody text");
            }
            pages.put(
                    id,
                    new Page(
                            id,
                            page.path("url").asText(""),
                            page.get("articleBody").asText(),
                            i % 2 == 1));
        }
        return new ExtractionBenchmark(dir, pages);
    }

    /** The pages in id order. */
    public List<Page> pages() {
        return List.copyOf(pages.values());
    }

    /** The gzip-compressed HTML of {@code page}, decompressed. */
    public byte[] html(Page page) throws CollectionFormatException {
        Path file = dir.resolve("html").resolve(page.id() + ".html.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new CollectionFormatException("page missing from the benchmark: " + file);
        } catch (IOException e) {
            throw new CollectionFormatException(file + " is not a readable gzip file: " + e.getMessage(), e);
        }
    }

    /**
     * The other extractors' outputs in {@code output/}, by file name without {@code .json}, in name
     * order; each maps page id to extracted body. A file that does not cover every page is refused,
     * as the benchmark's own evaluator refuses it.
     */
    public List<ShippedOutput> shippedOutputs(ObjectMapper json) throws CollectionFormatException {
        Path outputDir = dir.resolve("output");
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(outputDir, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new CollectionFormatException("cannot list " + outputDir + ": " + e.getMessage(), e);
        }
        files.sort(null);
        List<ShippedOutput> outputs = new ArrayList<>();
        for (Path file : files) {
            JsonNode root = readJson(file, json);
            JsonNode bodies = root.has("output") && root.has("version") ? root.get("output") : root;
            String version = root.has("output") ? root.path("version").asText("") : "";
            Map<String, String> byPage = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : bodies.properties()) {
                byPage.put(entry.getKey(), entry.getValue().path("articleBody").asText(""));
            }
            if (!byPage.keySet().equals(pages.keySet())) {
                throw new CollectionFormatException(file + ": its page ids do not match the ground truth");
            }
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            outputs.add(new ShippedOutput(name, version, byPage));
        }
        return outputs;
    }

    /** Another extractor's bodies for the benchmark's pages, as shipped with it. */
    public record ShippedOutput(String name, String version, Map<String, String> bodies) {
        public ShippedOutput {
            bodies = Map.copyOf(bodies);
        }

        /** The body this extractor produced for {@code page}. */
        public String body(Page page) {
            return Optional.ofNullable(bodies.get(page.id())).orElse("");
        }
    }

    private static JsonNode readJson(Path file, ObjectMapper json) throws CollectionFormatException {
        try {
            return json.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CollectionFormatException("missing from the benchmark folder: " + file);
        } catch (IOException e) {
            throw new CollectionFormatException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
