package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citebot.command.ActionHandler;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.HelpCommand;
import org.citebot.command.SourcesActionHandler;
import org.citebot.command.SourcesCommand;
import org.citebot.command.StatusCommand;
import org.citebot.config.CitebotConfig;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.testing.LocalPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** {@link DiscordBot} against the fake Discord: login, registration only when changed, token handling. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DiscordBotTest {

    private static final String TOKEN = "fake.discord.token-0123456789";

    private final ExecutorService workers = InteractionListener.boundedPool(2, 10);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<DiscordBot> bots = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private FakeDiscord discord;

    @BeforeEach
    void startDiscord() {
        discord = FakeDiscord.builder().token(TOKEN).start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopAll() throws Exception {
        bots.forEach(DiscordBot::close);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        discord.close();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void start_registersGlobalCommandsOnce_thenOnlyWhenTheyChange() throws Exception {
        String global = "applications/" + discord.bot().applicationId() + "/commands";
        bot(TOKEN, List.of(), commands()).start();
        assertThat(discord.requests("PUT", global)).hasSize(1);
        bots.get(0).close();

        bot(TOKEN, List.of(), commands()).start();
        assertThat(discord.requests("GET", global)).hasSize(2);
        assertThat(discord.requests("PUT", global)).hasSize(1);
        bots.get(1).close();

        List<Command> more = new ArrayList<>(commands());
        more.add(new StatusCommand(Optional::empty, Clock.systemUTC(), Instant.EPOCH));
        bot(TOKEN, List.of(), more).start();
        assertThat(discord.requests("PUT", global)).hasSize(2);
        assertThat(discord.registrationRequests()).hasSize(2);
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("Commands (global) unchanged: 2 registered"))
                .anySatisfy(line -> assertThat(line).startsWith("Commands (global) registered: 3 commands"));
    }

    @Test
    void start_guildsConfigured_registersPerGuildOnly_andSkipsGuildsItIsNotIn() throws Exception {
        String guild = discord.guild().id();
        bot(TOKEN, List.of(guild, "999999999999999999"), commands()).start();

        String app = "applications/" + discord.bot().applicationId();
        assertThat(discord.requests("PUT", app + "/guilds/" + guild + "/commands"))
                .hasSize(1);
        assertThat(discord.requests("PUT", app + "/commands")).isEmpty();
        assertThat(discord.requests()).noneMatch(request -> request.path().contains("999999999999999999"));
        bots.get(0).close();

        bot(TOKEN, List.of(guild), commands()).start();
        assertThat(discord.requests("PUT", app + "/guilds/" + guild + "/commands"))
                .hasSize(1);
        assertThat(discord.registeredCommands(guild))
                .extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("help", "sources");
    }

    @Test
    void start_rejectedToken_clearMessageAndTheTokenNowhere() {
        String secret = "wrong.secret-token-value";
        DiscordBot bot = bot(secret, List.of(), commands());

        assertThatThrownBy(bot::start)
                .isInstanceOf(DiscordStartException.class)
                .hasMessage(DiscordBot.REJECTED_TOKEN)
                .hasNoCause();
        assertThat(logs.list)
                .noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(secret));
    }

    @Test
    void start_tokenWithSpaces_toldToPasteItExactly() {
        assertThatThrownBy(bot("Bot abc def", List.of(), commands())::start)
                .isInstanceOf(DiscordStartException.class)
                .hasMessage(DiscordBot.MALFORMED_TOKEN);
    }

    @Test
    void start_restUnreachable_saysWhereItTriedWithoutTheToken() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + LocalPorts.unused() + "/api/v10/");
        CommandRegistry registry = new CommandRegistry(commands(), List.of());
        DiscordBot bot = new DiscordBot(
                TOKEN,
                new CitebotConfig.Discord(
                        List.of(), closed, URI.create(discord.gatewayUrl()), true, InteractionListener.QUICK_WINDOW),
                registry,
                listener(registry));
        bots.add(bot);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(bot::start)
                .isInstanceOf(DiscordStartException.class)
                .hasMessageContaining(closed.toString())
                .hasMessageNotContaining(TOKEN));
    }

    @Test
    void start_tokenNeverLogged() throws Exception {
        bot(TOKEN, List.of(), commands()).start();

        assertThat(logs.list).isNotEmpty().noneSatisfy(event -> {
            assertThat(event.getFormattedMessage()).contains(TOKEN);
        });
    }

    @Test
    void slashCommand_answeredPrivatelyWithinLimitsMentioningNoOne() throws Exception {
        bot(TOKEN, List.of(), commands()).start();

        InteractionHandle help = discord.slash("help").as(discord.alice());

        JsonNode callback = help.awaitCallback();
        assertThat(callback.get("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/flags").asInt() & 64).isEqualTo(64);
        assertThat(callback.at("/data/embeds")).hasSize(2);
        DiscordJson.assertWithinLimits(callback.get("data"));
    }

    private DiscordBot bot(String token, List<String> guilds, List<Command> commands) {
        List<ActionHandler> handlers = List.of(new SourcesActionHandler(List::of));
        CommandRegistry registry = new CommandRegistry(commands, handlers);
        CitebotConfig.Discord config = new CitebotConfig.Discord(
                guilds,
                URI.create(discord.restUrl()),
                URI.create(discord.gatewayUrl()),
                true,
                InteractionListener.QUICK_WINDOW);
        InteractionListener listener = listener(registry);
        DiscordBot bot = new DiscordBot(token, config, registry, listener);
        bots.add(bot);
        return bot;
    }

    private InteractionListener listener(CommandRegistry registry) {
        return new InteractionListener(
                registry,
                new DiscordRenderer(),
                new ErrorBoundary(),
                workers,
                timer,
                InteractionListener.QUICK_WINDOW,
                InteractionListener.AUTOCOMPLETE_BUDGET);
    }

    private static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        SourcesCommand sources = new SourcesCommand(List::of);
        commands.add(new HelpCommand(() -> List.of(sources.spec(), sources.spec())));
        commands.add(sources);
        return commands;
    }
}
