package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.citebot.app.SearchAccess;
import org.citebot.config.CitebotConfig;
import org.citebot.eval.FeedbackLabels;
import org.citebot.eval.FeedbackLabels.LabelledFeedback;
import org.citebot.index.IndexInUseException;
import org.citebot.search.QueryException;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.state.SqlAnswerVotes;
import org.citebot.state.StateStore;

/**
 * {@code citebot eval --feedback}: members' votes on answers as labelled questions, each run again
 * against the current index. success@k is the share of questions with passages voted helpful that
 * find one of them in the top k; unhelpful@k the share of questions with passages voted not helpful
 * whose top k still holds nothing but such passages. Compare both before and after a ranking change.
 */
final class FeedbackEval {

    private FeedbackEval() {}

    /** A question's labels and where the current ranking puts them. */
    private record Scored(LabelledFeedback labels, List<String> top, int firstHelpfulRank, boolean onlyUnhelpful) {}

    static int run(CitebotConfig config, int k, boolean json, ObjectMapper mapper, PrintWriter out, PrintWriter err)
            throws IOException {
        List<LabelledFeedback> labelled;
        Clock clock = Clock.systemUTC();
        try (StateStore state = StateStore.open(
                config.state().url(), config.state().user(), config.state().password(), clock)) {
            labelled = FeedbackLabels.label(new SqlAnswerVotes(state).votedAnswers());
        }
        List<Scored> scored = new ArrayList<>();
        try (SearchAccess access = SearchAccess.open(
                config, clock, Main.BUILD_WAIT, busy -> err.println(IndexInUseMessages.waiting(busy)))) {
            for (LabelledFeedback labels : labelled) {
                List<String> top;
                try {
                    top =
                            access
                                    .search()
                                    .search(new SearchRequest(labels.question(), SearchFilters.NONE, 0, k))
                                    .hits()
                                    .stream()
                                    .map(SearchHit::passage)
                                    .map(p -> p.id())
                                    .toList();
                } catch (QueryException e) {
                    top = List.of();
                }
                int firstHelpful = 0;
                for (int i = 0; i < top.size() && firstHelpful == 0; i++) {
                    if (labels.helpful().contains(top.get(i))) {
                        firstHelpful = i + 1;
                    }
                }
                Set<String> unhelpful = new HashSet<>(labels.notHelpful());
                boolean onlyUnhelpful = !top.isEmpty() && unhelpful.containsAll(top);
                scored.add(new Scored(labels, top, firstHelpful, onlyUnhelpful));
            }
        } catch (IndexInUseException e) {
            err.println(IndexInUseMessages.forSearch(e));
            return Main.EXIT_FAILURE;
        }
        long withHelpful =
                scored.stream().filter(s -> !s.labels().helpful().isEmpty()).count();
        long found = scored.stream().filter(s -> s.firstHelpfulRank() > 0).count();
        long withUnhelpful =
                scored.stream().filter(s -> !s.labels().notHelpful().isEmpty()).count();
        long stuck = scored.stream()
                .filter(s -> !s.labels().notHelpful().isEmpty() && s.onlyUnhelpful())
                .count();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("k", k);
            root.put("questions", scored.stream().map(FeedbackEval::toMap).toList());
            root.put("questionsWithHelpful", withHelpful);
            root.put("successAtK", withHelpful == 0 ? null : (double) found / withHelpful);
            root.put("questionsWithNotHelpful", withUnhelpful);
            root.put("unhelpfulAtK", withUnhelpful == 0 ? null : (double) stuck / withUnhelpful);
            out.println(mapper.writeValueAsString(root));
        } else if (scored.isEmpty()) {
            out.println("No votes on answers yet: nothing to evaluate.");
        } else {
            for (Scored s : scored) {
                out.println("“" + TerminalText.safe(s.labels().question()) + "”  votes +"
                        + s.labels().helpfulVotes()
                        + " −" + s.labels().notHelpfulVotes() + "  helpful "
                        + s.labels().helpful() + "  not helpful "
                        + s.labels().notHelpful() + "  now: "
                        + (s.firstHelpfulRank() > 0 ? "helpful at " + s.firstHelpfulRank() : "no helpful in top " + k)
                        + (s.onlyUnhelpful() ? ", only not-helpful passages" : ""));
            }
            out.println(String.format(
                    Locale.ROOT,
                    "success@%d: %s (%d of %d questions with helpful passages); unhelpful@%d: %s (%d of %d)",
                    k,
                    share(found, withHelpful),
                    found,
                    withHelpful,
                    k,
                    share(stuck, withUnhelpful),
                    stuck,
                    withUnhelpful));
        }
        out.flush();
        return 0;
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
    }

    private static Map<String, Object> toMap(Scored s) {
        Map<String, Object> question = new LinkedHashMap<>();
        question.put("question", s.labels().question());
        question.put("helpful", s.labels().helpful());
        question.put("notHelpful", s.labels().notHelpful());
        question.put("helpfulVotes", s.labels().helpfulVotes());
        question.put("notHelpfulVotes", s.labels().notHelpfulVotes());
        question.put("top", s.top());
        question.put("firstHelpfulRank", s.firstHelpfulRank() == 0 ? null : s.firstHelpfulRank());
        question.put("onlyNotHelpful", s.onlyUnhelpful());
        return question;
    }
}
