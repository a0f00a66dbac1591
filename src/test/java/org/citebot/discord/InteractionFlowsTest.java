package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.citebot.command.ActionHandler;
import org.citebot.command.ActionOutcome;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.CommandSpec;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.Invoker;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.UserFacingException;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.StyledText;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InteractionFlowsTest {

    private static final Invoker MEMBER = new Invoker("u1", Optional.of("g1"), Optional.of("c1"), false, List.of());
    private static final Reply ANSWER = new Reply(Optional.of(StyledText.plain("answer")), List.of(), List.of(), false);
    private static final Reply PRIVATE_ANSWER = ANSWER.withEphemeral(true);

    private final ExecutorService workers = AckRunner.boundedPool(2, 1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Recorder responder = new Recorder();

    @AfterEach
    void shutDown() {
        release.countDown();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void quickCommand_answeredDirectlyWithoutDeferring() {
        flows(Duration.ofSeconds(5), command("status", false, request -> ANSWER))
                .command(request("status"), responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls).containsExactly("reply:answer:public");
    }

    @Test
    void slowCommand_deferredWithTheHintedPrivacyThenEdited() {
        InteractionFlows flows = flows(Duration.ofMillis(100), command("search", false, request -> {
            awaitRelease();
            return ANSWER;
        }));

        flows.command(request("search"), responder);
        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.contains("defer:public"));
        release.countDown();

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 2);
        assertThat(responder.calls).containsExactly("defer:public", "edit:answer:public");
    }

    @Test
    void slowCommand_realQuickWindow_defersWellWithinDiscordsThreeSeconds() {
        InteractionFlows flows = flows(InteractionListener.QUICK_WINDOW, command("search", true, request -> {
            awaitRelease();
            return PRIVATE_ANSWER;
        }));
        long start = System.nanoTime();

        flows.command(request("search"), responder);
        await().atMost(3, TimeUnit.SECONDS).until(() -> responder.calls.contains("defer:private"));
        long deferredAfterMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();

        assertThat(deferredAfterMillis).isBetween(1400L, 2500L);
        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.contains("edit:answer:private"));
    }

    @Test
    void slowCommandDeferredPublicly_privateAnswer_replacesTheDeferredMessagePrivately() {
        InteractionFlows flows = flows(Duration.ofMillis(50), command("search", false, request -> {
            awaitRelease();
            return Reply.notice("You are searching quickly.");
        }));

        flows.command(request("search"), responder);
        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.contains("defer:public"));
        release.countDown();

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 2);
        assertThat(responder.calls.get(1)).isEqualTo("replaceWithPrivate:You are searching quickly.:private");
    }

    @Test
    void fullPool_answeredBusyAtOnce() {
        Command slow = command("search", true, request -> {
            awaitRelease();
            return ANSWER;
        });
        InteractionFlows flows = flows(Duration.ofSeconds(5), slow);
        Recorder others = new Recorder();
        for (int i = 0; i < 3; i++) {
            flows.command(request("search"), others); // two running, one queued
        }

        flows.command(request("search"), responder);

        assertThat(responder.calls).containsExactly("reply:" + text(InteractionFlows.BUSY) + ":private");
        assertThat(others.calls).isEmpty();
    }

    @Test
    void poolShutDownForAStop_answeredShuttingDownNotBusy() {
        InteractionFlows flows = flows(Duration.ofSeconds(5), command("search", true, request -> ANSWER));
        workers.shutdown();

        flows.command(request("search"), responder);

        assertThat(responder.calls).containsExactly("reply:" + text(InteractionFlows.STOPPING) + ":private");
    }

    @Test
    void failingCommand_privateApologyWithReference() {
        flows(Duration.ofSeconds(5), command("status", false, request -> {
                    throw new IllegalStateException("index closed");
                }))
                .command(request("status"), responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls.get(0))
                .startsWith("reply:Sorry, something went wrong on citebot's side (reference ")
                .endsWith(":private");
    }

    @Test
    void storeDown_privateNoticeWithoutReference() {
        flows(Duration.ofSeconds(5), command("search", false, request -> {
                    throw new StoreUnavailableException("SolrCloud at zk1:2181 does not answer");
                }))
                .command(request("search"), responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls).containsExactly("reply:" + StoreUnavailableException.NOTICE + ":private");
    }

    @Test
    void storeDownAfterAPublicDefer_noticeReplacesTheDeferredMessagePrivately() {
        InteractionFlows flows = flows(Duration.ofMillis(50), command("search", false, request -> {
            awaitRelease();
            throw new CompletionException(new StoreUnavailableException("no live nodes"));
        }));

        flows.command(request("search"), responder);
        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.contains("defer:public"));
        release.countDown();

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 2);
        assertThat(responder.calls.get(1))
                .isEqualTo("replaceWithPrivate:" + StoreUnavailableException.NOTICE + ":private");
    }

    @Test
    void userFacingFailure_shownAsItIs() {
        flows(Duration.ofSeconds(5), command("status", false, request -> {
                    throw new UserFacingException("Type a longer query.");
                }))
                .command(request("status"), responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls).containsExactly("reply:Type a longer query.:private");
    }

    @Test
    void unknownCommand_toldSo() {
        flows(Duration.ofSeconds(5)).command(request("gone"), responder);

        assertThat(responder.calls).containsExactly("reply:" + text(InteractionFlows.UNKNOWN_COMMAND) + ":private");
    }

    @Test
    void moderatorCommand_nonModerator_refusedWithoutRunning() {
        AtomicInteger runs = new AtomicInteger();
        Command reindex = new TestCommand(
                new CommandSpec("reindex", "Rebuild", CommandSpec.Kind.SLASH, List.of(), "", true), true, request -> {
                    runs.incrementAndGet();
                    return ANSWER;
                });
        InteractionFlows flows = flows(Duration.ofSeconds(5), reindex);

        flows.command(request("reindex"), responder);
        flows.command(
                new CommandRequest(
                        "reindex",
                        Map.of(),
                        new Invoker("mod", Optional.of("g1"), Optional.of("c1"), true, List.of()),
                        Optional.empty()),
                new Recorder());

        assertThat(responder.calls).containsExactly("reply:" + text(InteractionFlows.MODERATORS_ONLY) + ":private");
        await().atMost(2, TimeUnit.SECONDS).until(() -> runs.get() == 1);
    }

    @Test
    void moderatorCommand_memberWithConfiguredModeratorRole_runsWithoutManageServer() {
        AtomicInteger runs = new AtomicInteger();
        Command reindex = new TestCommand(
                new CommandSpec("reindex", "Rebuild", CommandSpec.Kind.SLASH, List.of(), "", true), true, request -> {
                    runs.incrementAndGet();
                    return ANSWER;
                });
        InteractionFlows flows = new InteractionFlows(
                new CommandRegistry(List.of(reindex), List.of()),
                new ErrorBoundary(),
                new AckRunner(workers, timer, Duration.ofSeconds(5)),
                Duration.ofSeconds(2),
                new ModeratorPolicy(List.of("librarians")));

        flows.command(
                new CommandRequest(
                        "reindex",
                        Map.of(),
                        new Invoker("lib", Optional.of("g1"), Optional.of("c1"), false, List.of("librarians")),
                        Optional.empty()),
                responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> runs.get() == 1);
        assertThat(responder.calls).doesNotContain("reply:" + text(InteractionFlows.MODERATORS_ONLY) + ":private");
    }

    @Test
    void button_update_editsTheMessageItIsOn() {
        flows(Duration.ofSeconds(5), handler("page", id -> new ActionOutcome.Update(ANSWER)))
                .button("page:1", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls).containsExactly("update:answer:public");
    }

    @Test
    void button_slowUpdate_deferredThenEdited() {
        InteractionFlows flows = flows(Duration.ofMillis(50), handler("page", id -> {
            awaitRelease();
            return new ActionOutcome.Update(ANSWER);
        }));

        flows.button("page:2", MEMBER, responder);
        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.contains("deferUpdate"));
        release.countDown();

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 2);
        assertThat(responder.calls).containsExactly("deferUpdate", "edit:answer:public");
    }

    @Test
    void button_notice_privateReply_andLateNotice_privateFollowUp() {
        flows(Duration.ofSeconds(5), handler("x", id -> new ActionOutcome.Notice(Reply.notice("expired"))))
                .button("x:1", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls).containsExactly("reply:expired:private");
    }

    @Test
    void button_share_postsPubliclyThenConfirmsPrivately() {
        flows(Duration.ofSeconds(5), handler("search", id -> new ActionOutcome.Share(ANSWER, Reply.notice("Shared."))))
                .button("search:share:t:0", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 3);
        assertThat(responder.calls).containsExactly("deferUpdate", "post:answer", "followUp:Shared.:private");
    }

    @Test
    void button_shareWithoutPermission_userToldWhy() {
        responder.postResult = CompletableFuture.failedFuture(new UserFacingException(DiscordFailures.CANNOT_POST));
        flows(Duration.ofSeconds(5), handler("search", id -> new ActionOutcome.Share(ANSWER, Reply.notice("Shared."))))
                .button("search:share:t:0", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 3);
        assertThat(responder.calls.get(2)).isEqualTo("followUp:" + DiscordFailures.CANNOT_POST + ":private");
    }

    @Test
    void button_shareFailsUnexpectedly_apologyWithReference() {
        responder.postResult = CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
        flows(Duration.ofSeconds(5), handler("search", id -> new ActionOutcome.Share(ANSWER, Reply.notice("Shared."))))
                .button("search:share:t:0", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> responder.calls.size() == 3);
        assertThat(responder.calls.get(2))
                .startsWith("followUp:Sorry, something went wrong")
                .contains("reference");
    }

    @Test
    void button_handlerThrows_apologyNotSilence() {
        flows(Duration.ofSeconds(5), handler("x", id -> {
                    throw new IllegalArgumentException("bad");
                }))
                .button("x:1", MEMBER, responder);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !responder.calls.isEmpty());
        assertThat(responder.calls.get(0)).startsWith("reply:Sorry, something went wrong");
    }

    @Test
    void button_unknownPrefix_toldItNoLongerWorks() {
        flows(Duration.ofSeconds(5)).button("old:1", MEMBER, responder);

        assertThat(responder.calls).containsExactly("reply:" + text(InteractionFlows.UNKNOWN_BUTTON) + ":private");
    }

    @Test
    void autocomplete_fromTheCommand() {
        List<List<Choice>> answers = new CopyOnWriteArrayList<>();
        Command search =
                new TestCommand(CommandSpec.slash("search", "Search", List.of(), ""), false, request -> ANSWER) {
                    @Override
                    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
                        return List.of(new Choice(option + ":" + partial, "v"));
                    }
                };

        flows(Duration.ofSeconds(5), search).autocomplete("search", "source", "gaz", MEMBER, answers::add);

        await().atMost(2, TimeUnit.SECONDS).until(() -> !answers.isEmpty());
        assertThat(answers).containsExactly(List.of(new Choice("source:gaz", "v")));
    }

    @Test
    void autocomplete_storeDown_echoesTheInput_noWarningPerKeystroke() {
        List<List<Choice>> answers = new CopyOnWriteArrayList<>();
        Command search =
                new TestCommand(CommandSpec.slash("search", "Search", List.of(), ""), false, request -> ANSWER) {
                    @Override
                    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
                        throw new StoreUnavailableException("no live nodes");
                    }
                };
        InteractionFlows flows = flows(Duration.ofSeconds(5), search);

        try (LogCapture logs = LogCapture.attach()) {
            for (String typed : List.of("n", "nu", "nuc")) {
                flows.autocomplete("search", "source", typed, MEMBER, answers::add);
            }
            await().atMost(2, TimeUnit.SECONDS).until(() -> answers.size() == 3);

            assertThat(answers).contains(List.of(new Choice("nuc", "nuc")));
            assertThat(logs.lines(Level.WARN)).isEmpty();
        }
    }

    @Test
    void autocomplete_slowOrFailingOrUnknown_echoesTheInputOnce() {
        List<List<Choice>> answers = new CopyOnWriteArrayList<>();
        Command slow = new TestCommand(CommandSpec.slash("slow", "Slow", List.of(), ""), false, request -> ANSWER) {
            @Override
            public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
                awaitRelease();
                return List.of(new Choice("late", "late"));
            }
        };
        Command failing =
                new TestCommand(CommandSpec.slash("failing", "Fails", List.of(), ""), false, request -> ANSWER) {
                    @Override
                    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
                        throw new IllegalStateException("boom");
                    }
                };
        InteractionFlows flows = new InteractionFlows(
                new CommandRegistry(List.of(slow, failing), List.of()),
                new ErrorBoundary(),
                new AckRunner(workers, timer, Duration.ofSeconds(5)),
                Duration.ofMillis(100));

        flows.autocomplete("slow", "query", " nuclear ", MEMBER, answers::add);
        flows.autocomplete("failing", "query", "x", MEMBER, answers::add);
        flows.autocomplete("gone", "query", "", MEMBER, answers::add);
        await().atMost(2, TimeUnit.SECONDS).until(() -> answers.size() == 3);
        release.countDown();

        assertThat(answers)
                .containsExactlyInAnyOrder(
                        List.of(new Choice("nuclear", "nuclear")), List.of(new Choice("x", "x")), List.of());
        await().pollDelay(Duration.ofMillis(200)).atMost(2, TimeUnit.SECONDS).until(() -> answers.size() == 3);
    }

    private InteractionFlows flows(Duration quickWindow, Command... commands) {
        return new InteractionFlows(
                new CommandRegistry(List.of(commands), List.of()),
                new ErrorBoundary(),
                new AckRunner(workers, timer, quickWindow),
                Duration.ofSeconds(2));
    }

    private InteractionFlows flows(Duration quickWindow, ActionHandler handler) {
        return new InteractionFlows(
                new CommandRegistry(List.of(), List.of(handler)),
                new ErrorBoundary(),
                new AckRunner(workers, timer, quickWindow),
                Duration.ofSeconds(2));
    }

    private static Command command(String name, boolean ephemeralHint, Function<CommandRequest, Reply> handle) {
        return new TestCommand(CommandSpec.slash(name, name, List.of(), "/" + name), ephemeralHint, handle);
    }

    private static ActionHandler handler(String prefix, Function<String, ActionOutcome> handle) {
        return new ActionHandler() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public ActionOutcome handle(String actionId, Invoker invoker) {
                return handle.apply(actionId);
            }
        };
    }

    private static CommandRequest request(String name) {
        return new CommandRequest(name, Map.of(), MEMBER, Optional.empty());
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Reply reply) {
        return reply.text().map(StyledText::text).orElse("");
    }

    private static String describe(Reply reply) {
        return text(reply) + ":" + (reply.ephemeral() ? "private" : "public");
    }

    /** A command made of a spec, a privacy hint and a function. */
    private static class TestCommand implements Command {
        private final CommandSpec spec;
        private final boolean ephemeralHint;
        private final Function<CommandRequest, Reply> handle;

        TestCommand(CommandSpec spec, boolean ephemeralHint, Function<CommandRequest, Reply> handle) {
            this.spec = spec;
            this.ephemeralHint = ephemeralHint;
            this.handle = handle;
        }

        @Override
        public CommandSpec spec() {
            return spec;
        }

        @Override
        public Reply handle(CommandRequest request) {
            return handle.apply(request);
        }

        @Override
        public boolean ephemeralHint(CommandRequest request) {
            return ephemeralHint;
        }
    }

    /** Records what would be sent to Discord, in order. */
    private static final class Recorder implements ComponentResponder {
        final List<String> calls = new CopyOnWriteArrayList<>();
        CompletionStage<Void> postResult = CompletableFuture.completedFuture(null);

        @Override
        public void reply(Reply reply) {
            calls.add("reply:" + describe(reply));
        }

        @Override
        public void defer(boolean ephemeral) {
            calls.add("defer:" + (ephemeral ? "private" : "public"));
        }

        @Override
        public void editOriginal(Reply reply) {
            calls.add("edit:" + describe(reply));
        }

        @Override
        public void replaceWithPrivate(Reply reply) {
            calls.add("replaceWithPrivate:" + describe(reply));
        }

        @Override
        public void followUp(Reply reply) {
            calls.add("followUp:" + describe(reply));
        }

        @Override
        public void update(Reply reply) {
            calls.add("update:" + describe(reply));
        }

        @Override
        public void deferUpdate() {
            calls.add("deferUpdate");
        }

        @Override
        public CompletionStage<Void> postInChannel(Reply reply) {
            calls.add("post:" + text(reply));
            return postResult;
        }
    }
}
