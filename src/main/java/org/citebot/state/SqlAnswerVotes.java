package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog.FrequentQuery;

/**
 * {@link AnswerVotes} in the state database's {@code answer_votes}, on SQLite or PostgreSQL: one
 * row per answer and voter key, so a second press of the same member updates their row.
 */
public final class SqlAnswerVotes implements AnswerVotes {

    private final StateStore store;

    public SqlAnswerVotes(StateStore store) {
        this.store = store;
    }

    @Override
    public Outcome vote(Vote vote) {
        return store.transaction(c -> {
            Optional<Boolean> earlier;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT helpful FROM answer_votes WHERE answer_id = ? AND voter_key = ?")) {
                s.setString(1, vote.answerId());
                s.setString(2, vote.voterKey());
                try (ResultSet rs = s.executeQuery()) {
                    earlier = rs.next() ? Optional.of(rs.getInt(1) == 1) : Optional.empty();
                }
            }
            if (earlier.isPresent()) {
                if (earlier.get() == vote.helpful()) {
                    return Outcome.UNCHANGED;
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE answer_votes SET helpful = ?, voted_at = ? WHERE answer_id = ? AND voter_key = ?")) {
                    s.setInt(1, vote.helpful() ? 1 : 0);
                    s.setLong(2, vote.votedAt().toEpochMilli());
                    s.setString(3, vote.answerId());
                    s.setString(4, vote.voterKey());
                    s.executeUpdate();
                }
                return Outcome.CHANGED;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO answer_votes(answer_id, voter_key, guild_id,"
                    + " question, passage_ids, helpful, public_answer, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, vote.answerId());
                s.setString(2, vote.voterKey());
                s.setString(3, vote.guild().orElse(null));
                s.setString(4, vote.question());
                s.setString(5, StoredJson.of(vote.passageIds()));
                s.setInt(6, vote.helpful() ? 1 : 0);
                s.setInt(7, vote.publicAnswer() ? 1 : 0);
                s.setLong(8, vote.votedAt().toEpochMilli());
                s.executeUpdate();
            }
            return Outcome.RECORDED;
        });
    }

    @Override
    public Tally tally(Instant since) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COALESCE(SUM(helpful), 0), COUNT(*)" + " FROM answer_votes WHERE voted_at >= ?")) {
                s.setLong(1, since.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int helpful = rs.getInt(1);
                    return new Tally(helpful, rs.getInt(2) - helpful);
                }
            }
        });
    }

    @Override
    public List<FrequentQuery> mostUnhelpful(String guild, Instant since, int limit) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT question, COUNT(*) AS votes FROM answer_votes"
                    + " WHERE guild_id = ? AND helpful = 0 AND public_answer = 1 AND voted_at >= ?"
                    + " GROUP BY question ORDER BY votes DESC, MAX(voted_at) DESC, question LIMIT ?")) {
                s.setString(1, guild);
                s.setLong(2, since.toEpochMilli());
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<FrequentQuery> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new FrequentQuery(rs.getString(1), rs.getInt(2)));
                    }
                    return found;
                }
            }
        });
    }

    @Override
    public List<VotedAnswer> votedAnswers() {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT answer_id, MIN(guild_id), MIN(question),"
                            + " MIN(passage_ids), COALESCE(SUM(helpful), 0), COUNT(*), MIN(voted_at) AS first_vote"
                            + " FROM answer_votes GROUP BY answer_id ORDER BY first_vote, answer_id");
                    ResultSet rs = s.executeQuery()) {
                List<VotedAnswer> answers = new ArrayList<>();
                while (rs.next()) {
                    int helpful = rs.getInt(5);
                    answers.add(new VotedAnswer(
                            rs.getString(3),
                            Optional.ofNullable(rs.getString(2)),
                            StoredJson.strings(rs.getString(4), "A vote's stored passages"),
                            helpful,
                            rs.getInt(6) - helpful));
                }
                return answers;
            }
        });
    }
}
