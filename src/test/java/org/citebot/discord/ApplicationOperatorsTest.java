package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.TestApplication;
import org.citebot.discord.fake.TestGuild;
import org.citebot.discord.fake.TestMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who Discord names as citebot's operators (the application's owner, or its team's owner and
 * accepted admins and developers), read by real JDA from the fake's {@code oauth2/applications/@me},
 * and how often that list is read again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationOperatorsTest {

    private FakeDiscord discord;
    private JDA jda;
    private TestGuild guild;

    @BeforeEach
    void start() throws InterruptedException {
        guild = TestGuild.builder("Home")
                .textChannel("general")
                .role("Moderator", TestGuild.MANAGE_GUILD)
                .member("owner", "Moderator")
                .member("admin")
                .member("developer")
                .member("viewer")
                .member("invited")
                .member("mod", "Moderator")
                .build();
        discord = FakeDiscord.builder().guild(guild).start();
        jda = discord.jdaBuilder().build().awaitReady();
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            discord.shutdown(jda);
        } finally {
            discord.close();
        }
    }

    @Test
    void start_applicationOwnedByAUser_thatUserAlone() {
        discord.application().ownedBy(member("owner"));

        ApplicationOperators operators = ApplicationOperators.start(jda);

        assertThat(operators.isOperator(member("owner").id())).isTrue();
        assertThat(operators.isOperator(member("mod").id()))
                .as("a moderator of a server")
                .isFalse();
        assertThat(discord.requests("GET", "oauth2/applications/@me")).hasSize(1);
    }

    @Test
    @DisplayName("A team's owner and its accepted admins and developers; not read-only or invited members")
    void start_applicationOwnedByATeam_ownerAdminsAndDevelopersWhoAccepted() {
        discord.application()
                .ownedByTeamOf(member("owner"))
                .teamMember(member("admin"), TestApplication.ADMIN, true)
                .teamMember(member("developer"), TestApplication.DEVELOPER, true)
                .teamMember(member("viewer"), TestApplication.READ_ONLY, true)
                .teamMember(member("invited"), TestApplication.ADMIN, false);

        ApplicationOperators operators = ApplicationOperators.start(jda);

        assertThat(guild.members())
                .filteredOn(m -> operators.isOperator(m.id()))
                .extracting(TestMember::username)
                .containsExactlyInAnyOrder("owner", "admin", "developer");
    }

    @Test
    @DisplayName("The list is read again only when a check finds it a minute old: joins and departures show then")
    void isOperator_listOlderThanTheRefreshTime_readAgainOnce() {
        discord.application().ownedByTeamOf(member("owner")).teamMember(member("admin"), TestApplication.ADMIN, true);
        AtomicLong now = new AtomicLong();
        ApplicationOperators operators = new ApplicationOperators(
                () -> ApplicationOperators.lookUp(jda), ApplicationOperators.REFRESH_AFTER, now::get);

        assertThat(operators.isOperator(member("admin").id())).isTrue();
        discord.application()
                .withoutTeamMember(member("admin"))
                .teamMember(member("developer"), TestApplication.DEVELOPER, true);
        for (int i = 0; i < 20; i++) {
            operators.isOperator(member("developer").id());
        }
        assertThat(discord.requests("GET", "oauth2/applications/@me"))
                .as("a flood of checks within the minute reads once")
                .hasSize(1);

        now.addAndGet(ApplicationOperators.REFRESH_AFTER.toNanos());

        assertThat(operators.isOperator(member("developer").id())).isTrue();
        assertThat(operators.isOperator(member("admin").id()))
                .as("left the team")
                .isFalse();
        assertThat(discord.requests("GET", "oauth2/applications/@me")).hasSize(2);
    }

    @Test
    void isOperator_discordCannotAnswer_keepsTheLastKnownListAndTriesAgainLater() {
        AtomicReference<Set<String>> answer = new AtomicReference<>(Set.of("1"));
        AtomicInteger lookups = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        ApplicationOperators operators = new ApplicationOperators(
                () -> {
                    lookups.incrementAndGet();
                    Set<String> ids = answer.get();
                    if (ids == null) {
                        throw new IllegalStateException("503 from Discord");
                    }
                    return ids;
                },
                Duration.ofMinutes(1),
                now::get);
        assertThat(operators.isOperator("1")).isTrue();

        answer.set(null);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(operators.isOperator("1")).as("an outage forgets no one").isTrue();
        answer.set(Set.of("2"));
        assertThat(operators.isOperator("2"))
                .as("no second try within the minute")
                .isFalse();
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(operators.isOperator("2")).isTrue();
        assertThat(operators.isOperator("1")).isFalse();
        assertThat(lookups).hasValue(3);
    }

    private TestMember member(String name) {
        return guild.member(name);
    }
}
