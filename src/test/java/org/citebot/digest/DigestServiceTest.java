package org.citebot.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citebot.digest.DigestFixture.CHANNEL;
import static org.citebot.digest.DigestFixture.GUILD;
import static org.citebot.digest.DigestFixture.MOD_CHANNEL;
import static org.citebot.digest.DigestFixture.OTHER_CHANNEL;
import static org.citebot.digest.DigestFixture.OTHER_GUILD;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Reply;
import org.citebot.state.SqlDigestRuns;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestServiceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private DigestFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private DigestFixture start(String instant) {
        fixture = new DigestFixture(dir, new MutableClock(Instant.parse(instant)));
        return fixture;
    }

    /** Calls runDue every 15 minutes until {@code end}, as the scheduler would with finer steps. */
    private void runEvery15MinutesUntil(String end) {
        Instant stop = Instant.parse(end);
        while (!fixture.clock.instant().isAfter(stop)) {
            fixture.service.runDue();
            fixture.clock.advance(Duration.ofMinutes(15));
        }
    }

    private List<Instant> postTimes(String channel) {
        return fixture.poster.postsIn(channel).stream()
                .map(RecordingPoster.Post::at)
                .toList();
    }

    @Test
    @DisplayName("08:00 Berlin is posted once a day at 08:00 local across the spring-forward day")
    void springForward_postsAtEightLocalEveryDay() {
        start("2026-03-27T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        runEvery15MinutesUntil("2026-03-31T12:00:00Z");

        assertThat(postTimes(CHANNEL))
                .containsExactly(
                        Instant.parse("2026-03-28T07:00:00Z"), // CET, UTC+1
                        Instant.parse("2026-03-29T06:00:00Z"), // the change day: CEST, UTC+2
                        Instant.parse("2026-03-30T06:00:00Z"),
                        Instant.parse("2026-03-31T06:00:00Z"));
        assertThat(postTimes(CHANNEL))
                .allSatisfy(at -> assertThat(at.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(8, 0)));
    }

    @Test
    @DisplayName("08:00 Berlin is posted once a day at 08:00 local across the fall-back day")
    void fallBack_postsAtEightLocalEveryDay() {
        start("2026-10-23T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        runEvery15MinutesUntil("2026-10-27T12:00:00Z");

        assertThat(postTimes(CHANNEL))
                .containsExactly(
                        Instant.parse("2026-10-24T06:00:00Z"), // CEST
                        Instant.parse("2026-10-25T07:00:00Z"), // the change day: CET
                        Instant.parse("2026-10-26T07:00:00Z"),
                        Instant.parse("2026-10-27T07:00:00Z"));
    }

    @Test
    @DisplayName("02:30 falls into the spring gap: posted once at the shifted 03:30, and 02:30 on fall-back day once")
    void timeInTheGapOrOverlap_postedOnce() {
        start("2026-03-28T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "02:30", "Europe/Berlin");
        runEvery15MinutesUntil("2026-03-30T12:00:00Z");
        assertThat(postTimes(CHANNEL))
                .containsExactly(
                        Instant.parse("2026-03-29T01:30:00Z"), // 03:30 CEST, the gap's shifted time
                        Instant.parse("2026-03-30T00:30:00Z"));

        fixture.clock.set(Instant.parse("2026-10-24T12:00:00Z"));
        fixture.setup(OTHER_GUILD, OTHER_CHANNEL, "02:30", "Europe/Berlin");
        runEvery15MinutesUntil("2026-10-25T12:00:00Z");
        assertThat(postTimes(OTHER_CHANNEL)).containsExactly(Instant.parse("2026-10-25T00:30:00Z")); // first 02:30 only
    }

    @Test
    void restart_afterPosting_doesNotPostAgain() {
        start("2026-05-04T05:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        fixture.service.runDue();
        assertThat(fixture.poster.posts()).hasSize(1);

        fixture.restart();
        fixture.service.runDue();
        fixture.clock.advance(Duration.ofHours(2));
        fixture.service.runDue();

        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
    }

    @Test
    @DisplayName(
            "a crash between recording the run and marking it: the restart finds the message and marks it, one message")
    void crashBetweenRecordedAndMarked_restartFindsTheMessage_singleMessage() {
        crashAfterTheDaysSend();
        DigestRuns.DigestRun recorded = theDaysRun();
        assertThat(recorded.state()).isEqualTo(DigestRuns.State.SENDING);
        assertThat(recorded.nonce()).hasValueSatisfying(n -> assertThat(n).hasSizeLessThanOrEqualTo(25));

        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.restart();
        int attemptsBefore = fixture.poster.attempts();
        fixture.service.runDue();

        assertThat(fixture.poster.finds()).isEqualTo(1);
        assertThat(fixture.poster.attempts()).as("nothing sent again").isEqualTo(attemptsBefore);
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
        DigestRuns.DigestRun marked = theDaysRun();
        assertThat(marked.state()).isEqualTo(DigestRuns.State.POSTED);
        assertThat(marked.nonce()).isEqualTo(recorded.nonce());
        assertThat(marked.messageId())
                .contains(fixture.poster.postsIn(CHANNEL).get(0).messageId());
    }

    @Test
    @DisplayName("a crash after the send, a restart after Discord's nonce window: still one message, marked posted")
    void crashAfterTheSend_restartAfterTheNonceWindow_singleMessage() {
        crashAfterTheDaysSend();

        fixture.clock.advance(RecordingPoster.NONCE_WINDOW.plusMinutes(5));
        fixture.restart();
        fixture.service.runDue();
        fixture.clock.advance(Duration.ofHours(1));
        fixture.service.runDue();

        assertThat(fixture.poster.postsIn(CHANNEL)).as("digests in the channel").hasSize(1);
        DigestRuns.DigestRun marked = theDaysRun();
        assertThat(marked.state()).isEqualTo(DigestRuns.State.POSTED);
        assertThat(marked.messageId())
                .contains(fixture.poster.postsIn(CHANNEL).get(0).messageId());
    }

    @Test
    @DisplayName("a run that may have gone out and a channel that cannot be checked: nothing sent until it can be")
    void crashAfterTheSend_channelCannotBeChecked_notSentAgainUntilItCan() {
        crashAfterTheDaysSend();
        fixture.clock.advance(Duration.ofMinutes(30));
        fixture.restart();
        fixture.poster.fail(CHANNEL, FailureKind.TRANSIENT);
        int attemptsBefore = fixture.poster.attempts();

        fixture.service.runDue();

        assertThat(fixture.poster.attempts()).as("not sent blindly").isEqualTo(attemptsBefore);
        DigestRuns.DigestRun waiting = theDaysRun();
        assertThat(waiting.state()).isEqualTo(DigestRuns.State.SENDING);
        assertThat(waiting.error()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("could not check whether it was already posted"));

        fixture.poster.heal(CHANNEL);
        fixture.clock.advance(DigestService.RETRY_DELAY);
        fixture.service.runDue();

        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
        assertThat(fixture.runs()
                        .find(GUILD, LocalDate.of(2026, 5, 4))
                        .orElseThrow()
                        .state())
                .isEqualTo(DigestRuns.State.POSTED);
    }

    @Test
    @DisplayName("another process finds a send interrupted in its sender's lease: left alone until the lease ends")
    void crashAfterTheSend_anotherProcess_resumesOnlyOnceTheSendersLeaseRanOut() {
        start("2026-05-04T05:00:00Z");
        fixture.holder = "a";
        fixture.restart();
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        fixture.poster.crashAfterNextSend(CHANNEL);
        assertThatThrownBy(fixture.service::runDue).isInstanceOf(RecordingPoster.SimulatedCrash.class);

        fixture.holder = "b";
        fixture.restart();
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.service.runDue();
        assertThat(theDaysRun().state())
                .as("a's send is a's while its lease lasts")
                .isEqualTo(DigestRuns.State.SENDING);

        fixture.clock.advance(SqlDigestRuns.SEND_LEASE);
        fixture.service.runDue();

        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
        assertThat(theDaysRun().state()).isEqualTo(DigestRuns.State.POSTED);
    }

    @Test
    @DisplayName("a guild on another process's shard: its digest is not this process's to post")
    void guildOfAnotherShard_notPostedHere() {
        start("2026-05-04T05:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.owns = guild -> !guild.equals(GUILD);
        fixture.restart();
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));

        fixture.service.runDue();
        assertThat(fixture.poster.postsIn(CHANNEL)).isEmpty();
        assertThat(fixture.service.nextWakeUp(fixture.clock.instant()))
                .as("no wake-up for a guild it does not run")
                .isEqualTo(fixture.clock.instant().plus(DigestService.MAX_SLEEP));

        fixture.owns = guild -> true;
        fixture.restart();
        fixture.service.runDue();
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
    }

    /** 08:00 in Berlin on 4 May: the day's digest goes out, then the process "dies" before it is marked. */
    private void crashAfterTheDaysSend() {
        start("2026-05-04T05:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        fixture.poster.crashAfterNextSend(CHANNEL);
        assertThatThrownBy(fixture.service::runDue).isInstanceOf(RecordingPoster.SimulatedCrash.class);
    }

    private DigestRuns.DigestRun theDaysRun() {
        return fixture.runs().find(GUILD, LocalDate.of(2026, 5, 4)).orElseThrow();
    }

    @Test
    void catchUp_withinGrace_postsOnceLate() {
        start("2026-05-03T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        // Down at 08:00 on 4 May; back at 13:30 local, 5.5 h late.
        fixture.restart();
        fixture.clock.set(Instant.parse("2026-05-04T11:30:00Z"));
        fixture.service.runDue();
        fixture.clock.advance(Duration.ofMinutes(30));
        fixture.service.runDue();

        assertThat(postTimes(CHANNEL)).containsExactly(Instant.parse("2026-05-04T11:30:00Z"));
    }

    @Test
    void catchUp_outsideGrace_nothingUntilTheNextDay_andNoBurst() {
        start("2026-05-01T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        // Down for three days; back at 15:00 local on 4 May, 7 h after the time.
        fixture.restart();
        fixture.clock.set(Instant.parse("2026-05-04T13:00:00Z"));
        fixture.service.runDue();
        assertThat(fixture.poster.posts()).isEmpty();
        assertThat(fixture.runs()
                        .find(GUILD, LocalDate.of(2026, 5, 4))
                        .orElseThrow()
                        .state())
                .isEqualTo(DigestRuns.State.MISSED);

        fixture.clock.set(Instant.parse("2026-05-05T06:00:00Z"));
        fixture.service.runDue();
        assertThat(postTimes(CHANNEL)).containsExactly(Instant.parse("2026-05-05T06:00:00Z"));
    }

    @Test
    @DisplayName("a digest due while search is down is retried within a minute and posted that day once search answers")
    void storeDownAtTheTime_retriedSoon_postedOnceWhenItAnswers() {
        start("2026-05-03T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.storeDown.set(true);
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));

        try (LogCapture logs = LogCapture.attach()) {
            for (int i = 0; i < 30; i++) {
                fixture.service.runDue();
                Instant now = fixture.clock.instant();
                assertThat(fixture.service.nextWakeUp(now)).isEqualTo(now.plus(DigestService.STORE_RETRY_DELAY));
                fixture.clock.advance(DigestService.STORE_RETRY_DELAY);
            }
            assertThat(fixture.poster.posts()).isEmpty();
            assertThat(fixture.runs().find(GUILD, LocalDate.of(2026, 5, 4)))
                    .as("the day is still open")
                    .isEmpty();
            assertThat(logs.lines(Level.WARN))
                    .as("the store logs the outage, not every retry")
                    .isEmpty();
            assertThat(logs.lines(Level.INFO))
                    .filteredOn(line -> line.contains("waits for search"))
                    .hasSize(1);
        }

        fixture.storeDown.set(false);
        fixture.service.runDue();
        fixture.clock.advance(DigestService.STORE_RETRY_DELAY);
        fixture.service.runDue();

        assertThat(postTimes(CHANNEL)).containsExactly(Instant.parse("2026-05-04T06:30:00Z"));
        Instant now = fixture.clock.instant();
        assertThat(fixture.service.nextWakeUp(now)).isAfter(now.plus(DigestService.STORE_RETRY_DELAY));
    }

    @Test
    void setup_whileStoreDown_refusedAndNothingSaved_thenSetUpWhenItAnswers() {
        start("2026-05-03T12:00:00Z");
        fixture.storeDown.set(true);

        assertThatThrownBy(() -> fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin"))
                .satisfies(failure ->
                        assertThat(StoreUnavailableException.in(failure)).isPresent());
        assertThat(fixture.service.settings(GUILD)).isEmpty();
        assertThat(fixture.runs().find(GUILD, LocalDate.of(2026, 5, 3))).isEmpty();
        assertThat(fixture.runs().seenDocuments(GUILD)).isEmpty();

        fixture.storeDown.set(false);
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        assertThat(fixture.service.settings(GUILD)).isPresent();
        assertThat(fixture.runs().seenDocuments(GUILD)).hasSize(5);
    }

    @Test
    void preview_equalsTheNextPost() {
        start("2026-05-03T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.addDocument("doc9", "new-hash");
        fixture.addDocument("doc1", "changed-hash");
        fixture.queryLog.recordPublic("summit talks", GUILD, "u1", Instant.parse("2026-05-04T05:00:00Z"), 3);
        fixture.queryLog.recordPublic("summit talks", GUILD, "u2", Instant.parse("2026-05-04T05:10:00Z"), 3);
        fixture.queryLog.recordPublic("summit talks", GUILD, "u3", Instant.parse("2026-05-04T05:15:00Z"), 3);
        fixture.queryLog.record("a private worry", Optional.of(GUILD), Instant.parse("2026-05-04T05:16:00Z"), 3);
        fixture.queryLog.recordPublic("moon cheese", GUILD, "u1", Instant.parse("2026-05-04T05:20:00Z"), 0);
        fixture.queryLog.record("private cheese", Optional.of(GUILD), Instant.parse("2026-05-04T05:21:00Z"), 0);
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));

        Reply preview = fixture.service.preview(GUILD).orElseThrow().reply();
        fixture.service.runDue();

        Reply posted = fixture.poster.postsIn(CHANNEL).get(0).reply();
        assertThat(preview.ephemeral()).isTrue();
        assertThat(preview.withEphemeral(false)).isEqualTo(posted);
        assertThat(posted.cards())
                .extracting(c -> c.title())
                .containsExactly(
                        "New in the corpus · Article doc9",
                        "Updated in the corpus · Article doc1",
                        "Most asked · “summit talks” (asked 3 times)",
                        posted.cards().get(3).title());
        assertThat(posted.cards().get(3).title()).startsWith("Passage of the day · ");
        assertThat(posted.cards().get(0).body().text())
                .endsWith("without agreement.")
                .doesNotContain("Geneva");
        assertThat(posted.toString()).doesNotContain("moon cheese").doesNotContain("private");
        // Unanswered questions go to the moderator channel only.
        assertThat(fixture.poster.postsIn(MOD_CHANNEL)).singleElement().satisfies(p -> assertThat(
                        p.reply().cards().get(0).body().text())
                .contains("moon cheese"));
    }

    @Test
    @DisplayName(
            "a guild with its own log channel gets its unanswered questions and failures there; others use the configured one")
    void moderatorReports_goToTheGuildsOwnLogChannel_elseTheConfiguredOne() {
        String otherModChannel = "300000000000000002";
        start("2026-05-03T12:00:00Z");
        fixture.guildSettings.setLogChannel(OTHER_GUILD, Optional.of(otherModChannel));
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.setup(OTHER_GUILD, OTHER_CHANNEL, "08:00", "Europe/Berlin");
        fixture.poster.fail(CHANNEL, FailureKind.MISSING_PERMISSION);
        fixture.queryLog.recordPublic("mars butter", OTHER_GUILD, "u1", Instant.parse("2026-05-04T05:20:00Z"), 0);
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));

        fixture.service.runDue();

        assertThat(fixture.service.moderatorChannel(OTHER_GUILD)).contains(otherModChannel);
        assertThat(fixture.service.moderatorChannel(GUILD)).contains(MOD_CHANNEL);
        assertThat(fixture.poster.postsIn(otherModChannel)).singleElement().satisfies(p -> {
            assertThat(p.guildId()).isEqualTo(OTHER_GUILD);
            assertThat(p.reply().toString()).contains("mars butter");
        });
        assertThat(fixture.poster.postsIn(MOD_CHANNEL)).singleElement().satisfies(p -> {
            assertThat(p.guildId()).isEqualTo(GUILD);
            assertThat(p.reply().toString())
                    .contains("could not be posted in channel " + CHANNEL)
                    .doesNotContain("mars butter");
        });
    }

    @Test
    void skip_skipsOnlyTheNextDigest() {
        start("2026-05-04T05:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        assertThat(fixture.service.skip(GUILD)).contains(LocalDate.of(2026, 5, 4));
        runEvery15MinutesUntil("2026-05-05T12:00:00Z");

        assertThat(postTimes(CHANNEL)).containsExactly(Instant.parse("2026-05-05T06:00:00Z"));
    }

    @Test
    void postNow_countsAsTheDaysDigest_secondNowAnswersWithTheLink() {
        start("2026-05-04T04:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");

        DeliveryOutcome first = fixture.service.postNow(GUILD).orElseThrow();
        DeliveryOutcome second = fixture.service.postNow(GUILD).orElseThrow();
        runEvery15MinutesUntil("2026-05-04T20:00:00Z");

        String messageId = fixture.poster.postsIn(CHANNEL).get(0).messageId();
        String link = "https://discord.com/channels/" + GUILD + "/" + CHANNEL + "/" + messageId;
        assertThat(first).isEqualTo(new DeliveryOutcome.Posted(LocalDate.of(2026, 5, 4), link));
        assertThat(second).isEqualTo(new DeliveryOutcome.AlreadyPosted(LocalDate.of(2026, 5, 4), link));
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
    }

    @Test
    @DisplayName("a deleted channel pauses that guild after three failed days; the other guild keeps its digest")
    void deletedChannel_pausesOnlyThatGuildAfterThreeDays() {
        start("2026-05-03T12:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.setup(OTHER_GUILD, OTHER_CHANNEL, "08:00", "America/New_York");
        fixture.poster.fail(CHANNEL, FailureKind.CHANNEL_GONE);

        runEvery15MinutesUntil("2026-05-08T18:00:00Z");

        assertThat(fixture.poster.postsIn(CHANNEL)).isEmpty();
        assertThat(fixture.poster.postsIn(OTHER_CHANNEL)).hasSize(5);
        DigestSettings paused = fixture.service.settings(GUILD).orElseThrow();
        assertThat(paused.active()).isFalse();
        assertThat(paused.pausedNote())
                .hasValueSatisfying(
                        note -> assertThat(note).contains("3 failed days").contains("/digest setup"));
        assertThat(fixture.runs().find(GUILD, LocalDate.of(2026, 5, 7))).isEmpty(); // no attempt once paused
        // Each failure, and the pause, were reported to the moderator channel.
        assertThat(fixture.poster.postsIn(MOD_CHANNEL))
                .filteredOn(p -> p.reply().text().orElseThrow().text().contains(CHANNEL))
                .hasSize(3)
                .last()
                .satisfies(
                        p -> assertThat(p.reply().text().orElseThrow().text()).contains("Paused"));

        // A moderator's /digest now while paused posts, and a success resumes the schedule.
        fixture.poster.heal(CHANNEL);
        fixture.clock.set(Instant.parse("2026-05-08T19:00:00Z"));
        assertThat(fixture.service.postNow(GUILD).orElseThrow()).isInstanceOf(DeliveryOutcome.Posted.class);
        assertThat(fixture.service.settings(GUILD).orElseThrow().active()).isTrue();
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);

        fixture.clock.set(Instant.parse("2026-05-09T04:00:00Z"));
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        runEvery15MinutesUntil("2026-05-09T07:00:00Z");
        assertThat(postTimes(CHANNEL))
                .containsExactly(Instant.parse("2026-05-08T19:00:00Z"), Instant.parse("2026-05-09T06:00:00Z"));
    }

    @Test
    void transientFailure_retriedWithTheSameNonce() {
        start("2026-05-04T05:00:00Z");
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.poster.fail(CHANNEL, FailureKind.TRANSIENT);
        fixture.clock.set(Instant.parse("2026-05-04T06:00:00Z"));
        fixture.service.runDue();
        assertThat(fixture.service.nextWakeUp(fixture.clock.instant()))
                .isEqualTo(fixture.clock.instant().plus(DigestService.RETRY_DELAY));

        fixture.poster.heal(CHANNEL);
        fixture.clock.advance(DigestService.RETRY_DELAY);
        fixture.service.runDue();

        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
        assertThat(fixture.service.settings(GUILD).orElseThrow().consecutiveFailures())
                .isZero();
    }

    @Test
    void configuredDefaults_postForAGuildThatNeverRanSetup_untilTurnedOff() {
        fixture = new DigestFixture(dir, new MutableClock(Instant.parse("2026-05-04T05:00:00Z")));
        fixture.defaults = Map.of(
                GUILD,
                new DigestSettings(
                        GUILD,
                        CHANNEL,
                        LocalTime.of(8, 0),
                        BERLIN,
                        DigestSection.all(),
                        true,
                        Optional.empty(),
                        0,
                        true));
        fixture.restart();

        runEvery15MinutesUntil("2026-05-04T07:00:00Z");
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);

        assertThat(fixture.service.off(GUILD)).isTrue();
        runEvery15MinutesUntil("2026-05-06T07:00:00Z");
        assertThat(fixture.poster.postsIn(CHANNEL)).hasSize(1);
    }

    @Test
    void setupAfterTheDaysTime_startsTomorrow_notAtOnce() {
        start("2026-05-04T07:00:00Z"); // 09:00 Berlin
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        fixture.service.runDue();
        assertThat(fixture.poster.posts()).isEmpty();
        assertThat(fixture.service.nextSlot(GUILD).orElseThrow().date()).isEqualTo(LocalDate.of(2026, 5, 5));
    }

    @Test
    void passageOfTheDay_neverRepeatsWithinThirtyDays() {
        start("2026-05-01T12:00:00Z");
        // Five passages in the corpus: after five days no fresh one is left, so the section is dropped.
        fixture.setup(GUILD, CHANNEL, "08:00", "Europe/Berlin");
        runEvery15MinutesUntil("2026-05-07T07:00:00Z");

        List<String> passages = fixture.poster.postsIn(CHANNEL).stream()
                .flatMap(p -> p.reply().cards().stream())
                .filter(c -> c.title().startsWith("Passage of the day"))
                .map(c -> c.title())
                .toList();
        assertThat(passages).hasSize(5).doesNotHaveDuplicates();
    }
}
