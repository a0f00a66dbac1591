package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Members' votes on answers ({@link AnswerVotes}) on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class AnswerVotesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");
    private static final Optional<String> GUILD = Optional.of("333333333333333333");

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    private StateStore store;

    @BeforeEach
    void open() {
        store = backend.create(dir).open(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    private static AnswerVotes.Vote vote(String answer, String voter, String question, boolean helpful, int minute) {
        return new AnswerVotes.Vote(
                answer, voter, GUILD, question, List.of("a#0", "b#1"), helpful, true, T0.plusSeconds(60L * minute));
    }

    @Test
    void vote_oncePerVoterAndAnswer_aSecondPressChangesIt() {
        AnswerVotes votes = new SqlAnswerVotes(store);

        assertThat(votes.vote(vote("t1:0", "k1", "tides", false, 0))).isEqualTo(AnswerVotes.Outcome.RECORDED);
        assertThat(votes.vote(vote("t1:0", "k1", "tides", false, 1))).isEqualTo(AnswerVotes.Outcome.UNCHANGED);
        assertThat(votes.vote(vote("t1:0", "k1", "tides", true, 2))).isEqualTo(AnswerVotes.Outcome.CHANGED);
        assertThat(votes.vote(vote("t1:1", "k1", "tides", false, 3)))
                .as("another page is another answer")
                .isEqualTo(AnswerVotes.Outcome.RECORDED);

        assertThat(votes.tally(T0)).isEqualTo(new AnswerVotes.Tally(1, 1));
        assertThat(votes.tally(T0).helpfulShare()).contains(0.5);
        assertThat(votes.tally(T0.plusSeconds(150))).isEqualTo(new AnswerVotes.Tally(0, 1));
    }

    @Test
    void mostUnhelpfulAndVotedAnswers_countNotHelpfulVotesPerQuestion() {
        AnswerVotes votes = new SqlAnswerVotes(store);
        votes.vote(vote("t1:0", "k1", "tides", false, 0));
        votes.vote(vote("t1:0", "k2", "tides", false, 1));
        votes.vote(vote("t2:0", "k1", "ferries", false, 2));
        votes.vote(vote("t3:0", "k3", "ferries", true, 3));
        votes.vote(new AnswerVotes.Vote(
                "t4:0", "k4", GUILD, "a private question", List.of("c#0"), false, false, T0.plusSeconds(240)));

        assertThat(votes.mostUnhelpful(GUILD.get(), T0, 10))
                .as("a private answer's question is never named")
                .containsExactly(new FrequentQuery("tides", 2), new FrequentQuery("ferries", 1));
        assertThat(votes.mostUnhelpful("another", T0, 10)).isEmpty();
        assertThat(votes.votedAnswers())
                .containsExactly(
                        new AnswerVotes.VotedAnswer("tides", GUILD, List.of("a#0", "b#1"), 0, 2),
                        new AnswerVotes.VotedAnswer("ferries", GUILD, List.of("a#0", "b#1"), 0, 1),
                        new AnswerVotes.VotedAnswer("ferries", GUILD, List.of("a#0", "b#1"), 1, 0),
                        new AnswerVotes.VotedAnswer("a private question", GUILD, List.of("c#0"), 0, 1));
    }
}
