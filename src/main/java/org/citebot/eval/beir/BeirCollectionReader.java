package org.citebot.eval.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a BEIR collection folder in the layout Anserini's regressions use: {@code corpus.jsonl} (one
 * {@code {"_id", "title", "text"}} object a line), one {@code topics*.tsv} ({@code qid<TAB>text}) and
 * one {@code qrels*.txt} in TREC format.
 */
public final class BeirCollectionReader {

    static final String CORPUS = "corpus.jsonl";

    private final ObjectMapper json;

    public BeirCollectionReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads the collection in {@code dir}; its name is the folder's name.
     *
     * @throws CollectionFormatException when the folder or one of its files is missing or malformed
     */
    public TestCollection read(Path dir) throws CollectionFormatException {
        if (!Files.isDirectory(dir)) {
            throw new CollectionFormatException("BEIR collection folder not found: " + dir);
        }
        List<EvalDocument> documents = readCorpus(dir.resolve(CORPUS));
        List<Topic> topics = readTopics(onlyFile(dir, "topics*.tsv"));
        RelevanceJudgements judgements = RelevanceJudgements.read(onlyFile(dir, "qrels*.txt"));
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new TestCollection(
                name == null ? "beir" : name.toString(), documents, topics, judgements, AveragingMode.ALL_JUDGED);
    }

    List<EvalDocument> readCorpus(Path file) throws CollectionFormatException {
        if (!Files.isRegularFile(file)) {
            throw new CollectionFormatException("corpus not found: " + file);
        }
        List<EvalDocument> documents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                EvalDocument document = parseDocument(file, lineNumber, line);
                if (!ids.add(document.id())) {
                    throw new CollectionFormatException(file + ":" + lineNumber + ": duplicate _id " + document.id());
                }
                documents.add(document);
            }
        } catch (IOException e) {
            throw new CollectionFormatException("cannot read corpus " + file + ": " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new CollectionFormatException("no documents in " + file);
        }
        return documents;
    }

    private EvalDocument parseDocument(Path file, int lineNumber, String line) throws CollectionFormatException {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CollectionFormatException(
                    file + ":" + lineNumber + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CollectionFormatException(file + ":" + lineNumber + ": not a JSON object");
        }
        JsonNode id = node.get("_id");
        JsonNode text = node.get("text");
        if (id == null || !id.isValueNode() || id.asText().isBlank()) {
            throw new CollectionFormatException(file + ":" + lineNumber + ": missing \"_id\"");
        }
        if (text == null || !text.isTextual()) {
            throw new CollectionFormatException(file + ":" + lineNumber + ": missing \"text\"");
        }
        JsonNode title = node.get("title");
        return new EvalDocument(id.asText(), title != null && title.isTextual() ? title.asText() : "", text.asText());
    }

    static List<Topic> readTopics(Path file) throws CollectionFormatException {
        List<Topic> topics = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new CollectionFormatException(
                            file + ":" + lineNumber + ": a topic needs qid<TAB>text: " + line);
                }
                String id = line.substring(0, tab).strip();
                if (!ids.add(id)) {
                    throw new CollectionFormatException(file + ":" + lineNumber + ": duplicate topic " + id);
                }
                topics.add(new Topic(id, line.substring(tab + 1).strip()));
            }
        } catch (IOException e) {
            throw new CollectionFormatException("cannot read topics " + file + ": " + e.getMessage(), e);
        }
        if (topics.isEmpty()) {
            throw new CollectionFormatException("no topics in " + file);
        }
        return topics;
    }

    /** The one file in {@code dir} matching {@code glob}. */
    static Path onlyFile(Path dir, String glob) throws CollectionFormatException {
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    matches.add(file);
                }
            }
        } catch (IOException e) {
            throw new CollectionFormatException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (matches.size() != 1) {
            throw new CollectionFormatException(
                    "expected exactly one " + glob + " in " + dir + ", found " + matches.size());
        }
        return matches.get(0);
    }
}
