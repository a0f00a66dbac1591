package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.questions.AnswerVotes;
import org.citebot.state.SqlAnswerVotes;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot eval --feedback}: the stored votes as labelled questions, scored against the current index. */
class FeedbackEvalTest {

    @TempDir
    Path dir;

    @Test
    void evalFeedback_votesBecomeLabelledQuestionsScoredOnTheIndex() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(
                corpus.resolve("tides.md"),
                "---\ntitle: Tides\n---\n\nSpring tides flood the saltmarsh twice a month at the full moon.\n");
        Files.writeString(
                corpus.resolve("ferries.md"),
                "---\ntitle: Ferries\n---\n\nThe ferry to the islands runs four times a day in winter.\n");
        Map<String, String> env = Map.of(
                "CITEBOT_CORPUS_DIR", corpus.toString(),
                "CITEBOT_INDEX_DIR", dir.resolve("index").toString(),
                "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(),
                "CITEBOT_SEARCH_MODE", "lexical");
        try (StateStore state = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC())) {
            AnswerVotes votes = new SqlAnswerVotes(state);
            Instant now = Instant.now();
            votes.vote(new AnswerVotes.Vote(
                    "t1:0", "k1", Optional.of("1"), "spring tides", List.of("tides#0"), true, false, now));
            votes.vote(new AnswerVotes.Vote(
                    "t2:0", "k1", Optional.of("1"), "winter ferry", List.of("tides#0"), false, false, now));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(
                new String[] {"eval", "--feedback", "--json"}, env, new PrintWriter(out, true), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("questions")).hasSize(2);
        assertThat(report.at("/questions/0/question").asText()).isEqualTo("spring tides");
        assertThat(report.at("/questions/0/helpful/0").asText()).isEqualTo("tides#0");
        assertThat(report.at("/questions/0/firstHelpfulRank").asInt()).isEqualTo(1);
        assertThat(report.at("/questions/1/notHelpful/0").asText()).isEqualTo("tides#0");
        assertThat(report.at("/questions/1/onlyNotHelpful").asBoolean())
                .as("the ferry question now finds the ferry passage")
                .isFalse();
        assertThat(report.path("successAtK").asDouble()).isEqualTo(1.0);
        assertThat(report.path("unhelpfulAtK").asDouble()).isEqualTo(0.0);
    }
}
