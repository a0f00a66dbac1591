package org.citebot.eval;

import java.util.ArrayList;
import java.util.List;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * How well a search answers labelled questions: the share answered by the first hit, within the
 * first three, and the mean reciprocal rank of the first right passage (within the top 10).
 */
public record QuestionScore(int questions, double successAt1, double successAt3, double mrr, List<Miss> misses) {

    static final int DEPTH = 10;

    public QuestionScore {
        misses = List.copyOf(misses);
    }

    /** A question not answered within the top 3, with the rank it was answered at (0: not in top 10). */
    public record Miss(LabelledQuestion question, int rank) {}

    /** Runs every answerable question through {@code search} and scores the answers. */
    public static QuestionScore measure(PassageSearch search, List<LabelledQuestion> questions) {
        int at1 = 0;
        int at3 = 0;
        double reciprocal = 0;
        List<Miss> misses = new ArrayList<>();
        List<LabelledQuestion> answerable =
                questions.stream().filter(LabelledQuestion::answerable).toList();
        for (LabelledQuestion question : answerable) {
            SearchResults results = search.search(SearchRequest.of(question.question(), DEPTH));
            int rank = 0;
            for (SearchHit hit : results.hits()) {
                if (question.answeredBy(hit.passage().docId(), hit.passage().text())) {
                    rank = hit.rank();
                    break;
                }
            }
            if (rank == 1) {
                at1++;
            }
            if (rank >= 1 && rank <= 3) {
                at3++;
            } else {
                misses.add(new Miss(question, rank));
            }
            reciprocal += rank == 0 ? 0 : 1.0 / rank;
        }
        int n = Math.max(1, answerable.size());
        return new QuestionScore(answerable.size(), (double) at1 / n, (double) at3 / n, reciprocal / n, misses);
    }
}
