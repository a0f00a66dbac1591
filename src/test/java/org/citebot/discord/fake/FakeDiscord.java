package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local fake Discord for end-to-end tests: a REST server and a gateway on 127.0.0.1 that an
 * unmodified JDA client (or the citebot bot, given {@link #restUrl()}, {@link #gatewayUrl()} and
 * {@link #token()}) connects to. Tests dispatch interactions as guild members, then assert on the
 * recorded requests, the messages the bot sent and the channel state.
 *
 * <pre>{@code
 * try (FakeDiscord discord = FakeDiscord.start()) {
 *     JDA jda = discord.jdaBuilder(listener).build().awaitReady();
 *     InteractionHandle i = discord.slash("search", Map.of("query", "nuclear")).as(discord.alice());
 *     assertThat(i.awaitResponseMessage().path("content").asText()).contains("nuclear");
 * }
 * }</pre>
 *
 * The default world is one guild "Test Guild" with a text channel {@code general}, a role
 * {@code Moderator} holding Manage Server, and members {@code alice} (no roles) and {@code mod}.
 */
public final class FakeDiscord implements AutoCloseable {

    /** The token the default fake expects. */
    public static final String DEFAULT_TOKEN = "fake-bot-token";

    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscord.class);
    private static final Duration CLIENT_SHUTDOWN_WAIT = Duration.ofSeconds(20);
    private static final Duration SLOW_CLIENT_SHUTDOWN = Duration.ofSeconds(5);

    private final TestBot bot;
    private final List<TestGuild> guilds;
    private final ChannelState channels = new ChannelState();
    private final FakeRest rest;
    private final FakeGateway gateway;
    /** Each user's direct-message channel with the bot, made on first use. */
    private final Map<String, String> directMessageChannels = new java.util.concurrent.ConcurrentHashMap<>();

    private FakeDiscord(Builder builder) {
        this.bot = TestBot.create(builder.botName, builder.token);
        this.guilds = List.copyOf(builder.guilds.isEmpty() ? List.of(defaultGuild()) : builder.guilds);
        try {
            this.rest = new FakeRest(bot, guilds, channels, builder.interactionDeadline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.gateway = new FakeGateway(bot, guilds, builder.shards);
        rest.nonceWindow(builder.nonceWindow);
        int maxConcurrency = builder.maxConcurrency;
        rest.gatewayBot(() -> Payloads.gatewayBot(gateway.url(), gateway.shardTotal(), maxConcurrency));
        rest.start();
        try {
            gateway.start();
        } catch (RuntimeException e) {
            rest.close();
            throw e;
        }
    }

    /** Starts a fake with the default guild, token and 3-second interaction deadline. */
    public static FakeDiscord start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static TestGuild defaultGuild() {
        return TestGuild.builder("Test Guild")
                .textChannel("general")
                .role("Moderator", TestGuild.MANAGE_GUILD)
                .member("alice")
                .member("mod", "Moderator")
                .build();
    }

    // ---- connection details ----

    /** {@code http://127.0.0.1:PORT/api/v10/}: JDA's {@code RestConfig#setBaseUrl}. */
    public String restUrl() {
        return rest.url();
    }

    /** {@code ws://127.0.0.1:PORT/}: what {@code SessionController#getGateway()} must return. */
    public String gatewayUrl() {
        return gateway.url();
    }

    public String token() {
        return bot.token();
    }

    public TestBot bot() {
        return bot;
    }

    /** The bot's application: who owns it (a user or a team), as {@code GET oauth2/applications/@me} reports. */
    public TestApplication application() {
        return rest.application();
    }

    /**
     * A {@code createLight} JDABuilder wired to this fake (REST base URL, gateway URL via its own
     * {@link SessionControllerAdapter}, no compression, no shutdown hook), with the right token.
     */
    public JDABuilder jdaBuilder(Object... listeners) {
        return jdaBuilder(bot.token(), listeners);
    }

    /** As {@link #jdaBuilder(Object...)} with a chosen token, e.g. a wrong one. */
    public JDABuilder jdaBuilder(String token, Object... listeners) {
        String gatewayUrl = gatewayUrl();
        return JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(restUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false)
                .addEventListeners(listeners);
    }

    // ---- the world ----

    public TestGuild guild() {
        return guilds.get(0);
    }

    public List<TestGuild> guilds() {
        return guilds;
    }

    /** The guilds on {@code shard}, in the order they were added. */
    public List<TestGuild> guildsOnShard(int shard) {
        return guilds.stream()
                .filter(guild -> FakeGateway.shardOf(guild.id(), gateway.shardTotal()) == shard)
                .toList();
    }

    /** The first guild's first text channel (by default {@code general}). */
    public TestChannel channel() {
        return guild().channels().get(0);
    }

    public TestChannel channel(String name) {
        return guild().channel(name);
    }

    /** The default plain member (no roles). */
    public TestMember alice() {
        return member("alice");
    }

    /** The default moderator (role with Manage Server). */
    public TestMember mod() {
        return member("mod");
    }

    public TestMember member(String username) {
        return guild().member(username);
    }

    /** The id of {@code user}'s direct-message channel with the bot; the same on every call. */
    public String dmChannelId(TestMember user) {
        return directMessageChannels.computeIfAbsent(user.id(), id -> Snowflakes.nextId());
    }

    /** Stores a message by a member in the default channel, as targets for buttons and context menus. */
    public JsonNode postAsMember(TestMember member, String content) {
        return postAsMember(member, channel(), content);
    }

    public JsonNode postAsMember(TestMember member, TestChannel channel, String content) {
        return rest.postAsMember(member, channel.id(), content);
    }

    // ---- interactions ----

    /**
     * A slash command (type 2, data.type 1). Option values map to Discord option types: String 3,
     * Integer/Long 4, Boolean 5, Double/Float 10, and with {@code resolved} entries TestMember 6
     * (user + member), TestChannel 7, TestRole 8. Pass a {@code LinkedHashMap} to fix their order.
     */
    public InteractionBuilder slash(String commandName, Map<String, ?> options) {
        ObjectNode data = commandData(commandName, 1);
        data.set("options", options(options, data));
        return new InteractionBuilder(2, data, null);
    }

    public InteractionBuilder slash(String commandName) {
        return slash(commandName, Map.of());
    }

    /** Autocomplete (type 4) for {@code option}, whose partial input is {@code partial} (the focused option). */
    public InteractionBuilder autocomplete(String commandName, String option, String partial) {
        ObjectNode data = commandData(commandName, 1);
        data.putArray("options")
                .addObject()
                .put("name", option)
                .put("type", 3)
                .put("value", partial)
                .put("focused", true);
        return new InteractionBuilder(4, data, null);
    }

    /**
     * A button click (type 3, component_type 2) on the given message (a full Message object, e.g.
     * from {@link #channelMessages} or {@link InteractionHandle#awaitResponseMessage()}). Fails if
     * the message has no button with that custom_id, as Discord cannot send such a click.
     */
    public InteractionBuilder button(String customId, JsonNode onMessage) {
        requireComponent(onMessage, customId, 2);
        ObjectNode data = Payloads.object().put("custom_id", customId).put("component_type", 2);
        return new InteractionBuilder(3, data, onMessage.deepCopy());
    }

    /** A string-select choice (type 3, component_type 3) of {@code values} on the menu with that custom_id. */
    public InteractionBuilder select(String customId, List<String> values, JsonNode onMessage) {
        requireComponent(onMessage, customId, 3);
        ObjectNode data = Payloads.object().put("custom_id", customId).put("component_type", 3);
        ArrayNode chosen = data.putArray("values");
        values.forEach(chosen::add);
        return new InteractionBuilder(3, data, onMessage.deepCopy());
    }

    private static void requireComponent(JsonNode message, String customId, int componentType) {
        List<String> present = new ArrayList<>();
        collectCustomIds(message.path("components"), componentType, present);
        if (!present.contains(customId)) {
            throw new IllegalArgumentException("message " + message.path("id").asText() + " has no component of type "
                    + componentType + " with custom_id '" + customId + "'; it has " + present);
        }
    }

    private static void collectCustomIds(JsonNode components, int componentType, List<String> into) {
        for (JsonNode component : components) {
            if (component.path("type").asInt() == componentType && component.has("custom_id")) {
                into.add(component.path("custom_id").asText());
            }
            collectCustomIds(component.path("components"), componentType, into);
            if (component.has("accessory")) {
                collectCustomIds(Payloads.array().add(component.get("accessory")), componentType, into);
            }
        }
    }

    /** A button click on a message the fake holds, looked up by id. */
    public InteractionBuilder button(String customId, String messageId) {
        JsonNode message =
                channels.find(messageId).orElseThrow(() -> new NoSuchElementException("no message " + messageId));
        return button(customId, message);
    }

    /**
     * A modal submission (type 5) of the modal {@code modalCustomId}, with the text typed into each
     * text input ({@code custom_id -> value}), each wrapped in a Label as Discord sends it.
     */
    public InteractionBuilder modalSubmit(String modalCustomId, Map<String, String> textInputs) {
        ObjectNode data = Payloads.object().put("custom_id", modalCustomId);
        ArrayNode components = data.putArray("components");
        int uniqueId = 1;
        for (Map.Entry<String, String> input : textInputs.entrySet()) {
            ObjectNode label = components.addObject().put("type", 18).put("id", uniqueId++);
            label.putObject("component")
                    .put("type", 4)
                    .put("id", uniqueId++)
                    .put("custom_id", input.getKey())
                    .put("value", input.getValue());
        }
        return new InteractionBuilder(5, data, null);
    }

    /** A message context-menu command (type 2, data.type 3) on a new message posted by the acting member. */
    public InteractionBuilder messageCommand(String commandName, String targetMessageText) {
        return new InteractionBuilder(2, null, null).targetText(commandName, targetMessageText);
    }

    /** A message context-menu command on an existing message. */
    public InteractionBuilder messageCommand(String commandName, JsonNode targetMessage) {
        return new InteractionBuilder(2, messageCommandData(commandName, targetMessage), null);
    }

    private ObjectNode messageCommandData(String commandName, JsonNode target) {
        ObjectNode data = commandData(commandName, 3);
        String targetId = target.path("id").asText();
        data.put("target_id", targetId);
        data.putObject("resolved").putObject("messages").set(targetId, target.deepCopy());
        return data;
    }

    private ObjectNode commandData(String commandName, int commandType) {
        ObjectNode data = Payloads.object();
        ObjectNode registered =
                rest.registeredCommand(guild().id(), commandName, commandType).orElse(null);
        data.put(
                "id",
                registered == null ? Snowflakes.nextId() : registered.path("id").asText());
        data.put("name", commandName);
        data.put("type", commandType);
        if (registered != null && registered.has("guild_id")) {
            data.put("guild_id", registered.path("guild_id").asText());
        }
        return data;
    }

    private ArrayNode options(Map<String, ?> options, ObjectNode data) {
        ArrayNode list = Payloads.array();
        for (Map.Entry<String, ?> option : options.entrySet()) {
            ObjectNode o = list.addObject().put("name", option.getKey());
            Object value = option.getValue();
            if (value instanceof String s) {
                o.put("type", 3).put("value", s);
            } else if (value instanceof Integer || value instanceof Long) {
                o.put("type", 4).put("value", ((Number) value).longValue());
            } else if (value instanceof Boolean b) {
                o.put("type", 5).put("value", b);
            } else if (value instanceof Double || value instanceof Float) {
                o.put("type", 10).put("value", ((Number) value).doubleValue());
            } else if (value instanceof TestMember member) {
                o.put("type", 6).put("value", member.id());
                resolved(data, "users").set(member.id(), Payloads.memberUser(member));
                ObjectNode asMember = Payloads.member(Payloads.memberUser(member), member.roleIds(), guild(), member);
                asMember.remove("user");
                resolved(data, "members").set(member.id(), asMember);
            } else if (value instanceof TestChannel channel) {
                o.put("type", 7).put("value", channel.id());
                resolved(data, "channels")
                        .putObject(channel.id())
                        .put("id", channel.id())
                        .put("type", 0)
                        .put("name", channel.name())
                        .put("permissions", Long.toString(guild().everyone().permissions()));
            } else if (value instanceof TestRole role) {
                o.put("type", 8).put("value", role.id());
                resolved(data, "roles")
                        .set(role.id(), Payloads.role(role, guild().roles().indexOf(role)));
            } else {
                throw new IllegalArgumentException("unsupported option value " + value);
            }
        }
        return list;
    }

    private static ObjectNode resolved(ObjectNode data, String kind) {
        ObjectNode resolved = data.has("resolved") ? (ObjectNode) data.get("resolved") : data.putObject("resolved");
        return resolved.has(kind) ? (ObjectNode) resolved.get(kind) : resolved.putObject(kind);
    }

    /** Builds and dispatches one INTERACTION_CREATE; finish with {@link #as(TestMember)}. */
    public final class InteractionBuilder {
        private final int type;
        private ObjectNode data;
        private final JsonNode message;
        private TestChannel channel = channel();
        private String locale = "en-US";
        private String targetCommand;
        private String targetText;
        private boolean directMessage;
        private int connection = -1;

        private InteractionBuilder(int type, ObjectNode data, JsonNode message) {
            this.type = type;
            this.data = data;
            this.message = message;
        }

        private InteractionBuilder targetText(String commandName, String text) {
            this.targetCommand = commandName;
            this.targetText = text;
            return this;
        }

        /** Replaces the options with a subcommand carrying the given options (slash commands only). */
        public InteractionBuilder subcommand(String subcommandName, Map<String, ?> options) {
            ObjectNode sub = Payloads.object().put("name", subcommandName).put("type", 1);
            sub.set("options", options(options, data));
            data.putArray("options").add(sub);
            return this;
        }

        /**
         * Moves the options given so far (including a focused autocomplete option) under a
         * subcommand, e.g. {@code autocomplete("digest", "topic", "nuc").inSubcommand("subscribe")}.
         */
        public InteractionBuilder inSubcommand(String subcommandName) {
            ObjectNode sub = Payloads.object().put("name", subcommandName).put("type", 1);
            sub.set("options", data.has("options") ? data.get("options") : Payloads.array());
            data.putArray("options").add(sub);
            return this;
        }

        /** As {@link #inSubcommand(String)}, inside a subcommand group. */
        public InteractionBuilder inSubcommand(String groupName, String subcommandName) {
            inSubcommand(subcommandName);
            ObjectNode group = Payloads.object().put("name", groupName).put("type", 2);
            group.set("options", data.get("options"));
            data.putArray("options").add(group);
            return this;
        }

        /** Adds already-filled options next to the focused one (autocomplete) or to a slash command. */
        public InteractionBuilder withOptions(Map<String, ?> options) {
            ArrayNode existing = data.has("options") ? (ArrayNode) data.get("options") : data.putArray("options");
            existing.addAll(options(options, data));
            return this;
        }

        public InteractionBuilder in(TestChannel inChannel) {
            this.channel = inChannel;
            return this;
        }

        /**
         * Sends the interaction from the acting user's direct messages with the bot instead of a
         * guild channel: no guild, no member ({@link #dmChannelId}). Not for message commands.
         */
        public InteractionBuilder inDirectMessage() {
            this.directMessage = true;
            return this;
        }

        public InteractionBuilder locale(String userLocale) {
            this.locale = userLocale;
            return this;
        }

        /**
         * Delivers the interaction on the {@code nth} open connection of its guild's shard, in the
         * order they identified (0: the oldest), for a shard two processes both connected; by default
         * the newest gets it.
         */
        public InteractionBuilder throughConnection(int nth) {
            this.connection = nth;
            return this;
        }

        /** Dispatches the interaction as the given member and returns its handle. */
        public InteractionHandle as(TestMember member) {
            if (directMessage) {
                if (targetCommand != null) {
                    throw new UnsupportedOperationException("message commands in direct messages are not faked");
                }
                ObjectNode payload = Payloads.directMessageInteraction(
                        Snowflakes.nextId(),
                        type,
                        "aW50ZXJhY3Rpb24" + Snowflakes.nextId(),
                        bot,
                        dmChannelId(member),
                        member,
                        locale);
                ObjectNode dmData = data.deepCopy();
                dmData.remove("guild_id");
                payload.set("data", dmData);
                if (message != null) {
                    payload.set("message", message.deepCopy());
                }
                return dispatch(payload);
            }
            if (targetCommand != null) {
                data = messageCommandData(targetCommand, postAsMember(member, channel, targetText));
            }
            TestGuild guild = guilds.stream()
                    .filter(g -> g.channelById(channel.id()).isPresent())
                    .findFirst()
                    .orElseThrow(
                            () -> new NoSuchElementException("channel " + channel.name() + " is in no test guild"));
            ObjectNode payload = Payloads.interaction(
                    Snowflakes.nextId(),
                    type,
                    "aW50ZXJhY3Rpb24" + Snowflakes.nextId(),
                    bot,
                    guild,
                    channel,
                    member,
                    locale);
            payload.set("data", data.deepCopy());
            if (message != null) {
                payload.set("message", message.deepCopy());
            }
            return dispatch(payload);
        }

        private InteractionHandle dispatch(ObjectNode payload) {
            String guildId = payload.has("guild_id") ? payload.path("guild_id").asText() : null;
            int through = connection;
            InteractionHandle handle = new InteractionHandle(
                    payload,
                    channels,
                    h -> gateway.dispatchToGuild("INTERACTION_CREATE", h.payload(), guildId, through));
            rest.register(handle);
            gateway.dispatchToGuild("INTERACTION_CREATE", payload.deepCopy(), guildId, through);
            return handle;
        }

        /** Same as {@link #as(TestMember)}. */
        public InteractionHandle by(TestMember member) {
            return as(member);
        }
    }

    // ---- observations ----

    /** Every REST request received, in order. */
    public List<RecordedRequest> requests() {
        return rest.requests();
    }

    /** Requests whose method matches and whose decoded path (relative to /api/v10/) fully matches the regex. */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        return rest.requests().stream()
                .filter(r -> r.matches(method, pathRegex))
                .toList();
    }

    /** Every message payload the bot sent and the fake accepted (posts, replies, follow-ups, edits). */
    public List<SentMessage> sentMessages() {
        return rest.sentMessages();
    }

    /**
     * Messages in a channel, oldest first, in their current state (edits applied). Ephemeral
     * interaction replies are included (flag 64), as are messages posted with {@link #postAsMember}.
     */
    public List<JsonNode> channelMessages(String channelId) {
        return new ArrayList<>(channels.list(channelId));
    }

    /** Waits (up to 10 s) for a message in the channel matching the condition, e.g. a scheduled digest. */
    public JsonNode awaitChannelMessage(String channelId, Predicate<JsonNode> condition) {
        Awaitility.await("message in channel " + channelId)
                .atMost(InteractionHandle.DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> channels.list(channelId).stream().anyMatch(condition));
        return channels.list(channelId).stream()
                .filter(condition)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    /** Messages in the default channel. */
    public List<JsonNode> channelMessages() {
        return channelMessages(channel().id());
    }

    public List<ObjectNode> globalCommands() {
        return rest.commands(null);
    }

    public List<ObjectNode> registeredCommands(String guildId) {
        return rest.commands(guildId);
    }

    /** Command-registration writes (PUT/POST/PATCH/DELETE on applications/.../commands), accepted or not. */
    public List<RecordedRequest> registrationRequests() {
        return rest.requests().stream()
                .filter(r -> !r.method().equals("GET")
                        && r.path().matches("applications/\\d+/(guilds/\\d+/)?commands(/\\d+)?"))
                .toList();
    }

    /** The gateway, for its received ops (IDENTIFY, RESUME...) and sent dispatches. */
    public FakeGateway gateway() {
        return gateway;
    }

    // ---- fault injection and control ----

    /** The next {@code times} requests matching method and decoded-path regex get the fault instead of an answer. */
    public FakeDiscord failNext(String method, String pathRegex, int times, Fault fault) {
        rest.failNext(method, pathRegex, times, fault);
        return this;
    }

    /** Closes the bot's gateway socket with close code 4000 (resumable); JDA reconnects and sends RESUME. */
    public void dropGatewayConnection() {
        dropGatewayConnection(FakeGateway.CLOSE_UNKNOWN_ERROR);
    }

    /** Closes the bot's gateway socket with the given close code (4004, 4010-4014 stop JDA for good). */
    public void dropGatewayConnection(int closeCode) {
        gateway.dropConnection(closeCode);
    }

    /** Cuts the bot's gateway socket without a close frame (abnormal closure 1006); JDA resumes. */
    public void cutGatewayConnection() {
        gateway.dropConnectionAbruptly();
    }

    /**
     * Lets Discord's nonce window pass for every nonce the bot sent so far: a message sent again
     * with one of them now posts anew, as it does on Discord a few minutes after the first (the
     * window itself is {@link Builder#nonceWindow}, 5 minutes by default).
     */
    public FakeDiscord expireNonces() {
        rest.expireNonces();
        return this;
    }

    /** How late an initial interaction callback may arrive before it gets 10062 Unknown interaction. */
    public FakeDiscord interactionDeadline(Duration deadline) {
        rest.interactionDeadline(deadline);
        return this;
    }

    /**
     * Shuts down a JDA client of this fake and waits until it is fully down. JDA's WebSocket library
     * gives the server 10 s to answer its close frame, so the wait is 20 s; a slow shutdown is logged
     * and a stuck one fails with what the fake saw and what the client's threads were doing.
     */
    public void shutdown(JDA jda) throws InterruptedException {
        long start = System.nanoTime();
        jda.shutdown();
        boolean down = jda.awaitShutdown(CLIENT_SHUTDOWN_WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (down && took.compareTo(SLOW_CLIENT_SHUTDOWN) < 0) {
            return;
        }
        String diagnosis = "JDA status " + jda.getStatus() + "; sockets the fake saw closed: " + gateway.closes()
                + System.lineSeparator() + clientThreads();
        if (down) {
            LOG.warn("JDA took {} ms to shut down: {}", took.toMillis(), diagnosis);
            return;
        }
        jda.shutdownNow();
        throw new AssertionError("JDA did not shut down within " + CLIENT_SHUTDOWN_WAIT + ": " + diagnosis);
    }

    private static String clientThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            String name = thread.getName();
            // nv-websocket-client, JDA's gateway socket, names its threads ReadingThread and
            // WritingThread: the close handshake a stuck shutdown waits for runs on them.
            if (!name.contains("JDA")
                    && !name.contains("WebSocket")
                    && !name.contains("OkHttp")
                    && !name.contains("ReadingThread")
                    && !name.contains("WritingThread")) {
                return;
            }
            dump.append('"')
                    .append(name)
                    .append("\" ")
                    .append(thread.getState())
                    .append(System.lineSeparator());
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                dump.append("    at ").append(frames[i]).append(System.lineSeparator());
            }
        });
        return dump.toString();
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            rest.close();
        }
    }

    /** Configures a {@link FakeDiscord} before it starts. */
    public static final class Builder {
        private final List<TestGuild> guilds = new ArrayList<>();
        private String token = DEFAULT_TOKEN;
        private String botName = "citebot";
        private Duration interactionDeadline = Duration.ofSeconds(3);
        private Duration nonceWindow = Duration.ofMinutes(5);
        private int shards = 1;
        private int maxConcurrency = 1;

        private Builder() {}

        /**
         * How many shards the bot must connect with, as {@code GET gateway/bot} recommends; each guild
         * is on shard {@code (id >> 22) % shards} ({@link TestGuild.Builder#onShard}). Default 1.
         */
        public Builder shards(int total) {
            this.shards = total;
            return this;
        }

        /** {@code session_start_limit.max_concurrency}: identify buckets a bot may use at once. Default 1. */
        public Builder maxConcurrency(int buckets) {
            this.maxConcurrency = buckets;
            return this;
        }

        /** Adds a guild; without any, the default guild is used. The first guild is the default for interactions. */
        public Builder guild(TestGuild guild) {
            guilds.add(guild);
            return this;
        }

        public Builder token(String botToken) {
            this.token = botToken;
            return this;
        }

        public Builder botName(String name) {
            this.botName = name;
            return this;
        }

        public Builder interactionDeadline(Duration deadline) {
            this.interactionDeadline = deadline;
            return this;
        }

        public Builder nonceWindow(Duration window) {
            this.nonceWindow = window;
            return this;
        }

        public FakeDiscord start() {
            return new FakeDiscord(this);
        }
    }
}
