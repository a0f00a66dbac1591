package org.citebot.eval.beir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * TREC relevance judgements (qrels): for each query, the judged documents and their relevance grade
 * ({@code 0} judged not relevant, higher is more relevant). Read from the four-column TREC format
 * {@code qid iteration docid grade}; the iteration column is ignored, as trec_eval does.
 */
public record RelevanceJudgements(Map<String, Map<String, Integer>> byQuery) {

    public RelevanceJudgements {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        byQuery.forEach((query, grades) -> copy.put(query, Map.copyOf(grades)));
        byQuery = Collections.unmodifiableMap(copy);
    }

    /** Ids of every judged query, in the order the file lists them. */
    public Set<String> queryIds() {
        return byQuery.keySet();
    }

    /** The judged documents of {@code queryId} with their grades; empty for an unjudged query. */
    public Map<String, Integer> grades(String queryId) {
        return byQuery.getOrDefault(queryId, Map.of());
    }

    /** How many documents are judged relevant (grade of at least 1) for {@code queryId}. */
    public int relevantCount(String queryId) {
        return (int)
                grades(queryId).values().stream().filter(grade -> grade > 0).count();
    }

    /** Total number of judgement lines. */
    public int size() {
        return byQuery.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Reads a TREC qrels file.
     *
     * @throws CollectionFormatException when the file is missing, a line has not four columns or a
     *     grade is not an integer, or a document is judged twice for one query
     */
    public static RelevanceJudgements read(Path file) throws CollectionFormatException {
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.strip().split("\\s+");
                if (cells.length != 4) {
                    throw new CollectionFormatException(
                            file + ":" + lineNumber + ": a judgement needs 4 columns (qid iter docid grade): " + line);
                }
                int grade;
                try {
                    grade = Integer.parseInt(cells[3]);
                } catch (NumberFormatException e) {
                    throw new CollectionFormatException(
                            file + ":" + lineNumber + ": grade is not an integer: " + cells[3], e);
                }
                Map<String, Integer> grades = byQuery.computeIfAbsent(cells[0], query -> new LinkedHashMap<>());
                if (grades.put(cells[2], grade) != null) {
                    throw new CollectionFormatException(
                            file + ":" + lineNumber + ": document " + cells[2] + " judged twice for query " + cells[0]);
                }
            }
        } catch (NoSuchFileException e) {
            throw new CollectionFormatException("relevance judgements not found: " + file, e);
        } catch (IOException e) {
            throw new CollectionFormatException("cannot read relevance judgements " + file + ": " + e.getMessage(), e);
        }
        if (byQuery.isEmpty()) {
            throw new CollectionFormatException("no relevance judgements in " + file);
        }
        return new RelevanceJudgements(byQuery);
    }
}
