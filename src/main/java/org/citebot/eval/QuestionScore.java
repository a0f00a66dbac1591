package org.citebot.eval;

import java.util.ArrayList;
import java.util.List;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchMode;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * How well a search answers labelled questions: the share of answerable ones answered by the first
 * hit, within the first three, and the mean reciprocal rank of the first right passage (within the
 * top 10); and how honest it is about the rest: off-topic questions should be told that nothing
 * answers them well, answerable ones never.
 *
 * @param questions answerable questions asked
 * @param offTopic off-topic questions asked
 * @param offTopicHonest off-topic questions told that nothing in the corpus answers them well
 * @param falseAlarms answerable questions told that, wrongly
 * @param mode how the search ranked (the last question's; one service has one mode)
 */
public record QuestionScore(
        int questions,
        double successAt1,
        double successAt3,
        double mrr,
        List<Miss> misses,
        int offTopic,
        int offTopicHonest,
        int falseAlarms,
        SearchMode mode) {

    static final int DEPTH = 10;

    public QuestionScore {
        misses = List.copyOf(misses);
    }

    /** A question not answered within the top 3, with the rank it was answered at (0: not in top 10). */
    public record Miss(LabelledQuestion question, int rank) {}

    /** Runs every question through {@code search} and scores the answers. */
    public static QuestionScore measure(PassageSearch search, List<LabelledQuestion> questions) {
        int at1 = 0;
        int at3 = 0;
        int answerable = 0;
        int offTopic = 0;
        int honest = 0;
        int falseAlarms = 0;
        double reciprocal = 0;
        SearchMode mode = SearchMode.LEXICAL;
        List<Miss> misses = new ArrayList<>();
        for (LabelledQuestion question : questions) {
            SearchResults results = search.search(SearchRequest.of(question.question(), DEPTH));
            mode = results.mode();
            if (!question.answerable()) {
                offTopic++;
                honest += results.goodMatch() ? 0 : 1;
                continue;
            }
            answerable++;
            falseAlarms += results.goodMatch() ? 0 : 1;
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
        int n = Math.max(1, answerable);
        return new QuestionScore(
                answerable,
                (double) at1 / n,
                (double) at3 / n,
                reciprocal / n,
                misses,
                offTopic,
                honest,
                falseAlarms,
                mode);
    }
}
