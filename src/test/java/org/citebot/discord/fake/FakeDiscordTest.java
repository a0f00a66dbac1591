package org.citebot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the fake Discord over the wire: a real JDA 6.5.0 client connects to it, registers
 * commands, and answers every kind of interaction through REST, while the fake enforces Discord's
 * acknowledgement rules and limits.
 */
@Timeout(30)
class FakeDiscordTest {

    private static final EnumSet<MentionType> NO_MENTIONS = EnumSet.noneOf(MentionType.class);

    private final MiniBot bot = new MiniBot();
    private FakeDiscord discord;
    private JDA jda;

    @BeforeEach
    void connect() throws InterruptedException {
        discord = FakeDiscord.start();
        jda = discord.jdaBuilder(bot).build().awaitReady();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        try {
            if (jda != null) {
                discord.shutdown(jda);
            }
        } finally {
            discord.close();
        }
    }

    @Test
    @DisplayName("JDA connects: READY with the app id, the guild with channel, roles and its own member")
    void connect_awaitReady_guildIsBuilt() {
        assertThat(jda.getSelfUser().getId()).isEqualTo(discord.bot().userId());
        assertThat(jda.getSelfUser().getApplicationId()).isEqualTo(discord.bot().applicationId());
        var guild = jda.getGuildById(discord.guild().id());
        assertThat(guild).isNotNull();
        assertThat(guild.getTextChannelsByName("general", false)).hasSize(1);
        assertThat(guild.getSelfMember().hasPermission(Permission.MESSAGE_SEND)).isTrue();
        assertThat(guild.getRolesByName("Moderator", false)).singleElement().satisfies(role -> assertThat(
                        role.hasPermission(Permission.MANAGE_SERVER))
                .isTrue());

        JsonNode identify = discord.gateway().received(2).get(0);
        assertThat(identify.path("d").path("token").asText()).isEqualTo(discord.token());
        assertThat(discord.requests("GET", "users/@me"))
                .singleElement()
                .satisfies(r -> assertThat(r.header("authorization")).contains("Bot " + discord.token()));
    }

