package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.citebot.command.ActionHandler;
import org.citebot.command.ActionOutcome;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.CommandSpec;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.Invoker;
import org.citebot.config.CitebotConfig;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.SentMessage;
import org.citebot.discord.fake.TestGuild;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What real JDA puts on the wire for citebot's slower paths: deferred answers and sharing, against the fake Discord. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InteractionsOverTheWireTest {

    private static final Reply ANSWER = new Reply(
            Optional.of(StyledText.plain("@everyone look")),
            List.of(new ReplyCard(
                    "Passage",
                    Optional.of(URI.create("https://example.org/p")),
                    StyledText.plain("<@&1> text"),
                    List.of(),
                    List.of("Publisher"))),
            List.of(),
            false);
    /** A private answer carrying a Share button, as citebot's private previews do. */
    private static final Reply SHAREABLE = new Reply(
            Optional.of(StyledText.plain("answer")),
            List.of(),
            List.of(new ReplyAction.Button("Share", "test:share", true, true)),
            true);
    /** View Channel only: no Send Messages, no Embed Links. */
    private static final long VIEW_ONLY = 1L << 10;

    private final ExecutorService workers = InteractionListener.boundedPool(2, 10);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Lets the heap-exhausting command fail once the test has seen its deferral. */
    private final CountDownLatch exhaust = new CountDownLatch(1);
    /** Names of the worker threads that ran a command: a worker killed by an Error is replaced by a new name. */
    private final Set<String> workerThreads = ConcurrentHashMap.newKeySet();

    private FakeDiscord discord;
    private DiscordBot bot;

    @AfterEach
    void stopAll() {
        release.countDown();
        exhaust.countDown();
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
        workers.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void slowCommand_deferredPubliclyThenOriginalEditedWithNoMentionsAllowed() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        InteractionHandle slow = discord.slash("slow").as(discord.alice());
        JsonNode deferral = slow.awaitCallback();
        release.countDown();
        JsonNode message = slow.awaitResponseMessage(m -> !m.path("embeds").isEmpty(), Duration.ofSeconds(5));

        assertThat(deferral.get("type").asInt()).isEqualTo(5);
        assertThat(deferral.at("/data/flags").asInt(0) & 64).isZero();
        JsonNode edit = sent(SentMessage.Kind.WEBHOOK_EDIT).get(0).payload();
        assertThat(edit.get("content").asText()).isEqualTo("@\u200Beveryone look");
        assertThat(edit.at("/embeds/0/description").asText()).isEqualTo("\\<@&1\\> text");
        DiscordJson.assertWithinLimits(edit);
        assertThat(message.path("mention_everyone").asBoolean())
                .as("nobody pinged")
                .isFalse();
        assertThat(message.path("mention_roles")).isEmpty();
    }

    @Test
    void share_postsInTheChannelWithoutMentionsThenConfirmsPrivately() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        InteractionHandle share =
                discord.button("test:share", shareableAnswer()).as(discord.alice());
        JsonNode confirmation = share.awaitFollowups(1).get(0);

        assertThat(share.awaitCallback().get("type").asInt()).isEqualTo(6);
        assertThat(kindsAfterTheAnswer()).containsExactly(SentMessage.Kind.CHANNEL_MESSAGE, SentMessage.Kind.FOLLOWUP);
        DiscordJson.assertWithinLimits(
                sent(SentMessage.Kind.CHANNEL_MESSAGE).get(0).payload());
        assertThat(confirmation.get("content").asText()).isEqualTo("Shared in the channel.");
        assertThat(confirmation.get("flags").asInt() & 64).isEqualTo(64);
        DiscordJson.assertWithinLimits(sent(SentMessage.Kind.FOLLOWUP).get(0).payload());
    }

    @Test
    void share_withoutSendPermission_userToldWhyAndNothingPosted() throws Exception {
        start(VIEW_ONLY);

        InteractionHandle share =
                discord.button("test:share", shareableAnswer()).as(discord.alice());
        JsonNode notice = share.awaitFollowups(1).get(0);

        assertThat(kindsAfterTheAnswer()).containsExactly(SentMessage.Kind.FOLLOWUP);
        assertThat(notice.get("content").asText()).isEqualTo(DiscordFailures.CANNOT_POST);
        assertThat(discord.requests("POST", "channels/\\d+/messages"))
                .as("JDA checked locally, sent nothing")
                .isEmpty();
    }

    @Test
    void findSources_commandReadsTheTargetMessagesText() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        InteractionHandle find = discord.messageCommand("Find sources", "What about **escalation** in <@123> Europe?")
                .as(discord.alice());

        JsonNode callback = find.awaitCallback();
        assertThat(callback.get("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/flags").asInt() & 64).isEqualTo(64);
        assertThat(callback.at("/data/content").asText())
                .isEqualTo("target: What about \\*\\*escalation\\*\\* in \\<@123\\> Europe?");
    }

    @Test
    void autocomplete_twentyFiveChoicesWithinOneHundredCharacters() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        InteractionHandle complete =
                discord.autocomplete("slow", "query", "esc").as(discord.alice());

        JsonNode callback = complete.awaitCallback();
        assertThat(callback.get("type").asInt()).isEqualTo(8);
        assertThat(callback.at("/data/choices")).hasSize(25).allSatisfy(choice -> {
            assertThat(choice.get("name").asText()).hasSizeBetween(1, 100).startsWith("esc");
            assertThat(choice.get("value").asText()).hasSizeBetween(1, 100);
        });
        assertThat(complete.rejectedCallbacks())
                .as("the fake checks Discord's limits")
                .isEmpty();
    }

    @Test
    @DisplayName(
            "A command overflowing its stack: a private apology with a reference the ERROR log shares; the worker lives")
    void stackOverflowInACommand_answeredWithReference_loggedAtError_workerSurvives() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        try (LogCapture logs = LogCapture.attach()) {
            JsonNode answer = discord.slash("overflow").as(discord.alice()).awaitResponseMessage();

            String reference = reference(answer);
            assertThat(answer.path("flags").asInt() & 64).as("private").isEqualTo(64);
            assertThat(logs.lines(Level.ERROR)).anySatisfy(line -> assertThat(line)
                    .contains("/overflow failed [ref " + reference + "]")
                    .contains("java.lang.StackOverflowError"));
        }
        assertWorkersStillAnswer();
    }

    @Test
    @DisplayName(
            "A command exhausting the heap after its deferral: the deferred reply becomes the apology; the worker lives")
    void outOfMemoryInADeferredCommand_deferredReplyEditedWithReference_workerSurvives() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        try (LogCapture logs = LogCapture.attach()) {
            InteractionHandle exhausted = discord.slash("exhausted").as(discord.alice());
            assertThat(exhausted.awaitCallback().path("type").asInt())
                    .as("deferred")
                    .isEqualTo(5);
            exhaust.countDown();
            JsonNode answer = exhausted.awaitResponseMessage(
                    m -> m.path("content").asText().contains("reference"), Duration.ofSeconds(5));

            String reference = reference(answer);
            assertThat(answer.path("flags").asInt() & 64).as("private").isEqualTo(64);
            assertThat(answer.path("flags").asInt() & 128)
                    .as("no longer thinking")
                    .isZero();
            assertThat(logs.lines(Level.ERROR)).anySatisfy(line -> assertThat(line)
                    .contains("/exhausted failed [ref " + reference + "]")
                    .contains("java.lang.OutOfMemoryError"));
        }
        assertWorkersStillAnswer();
    }

    @Test
    @DisplayName("The passage store down: the one private notice, mentioning no one, with no reference and no ERROR")
    void storeDown_privateNoticeOverTheWire_noReference_noError() throws Exception {
        start(TestGuild.EVERYONE_DEFAULT);

        try (LogCapture logs = LogCapture.attach()) {
            JsonNode answer = discord.slash("outage").as(discord.alice()).awaitResponseMessage();

            assertThat(answer.path("content").asText()).isEqualTo(StoreUnavailableException.NOTICE);
            assertThat(answer.path("flags").asInt() & 64).as("private").isEqualTo(64);
            DiscordJson.assertWithinLimits(
                    sent(SentMessage.Kind.INTERACTION_REPLY).get(0).payload());
            assertThat(logs.lines(Level.ERROR)).isEmpty();
        }
        assertWorkersStillAnswer();
    }

    /** The reference id an apology quotes. */
    private static String reference(JsonNode apology) {
        Matcher matcher = Pattern.compile("\\(reference ([A-Z0-9]{8})\\)")
                .matcher(apology.path("content").asText().replace("\\", ""));
        assertThat(matcher.find())
                .as("an apology quoting a reference: " + apology)
                .isTrue();
        return matcher.group(1);
    }

    /** More commands are answered, by the pool's own threads: none died and had to be replaced. */
    private void assertWorkersStillAnswer() {
        for (int i = 0; i < 3; i++) {
            assertThat(discord.slash("shareable")
                            .as(discord.alice())
                            .awaitResponseMessage()
                            .path("content")
                            .asText())
                    .isEqualTo("answer");
        }
        assertThat(workerThreads).isSubsetOf("citebot-interaction-1", "citebot-interaction-2");
    }

    /** The bot's private answer with a Share button, as the fake holds it. */
    private JsonNode shareableAnswer() {
        return discord.slash("shareable").as(discord.alice()).awaitResponseMessage();
    }

    private List<SentMessage> sent(SentMessage.Kind kind) {
        return discord.sentMessages().stream().filter(m -> m.kind() == kind).toList();
    }

    /** What citebot sent after its first answer (the one carrying the button). */
    private List<SentMessage.Kind> kindsAfterTheAnswer() {
        List<SentMessage> all = discord.sentMessages();
        return all.subList(1, all.size()).stream().map(SentMessage::kind).toList();
    }

    private void start(long everyonePermissions) throws Exception {
        discord = FakeDiscord.builder()
                .guild(TestGuild.builder("Group")
                        .everyonePermissions(everyonePermissions)
                        .textChannel("general")
                        .member("alice")
                        .build())
                .start();
        Command slow = new Command() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.slash("slow", "Takes its time", List.of(), "/slow");
            }

            @Override
            public Reply handle(CommandRequest request) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ANSWER;
            }

            @Override
            public boolean ephemeralHint(CommandRequest request) {
                return false;
            }

            @Override
            public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
                return IntStream.range(0, 40)
                        .mapToObj(i -> new Choice(partial + i + "x".repeat(200), "v".repeat(150)))
                        .toList();
            }
        };
        Command shareable = workerCommand("shareable", () -> SHAREABLE);
        Command overflow = workerCommand("overflow", () -> Reply.notice("depth " + depth(0)));
        Command exhausted = workerCommand("exhausted", () -> {
            try {
                exhaust.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A stand-in: the boundary cannot tell it from the JVM's own, and the test keeps its heap.
            throw new OutOfMemoryError("Java heap space");
        });
        Command outage = workerCommand("outage", () -> {
            throw new StoreUnavailableException("SolrCloud (ZooKeeper at zk1:2181) does not answer");
        });
        Command findSources = new Command() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec(
                        "Find sources", "Related passages", CommandSpec.Kind.MESSAGE_CONTEXT, List.of(), "", false);
            }

            @Override
            public Reply handle(CommandRequest request) {
                return Reply.notice("target: " + request.targetText().orElse("(none)"));
            }
        };
        ActionHandler share = new ActionHandler() {
            @Override
            public String prefix() {
                return "test";
            }

            @Override
            public ActionOutcome handle(String actionId, Invoker invoker) {
                return new ActionOutcome.Share(ANSWER, Reply.notice("Shared in the channel."));
            }
        };
        CommandRegistry registry =
                new CommandRegistry(List.of(slow, shareable, findSources, overflow, exhausted, outage), List.of(share));
        InteractionListener listener = new InteractionListener(
                registry,
                new DiscordRenderer(),
                new ErrorBoundary(),
                workers,
                timer,
                Duration.ofMillis(200),
                Duration.ofSeconds(2));
        bot = new DiscordBot(
                discord.token(),
                new CitebotConfig.Discord(
                        List.of(),
                        URI.create(discord.restUrl()),
                        URI.create(discord.gatewayUrl()),
                        true,
                        Duration.ofMillis(200)),
                registry,
                listener);
        bot.start();
    }

    /** A private-by-default slash command that notes which worker thread ran it. */
    private Command workerCommand(String name, Supplier<Reply> answer) {
        return new Command() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.slash(name, "Test command " + name, List.of(), "/" + name);
            }

            @Override
            public Reply handle(CommandRequest request) {
                workerThreads.add(Thread.currentThread().getName());
                return answer.get();
            }
        };
    }

    /** A recursion with no end, so the stack overflow is a real one. */
    private static int depth(int n) {
        return depth(n + 1) + 1;
    }
}
