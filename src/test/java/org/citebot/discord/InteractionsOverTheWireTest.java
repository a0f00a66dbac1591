package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What real JDA puts on the wire for citebot's slower paths: deferred answers and sharing. */
class InteractionsOverTheWireTest {

    private static final Reply ANSWER = new Reply(Optional.of(StyledText.plain("@everyone look")),
            List.of(new ReplyCard("Passage", Optional.of(URI.create("https://example.org/p")), StyledText.plain("<@&1> text"),
                    List.of(), List.of("Publisher"))), List.of(), false);

    private final ExecutorService workers = InteractionListener.boundedPool(2, 10);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private MiniDiscord discord;
    private DiscordBot bot;

    @AfterEach
    void stopAll() {
        release.countDown();
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
        start("19456");

        discord.slashCommand("slow", "[]");
        await().atMost(5, TimeUnit.SECONDS).until(() -> !discord.callbacks.isEmpty());
        release.countDown();
        await().atMost(5, TimeUnit.SECONDS).until(() -> discord.messageKinds().contains("PATCH original"));

        assertThat(discord.callbacks.get(0).get("type").asInt()).isEqualTo(5);
        assertThat(discord.callbacks.get(0).at("/data/flags").asInt(0) & 64).isZero();
        JsonNode edit = discord.message("PATCH original");
        assertThat(edit.get("content").asText()).isEqualTo("@\u200Beveryone look");
        assertThat(edit.at("/embeds/0/description").asText()).isEqualTo("\\<@&1\\> text");
        DiscordJson.assertWithinLimits(edit);
    }

    @Test
    void share_postsInTheChannelWithoutMentionsThenConfirmsPrivately() throws Exception {
        start("19456");

        discord.buttonPress("test:share");
        await().atMost(5, TimeUnit.SECONDS).until(() -> discord.messageKinds().contains("POST followup"));

        assertThat(discord.callbacks).singleElement().satisfies(callback -> assertThat(callback.get("type").asInt()).isEqualTo(6));
        assertThat(discord.messageKinds()).containsExactly("POST channel", "POST followup");
        DiscordJson.assertWithinLimits(discord.message("POST channel"));
        JsonNode confirmation = discord.message("POST followup");
        assertThat(confirmation.get("content").asText()).isEqualTo("Shared in the channel.");
        assertThat(confirmation.get("flags").asInt() & 64).isEqualTo(64);
        DiscordJson.assertWithinLimits(confirmation);
    }

    @Test
    void share_withoutSendPermission_userToldWhyAndNothingPosted() throws Exception {
        start("1024");

        discord.buttonPress("test:share");
        await().atMost(5, TimeUnit.SECONDS).until(() -> discord.messageKinds().contains("POST followup"));

        assertThat(discord.messageKinds()).containsExactly("POST followup");
        assertThat(discord.message("POST followup").get("content").asText()).isEqualTo(DiscordFailures.CANNOT_POST);
    }

    @Test
    void findSources_commandReadsTheTargetMessagesText() throws Exception {
        start("19456");

        discord.messageCommand("Find sources", "What about **escalation** in <@123> Europe?");

        await().atMost(5, TimeUnit.SECONDS).until(() -> !discord.callbacks.isEmpty());
        JsonNode callback = discord.callbacks.get(0);
        assertThat(callback.get("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/flags").asInt() & 64).isEqualTo(64);
        assertThat(callback.at("/data/content").asText())
                .isEqualTo("target: What about \\*\\*escalation\\*\\* in \\<@123\\> Europe?");
    }

    @Test
    void autocomplete_twentyFiveChoicesWithinOneHundredCharacters() throws Exception {
        start("19456");

        discord.autocomplete("slow", "query", "esc");

        await().atMost(5, TimeUnit.SECONDS).until(() -> !discord.callbacks.isEmpty());
        JsonNode callback = discord.callbacks.get(0);
        assertThat(callback.get("type").asInt()).isEqualTo(8);
        assertThat(callback.at("/data/choices")).hasSize(25).allSatisfy(choice -> {
            assertThat(choice.get("name").asText()).hasSizeBetween(1, 100).startsWith("esc");
            assertThat(choice.get("value").asText()).hasSizeBetween(1, 100);
        });
    }

    private void start(String everyonePermissions) throws Exception {
        discord = new MiniDiscord(everyonePermissions);
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
                return IntStream.range(0, 40).mapToObj(i -> new Choice(partial + i + "x".repeat(200), "v".repeat(150))).toList();
            }
        };
        Command findSources = new Command() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("Find sources", "Related passages", CommandSpec.Kind.MESSAGE_CONTEXT, List.of(), "",
                        false);
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
        CommandRegistry registry = new CommandRegistry(List.of(slow, findSources), List.of(share));
        InteractionListener listener = new InteractionListener(registry, new DiscordRenderer(), new ErrorBoundary(), workers,
                timer, Duration.ofMillis(200), Duration.ofSeconds(2));
        bot = new DiscordBot(MiniDiscord.TOKEN,
                new CitebotConfig.Discord(List.of(), discord.restUrl(), discord.gatewayUrl(), true), registry, listener);
        bot.start();
    }
}