    @Test
    @DisplayName("global and guild commands are stored and echoed with ids; interactions carry the registered id")
    void registerCommands_globalAndGuild_storedWithIds() {
        var global = jda.updateCommands()
                .addCommands(
                        Commands.slash("search", "Search the corpus")
                                .addOption(OptionType.STRING, "query", "What to look for", true, true),
                        Commands.message("Find sources"))
                .complete();
        var guildCommands = jda.getGuildById(discord.guild().id())
                .updateCommands()
                .addCommands(Commands.slash("reindex", "Rebuild the index")
                        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)))
                .complete();

        assertThat(global).extracting(c -> c.getName()).containsExactly("search", "Find sources");
        assertThat(discord.globalCommands())
                .extracting(c -> c.path("name").asText())
                .containsExactly("search", "Find sources");
        assertThat(discord.globalCommands().get(0).path("id").asText())
                .isEqualTo(global.get(0).getId());
        assertThat(discord.registeredCommands(discord.guild().id()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.path("id").asText())
                            .isEqualTo(guildCommands.get(0).getId());
                    assertThat(c.path("guild_id").asText())
                            .isEqualTo(discord.guild().id());
                    assertThat(c.path("default_member_permissions").asText()).isEqualTo("32");
                });
        assertThat(discord.registrationRequests()).hasSize(2).allSatisfy(r -> assertThat(r.path())
                .startsWith("applications/" + discord.bot().applicationId()));

        discord.slash("search", Map.of("query", "nuclear")).as(discord.alice()).awaitCallback();
        assertThat(bot.lastCommandId).isEqualTo(global.get(0).getIdLong());
    }

    @Test
    @DisplayName("upsert, edit, retrieve and delete single commands; a repeated overwrite keeps ids")
    void commandLifecycle_singleCommandRoutes() {
        var guild = jda.getGuildById(discord.guild().id());
        var created = guild.upsertCommand("digest", "Post the digest").complete();
        var again = guild.upsertCommand("digest", "Post the weekly digest").complete();
        guild.editCommandById(Command.Type.SLASH, created.getId())
                .setDescription("Post the digest now")
                .complete();

        assertThat(again.getId()).as("upsert of the same name updates in place").isEqualTo(created.getId());
        assertThat(guild.retrieveCommands().complete()).singleElement().satisfies(c -> assertThat(c.getDescription())
                .isEqualTo("Post the digest now"));

        guild.deleteCommandById(created.getId()).complete();
        assertThat(discord.registeredCommands(guild.getId())).isEmpty();
        assertThat(discord.registrationRequests())
                .extracting(RecordedRequest::method)
                .containsExactly("POST", "POST", "PATCH", "DELETE");

        var first = jda.updateCommands()
                .addCommands(Commands.slash("search", "Search"))
                .complete();
        var second = jda.updateCommands()
                .addCommands(Commands.slash("search", "Search the corpus"))
                .complete();
        assertThat(second.get(0).getId()).isEqualTo(first.get(0).getId());
        assertThat(discord.globalCommands())
                .singleElement()
                .satisfies(c -> assertThat(c.path("description").asText()).isEqualTo("Search the corpus"));
    }

    @Test
    @DisplayName("command registration breaking Discord's rules is rejected with 50035 Invalid Form Body")
    void registerCommands_invalid_rejectedWith50035() throws Exception {
        String url = discord.restUrl() + "applications/" + discord.bot().applicationId() + "/commands";
        String tooLong = "d".repeat(101);

        HttpResponse<String> badName = put(url, "[{\"name\":\"Bad Name\",\"description\":\"ok\",\"type\":1}]");
        HttpResponse<String> longDescription =
                put(url, "[{\"name\":\"ok\",\"description\":\"" + tooLong + "\",\"type\":1}]");
        HttpResponse<String> both = put(
                url,
                "[{\"name\":\"ok\",\"description\":\"ok\",\"options\":[{\"name\":\"q\","
                        + "\"description\":\"q\",\"type\":3,\"autocomplete\":true,\"choices\":[{\"name\":\"a\",\"value\":\"a\"}]}]}]");

        assertThat(badName.statusCode()).isEqualTo(400);
        JsonNode nameError = Payloads.JSON.readTree(badName.body());
        assertThat(nameError.path("code").asInt()).isEqualTo(50035);
        assertThat(nameError.path("message").asText()).isEqualTo("Invalid Form Body");
        assertThat(nameError.at("/errors/0/name/_errors/0/code").asText())
                .isEqualTo("APPLICATION_COMMAND_INVALID_NAME");
        assertThat(Payloads.JSON
                        .readTree(longDescription.body())
                        .at("/errors/0/description/_errors/0/code")
                        .asText())
                .isEqualTo("BASE_TYPE_BAD_LENGTH");
        assertThat(Payloads.JSON
                        .readTree(both.body())
                        .at("/errors/0/options/0/autocomplete/_errors")
                        .size())
                .isEqualTo(1);
        assertThat(discord.globalCommands()).isEmpty();
        assertThat(discord.registrationRequests())
                .extracting(RecordedRequest::status)
                .containsOnly(400);
    }

    @Test
    @DisplayName("slash reply: type 4 callback with allowed_mentions recorded, message stored as type 20")
    void slash_reply_recordedWithAllowedMentions() {
        InteractionHandle search =
                discord.slash("search", Map.of("query", "nuclear")).locale("de").as(discord.alice());

        JsonNode callback = search.awaitCallback();
        JsonNode message = search.awaitResponseMessage();

        assertThat(callback.path("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/allowed_mentions/parse")).isEmpty();
        assertThat(message.path("content").asText())
                .isEqualTo("Results for nuclear (de) <@" + discord.alice().id() + ">");
        assertThat(message.path("type").asInt()).isEqualTo(20);
        assertThat(message.path("mentions"))
                .as("allowed_mentions parse [] suppresses the ping")
                .isEmpty();
        assertThat(message.path("webhook_id").asText()).isEqualTo(discord.bot().applicationId());
        assertThat(discord.sentMessages()).singleElement().satisfies(sent -> {
            assertThat(sent.kind()).isEqualTo(SentMessage.Kind.INTERACTION_REPLY);
            assertThat(sent.payload().has("allowed_mentions")).isTrue();
        });
        assertThat(discord.channelMessages())
                .extracting(m -> m.path("content").asText())
                .containsExactly(message.path("content").asText());
    }

    @Test
    @DisplayName("typed options, subcommands and member permissions reach the bot")
    void slash_subcommandTypedOptionsAndPermissions_seenByBot() {
        InteractionHandle byMod = discord.slash("admin")
                .subcommand("limit", orderedOptions("count", 5, "public", true, "who", discord.alice()))
                .as(discord.mod());
        InteractionHandle byAlice =
                discord.slash("admin").subcommand("limit", Map.of("count", 1)).as(discord.alice());

        assertThat(byMod.awaitResponseMessage().path("content").asText())
                .isEqualTo("limit count=5 public=true who=alice");
        assertThat(byAlice.awaitResponseMessage().path("content").asText()).isEqualTo("Moderators only.");
        assertThat(byAlice.awaitResponseMessage().path("flags").asInt()).isEqualTo(64);
    }

    @Test
    @DisplayName("role options resolve, and options nest under a subcommand group")
    void slash_roleOptionInSubcommandGroup_seenByBot() {
        InteractionHandle grant = discord.slash(
                        "roles", Map.of("role", discord.guild().roleNamed("Moderator")))
                .inSubcommand("access", "grant")
                .as(discord.mod());

        assertThat(grant.awaitResponseMessage().path("content").asText()).isEqualTo("access/grant role=Moderator");
        assertThat(grant.payload().at("/data/options/0/type").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("deferReply then editOriginal: loading message becomes the final answer")
    void slash_deferThenEditOriginal_finalMessage() {
        InteractionHandle search =
                discord.slash("slow-search", Map.of("query", "fusion")).as(discord.alice());

        assertThat(search.awaitCallback().path("type").asInt()).isEqualTo(5);
        JsonNode message = search.awaitResponseMessage();

        assertThat(message.path("content").asText()).isEqualTo("Found 3 passages on fusion");
        assertThat(message.path("flags").asInt() & 128).as("no longer loading").isZero();
        assertThat(message.path("edited_timestamp").isNull()).isFalse();
        assertThat(discord.requests("PATCH", "webhooks/" + discord.bot().applicationId() + "/[^/]+/messages/@original"))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    @DisplayName("autocomplete: type 8 callback with the bot's choices")
    void autocomplete_choicesReturned() {
        InteractionHandle complete =
                discord.autocomplete("search", "query", "nuc").as(discord.alice());

        JsonNode callback = complete.awaitCallback();

        assertThat(callback.path("type").asInt()).isEqualTo(8);
        assertThat(callback.at("/data/choices"))
                .extracting(c -> c.path("value").asText())
                .containsExactly("nuclear", "nuclear power");
        assertThat(bot.focusedValues).containsExactly("nuc");
    }

    @Test
    @DisplayName("autocomplete inside a subcommand sees the other filled options")
    void autocomplete_inSubcommandWithOtherOptions() {
        InteractionHandle complete = discord.autocomplete("digest", "topic", "fu")
                .withOptions(Map.of("weekly", true))
                .inSubcommand("subscribe")
                .as(discord.alice());

        assertThat(complete.awaitCallback().at("/data/choices"))
                .extracting(c -> c.path("name").asText())
                .containsExactly("subscribe fusion (weekly=true)");
    }

    @Test
    @DisplayName("button: editMessage (type 7) updates the message; deferEdit (type 6) then editOriginal")
    void button_updateAndDeferEdit_editTheBotsMessage() {
        JsonNode menu = discord.slash("menu").as(discord.alice()).awaitResponseMessage();
        assertThat(menu.at("/components/0/components/0/custom_id").asText()).isEqualTo("refine");

        InteractionHandle refine = discord.button("refine", menu).as(discord.alice());
        assertThat(refine.awaitCallback().path("type").asInt()).isEqualTo(7);
        assertThat(refine.awaitResponseMessage().path("content").asText()).isEqualTo("Refined by alice");

        InteractionHandle quiet =
                discord.button("quiet", menu.path("id").asText()).as(discord.alice());
        assertThat(quiet.awaitCallback().path("type").asInt()).isEqualTo(6);
        JsonNode edited = quiet.awaitResponseMessage(
                m -> m.path("content").asText().equals("Quietly refined"), InteractionHandle.DEFAULT_TIMEOUT);

        assertThat(edited.path("id").asText()).isEqualTo(menu.path("id").asText());
        assertThat(edited.path("components")).isEmpty();
        assertThat(discord.channelMessages()).hasSize(1);
        assertThat(bot.buttonLabels).containsExactly("Refine", "Quiet");
    }

    @Test
    @DisplayName("string select: the bot sees the chosen values and the menu; clicking a missing button is refused")
    void select_valuesSeen_missingComponentRefused() {
        JsonNode menu = discord.slash("menu").as(discord.alice()).awaitResponseMessage();

        InteractionHandle pick =
                discord.select("source", List.of("paper-2", "paper-3"), menu).as(discord.alice());

        assertThat(pick.awaitResponseMessage(
                                m -> m.path("content").asText().startsWith("Chose"), InteractionHandle.DEFAULT_TIMEOUT)
                        .path("content")
                        .asText())
                .isEqualTo("Chose [paper-2, paper-3] from Pick sources");
        assertThatThrownBy(() -> discord.button("no-such-button", menu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refine");
    }

    @Test
    @DisplayName("modal: the bot opens it (type 9) and handles the submission (interaction type 5)")
    void modal_openedThenSubmitted() {
        InteractionHandle open = discord.slash("feedback").as(discord.alice());

        JsonNode modal = open.awaitCallback();
        assertThat(modal.path("type").asInt()).isEqualTo(9);
        assertThat(modal.at("/data/custom_id").asText()).isEqualTo("feedback-form");
        assertThat(modal.at("/data/title").asText()).isEqualTo("Feedback");

        InteractionHandle submit = discord.modalSubmit("feedback-form", Map.of("comment", "More sources please"))
                .as(discord.alice());

        assertThat(submit.awaitResponseMessage().path("content").asText()).isEqualTo("Thanks: More sources please");
    }

    @Test
    @DisplayName("message context menu: the bot sees the target message's content and author")
    void messageCommand_targetResolved() {
        InteractionHandle find = discord.messageCommand("Find sources", "Fusion is always 30 years away")
                .as(discord.alice());

        JsonNode reply = find.awaitResponseMessage();

        assertThat(reply.path("content").asText()).isEqualTo("Sources for alice: Fusion is always 30 years away");
        assertThat(reply.path("type").asInt()).isEqualTo(23);
        assertThat(discord.channelMessages()).hasSize(2);
    }

    @Test
    @DisplayName("a second callback for the same interaction gets 400 / 40060")
    void callback_twice_secondIs40060() {
        InteractionHandle search = discord.slash("search", Map.of("query", "x")).as(discord.alice());
        search.awaitCallback();

        search.redeliver();

        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.failures.isEmpty());
        assertThat(bot.failures).singleElement().isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(
                        e.getErrorCode())
                .isEqualTo(40060));
        assertThat(discord.requests("POST", "interactions/" + search.id() + "/.*/callback"))
                .extracting(RecordedRequest::status)
                .containsExactly(200, 400);
        assertThat(search.rejectedCallbacks())
                .singleElement()
                .asString()
                .isEqualTo("400 {\"message\":\"Interaction has already been acknowledged.\",\"code\":40060}");
        assertThat(discord.channelMessages()).hasSize(1);
    }

    @Test
    @DisplayName("a callback after the deadline gets 404 / 10062 Unknown interaction")
    void callback_late_is10062() {
        discord.interactionDeadline(Duration.ofMillis(300));

        InteractionHandle late = discord.slash("late").as(discord.alice());

        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.failures.isEmpty());
        assertThat(bot.failures).singleElement().isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(
                        e.getErrorCode())
                .isEqualTo(10062));
        assertThat(late.isAcknowledged()).isFalse();
        assertThat(late.rejectedCallbacks())
                .singleElement()
                .asString()
                .startsWith("404")
                .contains("10062");
        assertThat(discord.channelMessages()).isEmpty();
    }

    @Test
    @DisplayName("429 with Retry-After on a follow-up: JDA waits, retries, and the follow-up arrives")
    void followup_rateLimitedOnce_retriedAndDelivered() {
        discord.failNext("POST", "webhooks/\\d+/[^/]+", 1, Fault.rateLimited(Duration.ofSeconds(1)));

        InteractionHandle cite = discord.slash("cite").as(discord.alice());

        List<JsonNode> followups = cite.awaitFollowups(1);
        assertThat(followups)
                .singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("Here is your citation"));
        List<RecordedRequest> posts = discord.requests("POST", "webhooks/.*");
        assertThat(posts).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(cite.awaitCallback().at("/data/flags").asInt()).isEqualTo(64);
    }

    @Test
    @DisplayName("an embed field over 1024 characters is rejected with 50035 and nothing is posted")
    void reply_overLimitEmbed_rejectedWith50035() {
        InteractionHandle huge = discord.slash("huge").as(discord.alice());

        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.failures.isEmpty());
        assertThat(bot.failures).singleElement().isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(
                        e.getErrorCode())
                .isEqualTo(50035));
        RecordedRequest rejected =
                discord.requests("POST", "interactions/.*/callback").get(0);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().at("/data/embeds/0/fields/0/value").asText()).hasSize(1500);
        assertThat(huge.isAcknowledged()).isFalse();
        assertThat(huge.rejectedCallbacks())
                .singleElement()
                .asString()
                .contains("50035")
                .contains("fields");
        assertThat(discord.sentMessages()).isEmpty();
    }

    @Test
    @DisplayName("channel send with the same nonce twice creates one message")
    void channelSend_sameNonceTwice_oneMessage() {
        InteractionHandle digest = discord.slash("digest").as(discord.alice());

        digest.awaitResponseMessage();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> discord.requests("POST", "channels/\\d+/messages").size() == 2);

        List<RecordedRequest> posts = discord.requests("POST", "channels/\\d+/messages");
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.body().path("nonce").asText()).isEqualTo("digest-2026-11-22");
            assertThat(p.body().path("enforce_nonce").asBoolean()).isTrue();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.postedIds.size() == 2);
        assertThat(bot.postedIds.get(0))
                .as("both sends answered with the same message")
                .isEqualTo(bot.postedIds.get(1));
        assertThat(discord.channelMessages())
                .extracting(m -> m.path("content").asText())
                .containsOnlyOnce("Weekly digest");
    }

    @Test
    @DisplayName("503 twice on a channel post: JDA backs off and retries; the embed comes back rich and the edit lands")
    void channelPost_serverErrorsThenEdit_retriedAndEdited() {
        discord.failNext("POST", "channels/\\d+/messages", 2, Fault.serverError(503));

        discord.slash("announce").as(discord.mod());

        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        discord.requests("PATCH", "channels/\\d+/messages/\\d+").size() == 1);
        assertThat(discord.requests("POST", "channels/\\d+/messages"))
                .extracting(RecordedRequest::status)
                .containsExactly(503, 503, 200);
        assertThat(bot.postedEmbedTitles).containsExactly("This week");
        JsonNode posted = discord.awaitChannelMessage(
                discord.channel().id(), m -> m.path("content").asText().equals("Digest (edited)"));
        assertThat(posted.at("/embeds/0/type").asText()).isEqualTo("rich");
        assertThat(posted.path("edited_timestamp").isTextual()).isTrue();
        assertThat(discord.sentMessages())
                .extracting(SentMessage::kind)
                .containsExactly(
                        SentMessage.Kind.INTERACTION_REPLY,
                        SentMessage.Kind.CHANNEL_MESSAGE,
                        SentMessage.Kind.CHANNEL_EDIT);
    }

    @Test
    @DisplayName("file upload: multipart payload_json is recorded and the file becomes an attachment")
    void replyWithFile_multipartParsed() {
        InteractionHandle export = discord.slash("export").as(discord.alice());

        JsonNode message = export.awaitResponseMessage();

        assertThat(message.path("content").asText()).isEqualTo("Your export");
        assertThat(message.at("/attachments/0/filename").asText()).isEqualTo("sources.csv");
        assertThat(message.at("/attachments/0/size").asInt())
                .isEqualTo("title,url\nFusion,https://example.org\n".length());
        RecordedRequest callback =
                discord.requests("POST", "interactions/.*/callback").get(0);
        assertThat(callback.uploadedFiles()).containsExactly("sources.csv");
        assertThat(callback.body().path("type").asInt()).isEqualTo(4);
        assertThat(bot.failures).isEmpty();
    }

    @Test
    @DisplayName("dropped gateway (close 4000): JDA resumes (op 6, RESUMED) and handles the next interaction")
    void gatewayDropped_jdaResumes_nextInteractionHandled() {
        discord.dropGatewayConnection();

        assertResumedAndServing();
    }

    @Test
    @DisplayName("cut gateway (no close frame, 1006): JDA resumes and handles the next interaction")
    void gatewayCut_jdaResumes_nextInteractionHandled() {
        discord.cutGatewayConnection();

        assertResumedAndServing();
    }

    @Test
    @DisplayName("invalid session (op 9, not resumable): JDA identifies again and keeps serving")
    void invalidSession_jdaIdentifiesAgain() {
        discord.gateway().invalidateSession(false);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.gateway().received(2).size() == 2
                        && discord.gateway().sentDispatchNames().stream()
                                        .filter("READY"::equals)
                                        .count()
                                == 2
                        && jda.getStatus() == JDA.Status.CONNECTED);

        InteractionHandle after =
                discord.slash("search", Map.of("query", "again")).as(discord.alice());
        assertThat(after.awaitResponseMessage().path("content").asText()).startsWith("Results for again");
    }

    private void assertResumedAndServing() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.gateway().sentDispatchNames().contains("RESUMED")
                        && jda.getStatus() == JDA.Status.CONNECTED);
        assertThat(discord.gateway().received(6)).singleElement().satisfies(resume -> {
            assertThat(resume.at("/d/session_id").asText()).startsWith("fake-session-");
            assertThat(resume.at("/d/token").asText()).isEqualTo(discord.token());
            assertThat(resume.at("/d/seq").asLong())
                    .as("READY and GUILD_CREATE seen")
                    .isEqualTo(2);
        });
        assertThat(discord.gateway().received(2)).as("no second IDENTIFY").hasSize(1);

        InteractionHandle after =
                discord.slash("search", Map.of("query", "resumed")).as(discord.alice());
        assertThat(after.awaitResponseMessage().path("content").asText()).startsWith("Results for resumed");
        assertThat(discord.gateway().sent())
                .filteredOn(p -> p.path("t").asText().equals("INTERACTION_CREATE"))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.path("s").asInt()).as("RESUMED was 3").isEqualTo(4));
    }

    @Test
    @DisplayName("a custom world from the builder: two guilds, extra roles, channels and members")
    void builder_customGuilds_visibleToJdaAndUsableForInteractions() throws InterruptedException {
        TestGuild library = TestGuild.builder("Library")
                .textChannel("front-desk")
                .textChannel("sources")
                .role("Librarian", TestGuild.MANAGE_GUILD)
                .member("bob", "Librarian")
                .member("carol")
                .owner("carol")
                .build();
        TestGuild annex = TestGuild.builder("Annex")
                .textChannel("annex-general")
                .member("dave")
                .build();
        MiniBot otherBot = new MiniBot();
        try (FakeDiscord custom = FakeDiscord.builder()
                .guild(library)
                .guild(annex)
                .token("another-token")
                .start()) {
            JDA other = custom.jdaBuilder(otherBot).build().awaitReady();
            try {
                assertThat(other.getGuilds())
                        .extracting(g -> g.getName())
                        .containsExactlyInAnyOrder("Library", "Annex");
                assertThat(other.getGuildById(library.id()).getOwnerId())
                        .isEqualTo(library.member("carol").id());

                InteractionHandle inSources = custom.slash("admin")
                        .subcommand("limit", Map.of("count", 2))
                        .in(library.channel("sources"))
                        .as(library.member("bob"));
                InteractionHandle inAnnex = custom.slash("search", Map.of("query", "annex"))
                        .in(annex.channel("annex-general"))
                        .as(annex.member("dave"));

                assertThat(inSources.awaitResponseMessage().path("content").asText())
                        .startsWith("limit count=2");
                assertThat(inSources.awaitResponseMessage().path("channel_id").asText())
                        .isEqualTo(library.channel("sources").id());
                assertThat(inAnnex.payload().path("guild_id").asText()).isEqualTo(annex.id());
                assertThat(inAnnex.awaitResponseMessage().path("channel_id").asText())
                        .isEqualTo(annex.channel("annex-general").id());
                assertThat(custom.channelMessages(annex.channel("annex-general").id()))
                        .hasSize(1);
                assertThat(custom.channelMessages())
                        .as("default channel is the first guild's first channel")
                        .isEmpty();
            } finally {
                custom.shutdown(other);
            }
        }
    }

    @Test
    @DisplayName(
            "the bot's own wiring works too: createDefault, zlib-stream requested, only restUrl/gatewayUrl/token given")
    void externalWiring_createDefault_connectsAndReplies() throws InterruptedException {
        String gatewayUrl = discord.gatewayUrl();
        MiniBot ownBot = new MiniBot();
        JDA own = JDABuilder.createDefault(discord.token())
                .setRestConfig(new RestConfig().setBaseUrl(discord.restUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                })
                .setEnableShutdownHook(false)
                .addEventListeners(ownBot)
                .build()
                .awaitReady();
        try {
            assertThat(discord.gateway().handshakes()).last().asString().contains("compress=zlib-stream");
            assertThat(discord.gateway().received(2)).last().satisfies(identify -> assertThat(
                            identify.at("/d/intents").asInt())
                    .isGreaterThan(1));

            InteractionHandle search =
                    discord.slash("search", Map.of("query", "wiring")).as(discord.alice());

            assertThat(search.awaitResponseMessage().path("content").asText()).startsWith("Results for wiring");
        } finally {
            discord.shutdown(own);
        }
    }

    @Test
    @DisplayName("a wrong token makes JDA's build fail with InvalidTokenException (401 on users/@me)")
    void wrongToken_invalidTokenException() {
        assertThatThrownBy(() -> discord.jdaBuilder("not-the-token").build()).isInstanceOf(InvalidTokenException.class);
        assertThat(discord.requests("GET", "users/@me"))
                .extracting(RecordedRequest::status)
                .containsExactly(200, 401);
    }

    @Test
    @DisplayName("unknown routes answer 404 in Discord's error shape")
    void unknownRoute_404DiscordShape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(discord.restUrl() + "guilds/1/bans"))
                                .header("Authorization", "Bot " + discord.token())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Payloads.JSON.readTree(response.body());
        assertThat(body.path("message").asText()).isEqualTo("404: Not Found");
        assertThat(body.path("code").asInt()).isZero();
    }

    private HttpResponse<String> put(String url, String json) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bot " + discord.token())
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> orderedOptions(Object... keyValues) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    /** A tiny bot exercising every reply path JDA has; failures of its REST calls are collected. */
    static final class MiniBot extends ListenerAdapter {
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<String> focusedValues = new CopyOnWriteArrayList<>();
        final List<String> buttonLabels = new CopyOnWriteArrayList<>();
        final List<String> postedIds = new CopyOnWriteArrayList<>();
        final List<String> postedEmbedTitles = new CopyOnWriteArrayList<>();
        volatile long lastCommandId;

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            lastCommandId = event.getCommandIdLong();
            switch (event.getName()) {
                case "search" ->
                    event.reply("Results for " + event.getOption("query", OptionMapping::getAsString) + " ("
                                    + event.getUserLocale().getLocale() + ") "
                                    + event.getUser().getAsMention())
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                case "slow-search" -> {
                    event.deferReply().queue(null, failures::add);
                    event.getHook()
                            .editOriginal("Found 3 passages on " + event.getOption("query", OptionMapping::getAsString))
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                }
                case "admin" -> {
                    if (!event.getMember().hasPermission(Permission.MANAGE_SERVER)) {
                        event.reply("Moderators only.").setEphemeral(true).queue(null, failures::add);
                        return;
                    }
                    event.reply(event.getSubcommandName()
                                    + " count=" + event.getOption("count", OptionMapping::getAsLong)
                                    + " public=" + event.getOption("public", OptionMapping::getAsBoolean)
                                    + " who="
                                    + event.getOption(
                                            "who",
                                            o -> o.getAsMember().getUser().getName()))
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                }
                case "menu" ->
                    event.reply("Pick one")
                            .addComponents(
                                    ActionRow.of(
                                            Button.primary("refine", "Refine"), Button.secondary("quiet", "Quiet")),
                                    ActionRow.of(StringSelectMenu.create("source")
                                            .setPlaceholder("Pick sources")
                                            .addOption("Paper 1", "paper-1")
                                            .addOption("Paper 2", "paper-2")
                                            .addOption("Paper 3", "paper-3")
                                            .setMaxValues(3)
                                            .build()))
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                case "late" -> event.reply("too late").queueAfter(800, TimeUnit.MILLISECONDS, null, failures::add);
                case "cite" -> {
                    event.deferReply(true).queue(null, failures::add);
                    event.getHook()
                            .sendMessage("Here is your citation")
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                }
                case "huge" -> {
                    // JDA checks field lengths in EmbedBuilder#addField; an unchecked Field slips past, as a buggy
                    // formatter would.
                    EmbedBuilder builder = new EmbedBuilder().setTitle("Too big");
                    builder.getFields().add(new MessageEmbed.Field("passage", "x".repeat(1500), false, false));
                    MessageEmbed embed = builder.build();
                    event.replyEmbeds(embed).setAllowedMentions(NO_MENTIONS).queue(null, failures::add);
                }
                case "digest" -> {
                    event.reply("Posting digest").setEphemeral(true).queue(null, failures::add);
                    for (int attempt = 0; attempt < 2; attempt++) {
                        event.getChannel()
                                .sendMessage("Weekly digest")
                                .setNonce("digest-2026-11-22")
                                .setAllowedMentions(NO_MENTIONS)
                                .queue(m -> postedIds.add(m.getId()), failures::add);
                    }
                }
                case "announce" -> {
                    event.reply("Announcing")
                            .setEphemeral(true)
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                    event.getChannel()
                            .sendMessage("Digest")
                            .setEmbeds(new EmbedBuilder()
                                    .setTitle("This week")
                                    .setDescription("3 new sources")
                                    .build())
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(
                                    m -> {
                                        m.getEmbeds().forEach(e -> postedEmbedTitles.add(e.getTitle()));
                                        m.editMessage("Digest (edited)")
                                                .setAllowedMentions(NO_MENTIONS)
                                                .queue(null, failures::add);
                                    },
                                    failures::add);
                }
                case "roles" ->
                    event.reply(event.getSubcommandGroup() + "/" + event.getSubcommandName() + " role="
                                    + event.getOption("role", OptionMapping::getAsRole)
                                            .getName())
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                case "feedback" ->
                    event.replyModal(Modal.create("feedback-form", "Feedback")
                                    .addComponents(Label.of(
                                            "Comment",
                                            TextInput.create("comment", TextInputStyle.PARAGRAPH)
                                                    .build()))
                                    .build())
                            .queue(null, failures::add);
                case "export" ->
                    event.reply("Your export")
                            .addFiles(FileUpload.fromData(
                                    "title,url\nFusion,https://example.org\n".getBytes(StandardCharsets.UTF_8),
                                    "sources.csv"))
                            .setAllowedMentions(NO_MENTIONS)
                            .queue(null, failures::add);
                default -> event.reply("Unknown command").setEphemeral(true).queue(null, failures::add);
            }
        }

        @Override
        public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
            String typed = event.getFocusedOption().getValue();
            if (event.getName().equals("digest")) {
                event.replyChoiceStrings(event.getSubcommandName() + " " + typed + "sion (weekly="
                                + event.getOption("weekly", OptionMapping::getAsBoolean) + ")")
                        .queue(null, failures::add);
                return;
            }
            focusedValues.add(typed);
            event.replyChoiceStrings(List.of("nuclear", "nuclear power", "solar").stream()
                            .filter(c -> c.startsWith(typed))
                            .toList())
                    .queue(null, failures::add);
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent event) {
            buttonLabels.add(event.getButton().getLabel());
            if (event.getComponentId().equals("refine")) {
                event.editMessage("Refined by " + event.getUser().getName()).queue(null, failures::add);
            } else {
                event.deferEdit().queue(null, failures::add);
                event.getHook().editOriginal("Quietly refined").setComponents().queue(null, failures::add);
            }
        }

        @Override
        public void onModalInteraction(ModalInteractionEvent event) {
            event.reply("Thanks: " + event.getValue("comment").getAsString())
                    .setEphemeral(true)
                    .setAllowedMentions(NO_MENTIONS)
                    .queue(null, failures::add);
        }

        @Override
        public void onStringSelectInteraction(StringSelectInteractionEvent event) {
            event.editMessage("Chose " + event.getValues() + " from "
                            + event.getSelectMenu().getPlaceholder())
                    .queue(null, failures::add);
        }

        @Override
        public void onMessageContextInteraction(MessageContextInteractionEvent event) {
            event.reply("Sources for " + event.getTarget().getAuthor().getName() + ": "
                            + event.getTarget().getContentRaw())
                    .setAllowedMentions(NO_MENTIONS)
                    .queue(null, failures::add);
        }
    }
}
