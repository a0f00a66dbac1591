package org.citebot.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citebot.questions.AnswerVotes.VotedAnswer;

/**
 * Turns members' votes on answers into labelled questions a ranking change can be measured
 * against: an answer page voted helpful on balance labels the passages it showed relevant to its
 * question, one voted not helpful labels them not relevant (unless another answer to the same
 * question found them helpful). Used by {@code citebot eval --feedback}.
 */
public final class FeedbackLabels {

    /**
     * One question with what the votes say about passages.
     *
     * @param helpful passages shown in answers voted helpful, best first
     * @param notHelpful passages shown only in answers voted not helpful
     * @param helpfulVotes all "Helpful" votes on the question's answers
     * @param notHelpfulVotes all "Not helpful" votes on them
     */
    public record LabelledFeedback(
            String question, List<String> helpful, List<String> notHelpful, int helpfulVotes, int notHelpfulVotes) {

        public LabelledFeedback {
            helpful = List.copyOf(helpful);
            notHelpful = List.copyOf(notHelpful);
        }
    }

    private FeedbackLabels() {}

    /** The questions, in the order they were first voted on. */
    public static List<LabelledFeedback> label(List<VotedAnswer> answers) {
        record Acc(Set<String> helpful, Set<String> notHelpful, int[] votes) {}
        Map<String, Acc> byQuestion = new LinkedHashMap<>();
        for (VotedAnswer answer : answers) {
            Acc acc = byQuestion.computeIfAbsent(
                    answer.question(), q -> new Acc(new LinkedHashSet<>(), new LinkedHashSet<>(), new int[2]));
            acc.votes()[0] += answer.helpful();
            acc.votes()[1] += answer.notHelpful();
            if (answer.helpful() > answer.notHelpful()) {
                acc.helpful().addAll(answer.passageIds());
            } else if (answer.notHelpful() > answer.helpful()) {
                acc.notHelpful().addAll(answer.passageIds());
            }
        }
        List<LabelledFeedback> labelled = new ArrayList<>();
        byQuestion.forEach((question, acc) -> {
            List<String> notHelpful = new ArrayList<>(acc.notHelpful());
            notHelpful.removeAll(acc.helpful());
            labelled.add(new LabelledFeedback(
                    question, List.copyOf(acc.helpful()), notHelpful, acc.votes()[0], acc.votes()[1]));
        });
        return labelled;
    }
}
