package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citebot.e2e.WireChecks.isPrivate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Helpful" and "Not helpful" under answers, over the wire: one vote per member per answer (a
 * second press changes it or is told it counted already), stored without who voted, counted in
 * {@code /status}, and listed in the moderators' gaps when the digest is posted.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FeedbackOverTheWireTest {

    private static final String QUESTION = "himars deliveries";

    @TempDir
    Path data;

    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;

    @AfterEach
    void stop() {
        CitebotOnFakeDiscord.stopBoth(citebot, discord);
    }

    @Test
    @DisplayName("Votes count once per member, change on a second press, reach /status and the digest's gaps")
    void votes_oncePerMember_changeable_inStatusAndGaps() throws SQLException {
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Reading Group")
                        .textChannel("general")
                        .textChannel("mod-log")
                        .role("Moderator", TestGuild.MANAGE_GUILD)
                        .member("alice")
                        .member("bert")
                        .member("mod", "Moderator")
                        .build())
                .start();
        citebot = CitebotOnFakeDiscord.start(discord, data, Map.of("CITEBOT_SEARCH_MODE", "lexical"));
        citebot.citebot()
                .guildSettings()
                .setLogChannel(
                        discord.guild().id(),
                        Optional.of(discord.channel("mod-log").id()));
        JsonNode setup = discord.slash("digest")
                .subcommand(
                        "setup",
                        Map.of("channel", discord.channel("general"), "time", "08:00", "timezone", "Europe/Berlin"))
                .as(discord.mod())
                .awaitResponseMessage();
        assertThat(setup.path("content").asText()).contains("Daily digest on");

        JsonNode privateAnswer = discord.slash("search", Map.of("query", QUESTION + " in spring", "private", true))
                .as(discord.alice())
                .awaitResponseMessage();
        assertThat(vote(discord.alice(), WireChecks.buttonId(privateAnswer, "vote:down:"), privateAnswer))
                .isEqualTo("Thanks: you marked this answer not helpful.");
        JsonNode answer = discord.slash("search", Map.of("query", QUESTION, "private", false))
                .as(discord.alice())
                .awaitResponseMessage();
        String notHelpful = WireChecks.buttonId(answer, "vote:down:");
        String helpful = WireChecks.buttonId(answer, "vote:up:");

        assertThat(vote(discord.alice(), notHelpful, answer)).isEqualTo("Thanks: you marked this answer not helpful.");
        assertThat(vote(discord.alice(), notHelpful, answer)).isEqualTo("You already marked this answer not helpful.");
        assertThat(vote(discord.alice(), helpful, answer))
                .isEqualTo("Your vote is changed: this answer is helpful for you.");
        assertThat(vote(discord.alice(), notHelpful, answer))
                .isEqualTo("Your vote is changed: this answer is not helpful for you.");
        assertThat(vote(discord.member("bert"), notHelpful, answer))
                .isEqualTo("Thanks: you marked this answer not helpful.");
        assertThat(vote(discord.mod(), helpful, answer)).isEqualTo("Thanks: you marked this answer helpful.");

        List<String> rows = voteRows();
        assertThat(rows).as("one row per member and answer").hasSize(4);
        assertThat(String.join("\n", rows))
                .as("who voted is not stored")
                .doesNotContain(discord.alice().id())
                .doesNotContain(discord.member("bert").id())
                .doesNotContain(discord.mod().id())
                .contains(QUESTION);

        JsonNode status = discord.slash("status").as(discord.alice()).awaitResponseMessage();
        assertThat(status.toString()).contains("Answers rated helpful").contains("25% of 4 votes in 30 days");

        JsonNode now = discord.slash("digest")
                .subcommand("now", Map.of())
                .as(discord.mod())
                .awaitResponseMessage();
        assertThat(isPrivate(now)).isTrue();
        JsonNode gaps = discord.awaitChannelMessage(
                discord.channel("mod-log").id(), m -> m.path("content").asText().contains("Gaps"));
        assertThat(gaps.toString().replace("\\", ""))
                .contains("“" + QUESTION + "” (2 “not helpful” votes)")
                .as("a private answer's question stays private")
                .doesNotContain("in spring");
    }

    private String vote(TestMember member, String buttonId, JsonNode onMessage) {
        return discord.button(buttonId, onMessage)
                .as(member)
                .awaitResponseMessage(m -> !m.path("content").asText().isEmpty(), Duration.ofSeconds(10))
                .path("content")
                .asText()
                .replace("\\", "");
    }

    /** Every stored vote row, all columns joined, read straight from the SQLite file. */
    private List<String> voteRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("citebot.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM answer_votes")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
