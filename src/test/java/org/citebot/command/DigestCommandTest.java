package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.digest.DigestComposer;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.DigestRuns;
import org.citebot.digest.DigestService;
import org.citebot.digest.EarlierPost;
import org.citebot.digest.MemoryDigestCorpus;
import org.citebot.digest.MutableClock;
import org.citebot.digest.PostResult;
import org.citebot.questions.QueryLog;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.search.SearchResults;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.SqlDigestSettingsStore;
import org.citebot.state.SqlGuildPreferences;
import org.citebot.state.SqlQueryLog;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCommandTest {

    private static final String GUILD = "100000000000000001";
    private static final String CHANNEL = "200000000000000001";
    private static final Invoker MOD = new Invoker("1", Optional.of(GUILD), Optional.of(CHANNEL), true, List.of());
    private static final String MOD_LOG = "200000000000000009";
    /** This server's channels; any other id is another server's. */
    private static final ServerChannels CHANNELS =
            (guild, channel) -> guild.equals(GUILD) && List.of(CHANNEL, MOD_LOG).contains(channel);

    private static final Invoker MEMBER = new Invoker("2", Optional.of(GUILD), Optional.of(CHANNEL), false, List.of());

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T05:00:00Z"));
    private final List<String> posted = new ArrayList<>();
    private StateStore store;
    private SqlGuildPreferences guildSettings;
    private DigestCommand command;
    private DigestService service;

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("citebot.db"), clock);
        QueryLog log = new SqlQueryLog(store);
        guildSettings = new SqlGuildPreferences(store);
        DigestRuns runs = new SqlDigestRuns(store);
        for (String asker : List.of("11", "12", "13")) {
            log.recordPublic("summit", GUILD, asker, clock.instant(), 2);
        }
        DigestComposer composer = new DigestComposer(
                MemoryDigestCorpus.empty(),
                log,
                request -> new SearchResults(request.query(), 0, false, 0, List.of(), 0, List.of(), List.of()),
                runs);
        service = new DigestService(
                new SqlDigestSettingsStore(store),
                runs,
                composer,
                Map.of(),
                new DigestService.Options(Duration.ofHours(6), false, 3, Optional.empty()),
                guildSettings::logChannel,
                clock);
        service.attach(new DigestPoster() {
            @Override
            public PostResult post(String guild, String channel, Reply reply, String nonce) {
                posted.add(channel);
                return new PostResult.Posted("9" + posted.size());
            }

            @Override
            public EarlierPost find(String guild, String channel, String nonce, java.time.Instant since) {
                return new EarlierPost.Absent();
            }
        });
        command = new DigestCommand(service, new ModeratorPolicy(List.of()), CHANNELS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Reply run(String subcommand, Map<String, Object> options, Invoker invoker) {
        return command.handle(
                new CommandRequest("digest", options, invoker, Optional.empty(), Optional.of(subcommand)));
    }

    private static String text(Reply reply) {
        return reply.text().orElseThrow().text();
    }

    @Test
    void moderatorSubcommands_refusedForMembers_previewAllowed() {
        for (String sub : List.of("setup", "off", "now", "skip")) {
            assertThatThrownBy(() -> run(sub, Map.of(), MEMBER))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("Only moderators can use /digest " + sub);
        }
        assertThatThrownBy(() -> run("preview", Map.of(), MEMBER))
                .hasMessageContaining("No daily digest is set up here");
    }

    @Test
    void setup_validatesTimeZoneAndSections() {
        Map<String, Object> good = Map.of("channel", CHANNEL, "time", "08:00", "timezone", "Europe/Berlin");
        assertThatThrownBy(() -> run("setup", with(good, "time", "8 am"), MOD)).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> run("setup", with(good, "timezone", "Berlin"), MOD))
                .hasMessageContaining("IANA");
        assertThatThrownBy(() -> run("setup", with(good, "sections", "new,gossip"), MOD))
                .hasMessageContaining("unknown section 'gossip'");

        Reply reply = run("setup", with(good, "sections", "asked"), MOD);

        assertThat(reply.ephemeral()).isTrue();
        assertThat(text(reply))
                .contains("https://discord.com/channels/" + GUILD + "/" + CHANNEL)
                .contains("08:00 Europe/Berlin")
                .contains("first on Monday 4 May")
                .contains("Sections: asked.");
    }

    @Test
    void setup_channelOfAnotherServer_refusedAndNothingSetUp() {
        assertThatThrownBy(() -> run(
                        "setup",
                        Map.of("channel", "300000000000000003", "time", "08:00", "timezone", "Europe/Berlin"),
                        MOD))
                .isInstanceOf(UserFacingException.class)
                .hasMessage(
                        "channel: that is not a text channel of this server. Choose one of this server's channels.");
        assertThatThrownBy(() -> run("preview", Map.of(), MOD)).hasMessageContaining("No daily digest is set up here");
    }

    @Test
    void setup_withUnansweredSection_pointsAtSettingsLogChannelUntilTheServerHasOne() {
        Map<String, Object> setup = Map.of("channel", CHANNEL, "time", "08:00", "timezone", "Europe/Berlin");

        String without = text(run("setup", setup, MOD));
        guildSettings.setLogChannel(GUILD, Optional.of(MOD_LOG));
        String with = text(run("setup", setup, MOD));

        assertThat(without)
                .contains("Unanswered questions are only posted once a moderator chooses a log channel"
                        + " with /settings log-channel:#channel.")
                .doesNotContain("moderators.logChannel");
        assertThat(with).doesNotContain("Unanswered questions");
    }

    @Test
    void previewNowSkipOff_inAGuild() {
        run("setup", Map.of("channel", CHANNEL, "time", "8:00", "timezone", "Europe/Berlin"), MOD);

        Reply preview = run("preview", Map.of(), MEMBER);
        assertThat(preview.ephemeral()).isTrue();
        assertThat(preview.cards()).extracting(c -> c.title()).containsExactly("Most asked · “summit” (asked 3 times)");

        assertThat(text(run("now", Map.of(), MOD)))
                .isEqualTo("Posted today's digest: https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/91");
        assertThat(text(run("now", Map.of(), MOD)))
                .isEqualTo("Today's digest is already posted: https://discord.com/channels/" + GUILD + "/" + CHANNEL
                        + "/91");
        assertThat(posted).hasSize(1);

        assertThat(text(run("skip", Map.of(), MOD))).contains("Tuesday 5 May will be skipped");
        assertThat(text(run("off", Map.of(), MOD))).contains("is off");
        assertThat(text(run("off", Map.of(), MOD))).contains("no daily digest to turn off");
        assertThat(text(run("skip", Map.of(), MOD))).contains("no running daily digest");
        assertThatThrownBy(() -> run("now", Map.of(), MOD)).hasMessageContaining("not on here");
    }

    @Test
    void console_hasNoGuild() {
        assertThatThrownBy(() -> command.handle(new CommandRequest(
                        "digest", Map.of(), Invoker.console(), Optional.empty(), Optional.of("preview"))))
                .hasMessageContaining("digest.defaults");
    }

    @Test
    void timezoneAutocomplete_prefixAndCityFirst_atMost25() {
        assertThat(command.autocomplete("timezone", "berl", MEMBER))
                .containsExactly(new Choice("Europe/Berlin", "Europe/Berlin"));
        assertThat(command.autocomplete("timezone", "new york", MEMBER))
                .contains(new Choice("America/New_York", "America/New_York"));
        assertThat(command.autocomplete("timezone", "", MEMBER)).hasSize(25);
        assertThat(command.autocomplete("time", "08", MEMBER)).isEmpty();
    }

    @Test
    void previewAndTimezoneSuggestions_overTheMembersBudget_refusedPrivatelyOrEmpty() {
        run("setup", Map.of("channel", CHANNEL, "time", "08:00", "timezone", "Europe/Berlin"), MOD);
        DigestCommand limited = new DigestCommand(
                service,
                new ModeratorPolicy(List.of()),
                CHANNELS,
                MemberLimits.uniform(1, Duration.ofMinutes(1), clock, () -> 0L));
        CommandRequest preview =
                new CommandRequest("digest", Map.of(), MEMBER, Optional.empty(), Optional.of("preview"));

        assertThat(limited.handle(preview).cards()).isNotEmpty();
        Reply second = limited.handle(preview);
        assertThat(limited.autocomplete("timezone", "berl", MEMBER)).isNotEmpty();
        assertThat(limited.autocomplete("timezone", "berl", MEMBER)).isEmpty();

        assertThat(second.ephemeral()).isTrue();
        assertThat(second.cards()).isEmpty();
        assertThat(second.text().orElseThrow().text())
                .isEqualTo("You are previewing the digest quickly. Please try again in 60 seconds.");
    }

    @Test
    void help_listsSubcommands_moderatorOnesOnlyToModerators() {
        HelpCommand help = new HelpCommand(() -> List.of(command.spec()));

        String forMod = help.handle(new CommandRequest("help", Map.of(), MOD, Optional.empty()))
                .cards()
                .get(0)
                .body()
                .text();
        String forMember = help.handle(new CommandRequest("help", Map.of(), MEMBER, Optional.empty()))
                .cards()
                .get(0)
                .body()
                .text();

        assertThat(forMod)
                .contains("• setup (moderators)")
                .contains("• preview:")
                .contains("• skip (moderators)");
        assertThat(forMember).contains("• preview:").doesNotContain("setup (moderators)");
    }

    private static Map<String, Object> with(Map<String, Object> options, String key, String value) {
        Map<String, Object> copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return copy;
    }
}
