package org.citebot.questions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Members' "Helpful" and "Not helpful" votes on search answers, kept beside the query log: each
 * vote with the question, the passages the answer showed and the server, never who voted. A member
 * votes once per answer (a second press changes the vote), told apart by a key the caller derives
 * from the member and a secret that never leaves its memory. Feeds the digest's gaps, {@code
 * /status} and {@code citebot eval --feedback}. Implemented by {@code state.SqlAnswerVotes}.
 */
public interface AnswerVotes {

    /** What a press did. */
    enum Outcome {
        /** A first vote on this answer. */
        RECORDED,
        /** The member's earlier vote on this answer was turned round. */
        CHANGED,
        /** The member had voted the same already. */
        UNCHANGED
    }

    /**
     * One vote.
     *
     * @param answerId the answer page voted on (its session token and page)
     * @param voterKey a keyed hash of the member for this answer, not reversible without the caller's secret
     * @param guild the server; empty for a direct message
     * @param question the normalised question
     * @param passageIds the passages the page showed, best first
     * @param publicAnswer whether the answer was posted in the server's channel; only such votes
     *     name their question to moderators, as the query log's shared questions do
     */
    record Vote(
            String answerId,
            String voterKey,
            Optional<String> guild,
            String question,
            List<String> passageIds,
            boolean helpful,
            boolean publicAnswer,
            Instant votedAt) {

        public Vote {
            passageIds = List.copyOf(passageIds);
        }
    }

    /** Helpful and not-helpful votes counted over a period. */
    record Tally(int helpful, int notHelpful) {

        /** Helpful votes as a share of all votes; empty without votes. */
        public Optional<Double> helpfulShare() {
            int all = helpful + notHelpful;
            return all == 0 ? Optional.empty() : Optional.of((double) helpful / all);
        }
    }

    /**
     * One answer as a labelled example: the question, the passages it showed, and how members voted.
     *
     * @param passageIds the passages the answer showed, best first
     */
    record VotedAnswer(String question, Optional<String> guild, List<String> passageIds, int helpful, int notHelpful) {

        public VotedAnswer {
            passageIds = List.copyOf(passageIds);
        }
    }

    Outcome vote(Vote vote);

    /** Votes cast since {@code since}, in every server. */
    Tally tally(Instant since);

    /**
     * A server's questions with "Not helpful" votes on public answers since {@code since}, most
     * such votes first: a private answer's question is never shown to moderators.
     */
    List<QueryLog.FrequentQuery> mostUnhelpful(String guild, Instant since, int limit);

    /** Every voted answer, oldest first: what {@code citebot eval --feedback} labels questions with. */
    List<VotedAnswer> votedAnswers();
}
