package org.citebot.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A question about the seed corpus with its known answer: the document and a phrase that the
 * right passage contains. The set ships in the jar so tests and {@code citebot eval} score it alike.
 */
public record LabelledQuestion(String id, Kind kind, String question, String docId, String answerPhrase) {

    /** How far the question's words are from the text's. */
    public enum Kind {
        /** Uses some of the text's own words. */
        WORDING,
        /** Says it in other words, still within reach of word matching. */
        PARAPHRASE,
        /** Needs to know that different words are related (invade/invasion); reported, not required. */
        STRETCH,
        /** Shares no word stem with the passage that answers it: only meaning can find it. */
        SEMANTIC,
        /** About something the corpus does not cover; the right answer is "nothing answers this well". */
        OFFTOPIC
    }

    /** Whether the corpus holds an answer to this question. */
    public boolean answerable() {
        return kind != Kind.OFFTOPIC;
    }

    static final String SEED_QUESTIONS = "/eval/seed-questions.tsv";

    /** True when {@code passageText} of document {@code passageDocId} answers this question. */
    public boolean answeredBy(String passageDocId, String passageText) {
        return answerable() && docId.equals(passageDocId) && passageText.contains(answerPhrase);
    }

    /** The project's labelled questions about {@code seeds/}. */
    public static List<LabelledQuestion> seedQuestions() {
        try (InputStream in = LabelledQuestion.class.getResourceAsStream(SEED_QUESTIONS)) {
            if (in == null) {
                throw new IllegalStateException(SEED_QUESTIONS + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LabelledQuestion> parse(BufferedReader reader) throws IOException {
        List<LabelledQuestion> questions = new ArrayList<>();
        boolean header = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] cells = line.split("\t");
            if (cells.length != 5) {
                throw new IllegalStateException("labelled question needs 5 tab-separated cells: " + line);
            }
            Kind kind = Kind.valueOf(cells[1].toUpperCase(java.util.Locale.ROOT));
            questions.add(new LabelledQuestion(cells[0], kind, cells[2], cells[3], cells[4]));
        }
        return List.copyOf(questions);
    }
}
