package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexProgress.Phase;
import org.citebot.reindex.ModeratorLog;
import org.citebot.reindex.ReindexRequest;
import org.citebot.reindex.ReindexRuns;
import org.citebot.reindex.ReindexService;
import org.citebot.reindex.TestCorpusFolder;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.reply.Reply;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexCommandTest {

    private static final String GUILD = "333333333333333333";
    /** The owner of the bot's application, as the platform names it. */
    private static final String APP_OWNER = "666666666666666666";
    /** A user id in {@code operators.users}. */
    private static final String CONFIGURED_OPERATOR = "777777777777777777";

    @TempDir
    Path dir;

    private TestCorpusFolder corpus;
    private Stack stack;
    private StateStore store;
    private ReindexRuns runs;
    private ReindexService service;
    private final SteppingClock clock = new SteppingClock();

    @BeforeEach
    void setUp() throws IOException {
        corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 9, 2);
        stack = Stack.open(dir.resolve("index"));
        store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC());
        runs = new SqlReindexRuns(store);
        service = new ReindexService(stack.indexer(), stack.index(), corpus.dir(), runs, ModeratorLog.NONE, clock);
    }

    @AfterEach
    void tearDown() throws IOException {
        stack.close();
        store.close();
    }

    private ReindexCommand command() {
        return command(userId -> userId.equals(APP_OWNER));
    }

    private ReindexCommand command(OperatorCheck platform) {
        return new ReindexCommand(service, new OperatorPolicy(List.of(CONFIGURED_OPERATOR), platform), clock);
    }

    @Test
    @DisplayName(
            "A server's moderator (Manage Server) who is no operator: refused, dry runs too; nothing runs or is recorded")
    void handle_moderatorWhoIsNoOperator_refusedNamingNoOneAndNothingRuns() throws IOException {
        Invoker moderator = new Invoker("1", Optional.of(GUILD), Optional.empty(), true, List.of());

        for (Map<String, Object> options :
                List.of(Map.<String, Object>of(), Map.<String, Object>of(ReindexCommand.DRY_RUN, true))) {
            assertThatThrownBy(() -> command().handle(request(moderator, options), reply -> {}))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageStartingWith("/reindex acts on the corpus every server using citebot shares")
                    .hasMessageContaining("only citebot's operators can run it, dry runs included")
                    .hasMessageContaining("owner or team of its Discord application")
                    .as("names nobody: no user id in it")
                    .hasMessageMatching("\\D*");
        }
        assertThat(runs.recent(5)).isEmpty();
        assertThat(stack.index().metadata().generation()).isZero();
    }

    @Test
    void handle_platformCannotTell_refusedRatherThanTrusted() {
        Invoker owner = new Invoker(APP_OWNER, Optional.of(GUILD), Optional.empty(), true, List.of());

        assertThatThrownBy(() -> command(userId -> {
                            throw new IllegalStateException("Discord unreachable");
                        })
                        .handle(request(owner, Map.of())))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("only citebot's operators");
        assertThat(runs.recent(5)).isEmpty();
    }

    @Test
    void handle_applicationOwner_reindexesAndAnswersPrivatelyWithTheSummary() throws IOException {
        Invoker owner = new Invoker(APP_OWNER, Optional.of(GUILD), Optional.empty(), false, List.of());

        Reply reply = command().handle(request(owner, Map.of()));

        assertThat(reply.ephemeral()).isTrue();
        assertThat(text(reply))
                .startsWith("Reindex finished")
                .contains("10 documents")
                .contains("Added 10");
        assertThat(stack.index().metadata().generation()).isEqualTo(1);
        assertThat(runs.recent(1).get(0).requestedBy()).isEqualTo(APP_OWNER);
        assertThat(runs.recent(1).get(0).guildId()).contains(GUILD);
    }

    @Test
    void handle_dryRunByAConfiguredOperator_changesNothing() throws IOException {
        Invoker configured = new Invoker(CONFIGURED_OPERATOR, Optional.of(GUILD), Optional.empty(), false, List.of());

        Reply reply = command().handle(request(configured, Map.of(ReindexCommand.DRY_RUN, true)));

        assertThat(text(reply))
                .startsWith("Dry run")
                .contains("nothing was written")
                .contains("add 10");
        assertThat(stack.index().metadata().generation()).isZero();
        assertThat(runs.recent(1).get(0).dryRun()).isTrue();
    }

    @Test
    void handle_whileAReindexRuns_refusedWithItsProgress() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexProgress pause = (phase, done, total) -> {
            if (phase == Phase.READING && done == 3) {
                paused.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = other.submit(() -> service.reindex(ReindexRequest.watcher(), pause));
            assertThat(paused.await(20, TimeUnit.SECONDS)).isTrue();
            Invoker owner = new Invoker(APP_OWNER, Optional.of(GUILD), Optional.empty(), true, List.of());

            assertThatThrownBy(() -> command().handle(request(owner, Map.of())))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageStartingWith(
                            "A reindex is already running: reading 3/10 files, started by the corpus watcher ")
                    .hasMessageEndingWith(" s ago.");

            release.countDown();
            first.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            other.shutdown();
        }
    }

    @Test
    void handle_withProgress_pushesInterimRepliesAtMostOncePerSecond() {
        List<String> interim = new CopyOnWriteArrayList<>();
        // Each reading of the clock advances it by 300 ms: about one push in four progress events.
        clock.step = java.time.Duration.ofMillis(300);

        Reply reply = command().handle(request(Invoker.console(), Map.of()), r -> interim.add(text(r)));

        assertThat(text(reply)).startsWith("Reindex finished");
        assertThat(interim)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("Reindexing: ").endsWith("…"));
        assertThat(interim).anySatisfy(line -> assertThat(line).matches("Reindexing: reading \\d+/10 files…"));
        // The start, 10 files read and written, and the commit's two: 13 events.
        assertThat(interim.size()).isBetween(2, 5);
        assertThat(runs.recent(1).get(0).requestedBy()).isEqualTo("console");
    }

    @Test
    void handle_progressConsumerFails_reindexStillFinishes() throws IOException {
        Reply reply = command().handle(request(Invoker.console(), Map.of()), r -> {
            throw new IllegalStateException("the interaction token expired");
        });

        assertThat(text(reply)).startsWith("Reindex finished");
        assertThat(stack.index().metadata().generation()).isEqualTo(1);
    }

    @Test
    void handle_corpusMissing_answersWithTheReasonAndTheServingGeneration() throws IOException {
        corpus.deleteAll();

        Reply reply = command().handle(request(Invoker.console(), Map.of()));

        assertThat(text(reply))
                .startsWith("Reindex failed")
                .contains("does not exist")
                .contains("previous index (generation 0) keeps answering");
    }

    @Test
    void spec_offeredToModeratorsOnlyWithAnOptionalDryRunFlag() {
        CommandSpec spec = command().spec();
        assertThat(spec.name()).isEqualTo("reindex");
        assertThat(spec.moderatorOnly()).isTrue();
        assertThat(spec.options()).singleElement().satisfies(option -> {
            assertThat(option.name()).isEqualTo("dry-run");
            assertThat(option.type()).isEqualTo(OptionSpec.OptionType.BOOLEAN);
            assertThat(option.required()).isFalse();
        });
    }

    private static CommandRequest request(Invoker invoker, Map<String, Object> options) {
        return new CommandRequest("reindex", options, invoker, Optional.empty());
    }

    private static String text(Reply reply) {
        return reply.text().orElseThrow().text();
    }

    /** A clock that moves forward by {@link #step} every time it is read. */
    private static final class SteppingClock extends Clock {

        private Instant now = Instant.parse("2026-11-22T05:00:00Z");
        volatile java.time.Duration step = java.time.Duration.ZERO;

        @Override
        public synchronized Instant instant() {
            Instant current = now;
            now = now.plus(step);
            return current;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
