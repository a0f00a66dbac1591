package org.citebot.discord.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake REST API under {@code http://127.0.0.1:PORT/api/v10/}: a small router over the JDK
 * {@link HttpServer} serving the routes a slash-command bot uses (self user, command registration,
 * interaction callbacks, interaction webhooks, channel messages, the bot's application). It validates bodies with
 * {@link DiscordLimits}, keeps channel and command state, records every request, and can be told to
 * fail the next requests of a route ({@link Fault}).
 */
public final class FakeRest implements AutoCloseable {

    /** Prefix of every API route; JDA's base URL must end with it. */
    public static final String API_PREFIX = "/api/v10/";

    private static final Logger LOG = LoggerFactory.getLogger(FakeRest.class);
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
    private static final int FLAG_EPHEMERAL = 1 << 6;
    private static final int FLAG_LOADING = 1 << 7;

    private final TestBot bot;
    private final List<TestGuild> guilds;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fake-discord-rest");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Route> routes = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<SentMessage> sentMessages = new CopyOnWriteArrayList<>();
    private final List<ArmedFault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, InteractionHandle> interactionsById = new ConcurrentHashMap<>();
    private final Map<String, InteractionHandle> interactionsByToken = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> commands = new LinkedHashMap<>();
    private final Map<String, Nonce> nonces = new ConcurrentHashMap<>();
    private final ChannelState channels;
    private final TestApplication application;
    private volatile Duration interactionDeadline;
    private volatile Duration nonceWindow = Duration.ofMinutes(5);
    /** What {@code GET gateway/bot} answers; set once the gateway has its port. */
    private volatile java.util.function.Supplier<ObjectNode> gatewayBot = Payloads::object;

    FakeRest(TestBot bot, List<TestGuild> guilds, ChannelState channels, Duration interactionDeadline)
            throws IOException {
        this.bot = bot;
        this.guilds = List.copyOf(guilds);
        this.channels = channels;
        this.application = new TestApplication(bot);
        this.interactionDeadline = interactionDeadline;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        defineRoutes();
    }

    void start() {
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/api/v10/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + API_PREFIX;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- test-facing state ----

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<SentMessage> sentMessages() {
        return List.copyOf(sentMessages);
    }

    /** Commands as currently stored: {@code null} guild id for global ones. */
    public synchronized List<ObjectNode> commands(String guildIdOrNull) {
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode command : commands.getOrDefault(scope(guildIdOrNull), List.of())) {
            copies.add(command.deepCopy());
        }
        return copies;
    }

    TestApplication application() {
        return application;
    }

    void register(InteractionHandle handle) {
        interactionsById.put(handle.id(), handle);
        interactionsByToken.put(handle.token(), handle);
    }

    void interactionDeadline(Duration deadline) {
        this.interactionDeadline = deadline;
    }

    void gatewayBot(java.util.function.Supplier<ObjectNode> answer) {
        this.gatewayBot = answer;
    }

    void nonceWindow(Duration window) {
        this.nonceWindow = window;
    }

    /** Makes every nonce seen so far older than the nonce window, as if it had passed. */
    void expireNonces() {
        synchronized (nonces) {
            Instant past = Instant.now().minus(nonceWindow).minusSeconds(1);
            nonces.replaceAll((nonce, seen) -> new Nonce(seen.messageId(), past));
        }
    }

    void failNext(String method, String pathRegex, int times, Fault fault) {
        faults.add(new ArmedFault(
                method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), new AtomicInteger(times), fault));
    }

    /** Stores a message as if a guild member had posted it (for buttons and context menus to point at). */
    ObjectNode postAsMember(TestMember member, String channelId, String content) {
        ObjectNode payload = Payloads.object().put("content", content);
        ObjectNode message = Payloads.message(Snowflakes.nextId(), 0, channelId, Payloads.memberUser(member), payload);
        channels.put(message);
        return message.deepCopy();
    }

    // ---- routing ----

    private void defineRoutes() {
        route("GET", "users/@me", (req, m) -> Reply.json(200, Payloads.botUser(bot)));
        route("GET", "oauth2/applications/@me", (req, m) -> Reply.json(200, application.payload()));
        route("GET", "gateway/bot", (req, m) -> Reply.json(200, gatewayBot.get()));
        String app = "applications/(\\d+)";
        route("GET", app + "/commands", (req, m) -> listCommands(m.group(1), null));
        route("PUT", app + "/commands", (req, m) -> overwriteCommands(req, m.group(1), null));
        route("POST", app + "/commands", (req, m) -> upsertCommand(req, m.group(1), null));
        route("GET", app + "/commands/(\\d+)", (req, m) -> getCommand(m.group(1), null, m.group(2)));
        route("PATCH", app + "/commands/(\\d+)", (req, m) -> editCommand(req, m.group(1), null, m.group(2)));
        route("DELETE", app + "/commands/(\\d+)", (req, m) -> deleteCommand(m.group(1), null, m.group(2)));
        route("GET", app + "/guilds/(\\d+)/commands", (req, m) -> listCommands(m.group(1), m.group(2)));
        route("PUT", app + "/guilds/(\\d+)/commands", (req, m) -> overwriteCommands(req, m.group(1), m.group(2)));
        route("POST", app + "/guilds/(\\d+)/commands", (req, m) -> upsertCommand(req, m.group(1), m.group(2)));
        route(
                "GET",
                app + "/guilds/(\\d+)/commands/(\\d+)",
                (req, m) -> getCommand(m.group(1), m.group(2), m.group(3)));
        route(
                "PATCH",
                app + "/guilds/(\\d+)/commands/(\\d+)",
                (req, m) -> editCommand(req, m.group(1), m.group(2), m.group(3)));
        route(
                "DELETE",
                app + "/guilds/(\\d+)/commands/(\\d+)",
                (req, m) -> deleteCommand(m.group(1), m.group(2), m.group(3)));

        route("POST", "interactions/(\\d+)/([^/]+)/callback", (req, m) -> callback(req, m.group(1), m.group(2)));
        route("POST", "webhooks/(\\d+)/([^/]+)", (req, m) -> followup(req, m.group(1), m.group(2)));
        route("GET", "webhooks/(\\d+)/([^/]+)/messages/([^/]+)", (req, m) -> webhookMessage(req, m, "GET"));
        route("PATCH", "webhooks/(\\d+)/([^/]+)/messages/([^/]+)", (req, m) -> webhookMessage(req, m, "PATCH"));
        route("DELETE", "webhooks/(\\d+)/([^/]+)/messages/([^/]+)", (req, m) -> webhookMessage(req, m, "DELETE"));

        route("GET", "channels/(\\d+)", (req, m) -> getChannel(m.group(1)));
        route("POST", "channels/(\\d+)/messages", (req, m) -> createChannelMessage(req, m.group(1)));
        route("GET", "channels/(\\d+)/messages", (req, m) -> listChannelMessages(req, m.group(1)));
        route("GET", "channels/(\\d+)/messages/(\\d+)", (req, m) -> getChannelMessage(m.group(1), m.group(2)));
        route("PATCH", "channels/(\\d+)/messages/(\\d+)", (req, m) -> editChannelMessage(req, m.group(1), m.group(2)));
        route("DELETE", "channels/(\\d+)/messages/(\\d+)", (req, m) -> deleteChannelMessage(m.group(1), m.group(2)));
    }

    private void route(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            String decoded = exchange.getRequestURI().getPath();
            String path = decoded.startsWith(API_PREFIX) ? decoded.substring(API_PREFIX.length()) : decoded;
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Request request;
            if (Multipart.isMultipart(contentType)) {
                request = multipartRequest(method, path, query, headers, contentType, bytes);
            } else {
                request = new Request(method, path, query, headers, parseBody(bytes), List.of());
            }
            Reply reply;
            try {
                reply = decoded.startsWith(API_PREFIX) ? dispatch(request) : notFound();
            } catch (RuntimeException e) {
                // A bug in the fake must show up in the test as a recorded 500, not as a hung request.
                LOG.error("fake REST failed on {} {}", method, path, e);
                reply = error(500, 0, "fake-discord internal error: " + e);
            }
            requests.add(new RecordedRequest(
                    method,
                    rawPath,
                    path,
                    query,
                    headers,
                    request.body == null ? MissingNode.getInstance() : request.body,
                    request.uploads.stream().map(Multipart.Upload::filename).toList(),
                    receivedAt,
                    reply.status));
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private static Request multipartRequest(
            String method,
            String path,
            Map<String, String> query,
            Map<String, List<String>> headers,
            String contentType,
            byte[] bytes) {
        try {
            Multipart.Body multipart = Multipart.parse(contentType, bytes);
            byte[] json = multipart.payloadJson() == null
                    ? new byte[0]
                    : multipart.payloadJson().getBytes(StandardCharsets.UTF_8);
            return new Request(method, path, query, headers, parseBody(json), multipart.uploads());
        } catch (IllegalArgumentException e) {
            return new Request(method, path, query, headers, MALFORMED, List.of());
        }
    }

    private Reply dispatch(Request request) {
        if (request.body == MALFORMED) {
            return error(400, 50109, "The request body contains invalid JSON.");
        }
        for (ArmedFault armed : faults) {
            if (armed.method.equals(request.method)
                    && armed.path.matcher(request.path).matches()
                    && armed.remaining.getAndDecrement() > 0) {
                return faultReply(armed.fault);
            }
        }
        boolean tokenless = request.path.startsWith("interactions/") || request.path.startsWith("webhooks/");
        if (!tokenless && !("Bot " + bot.token()).equals(request.header("authorization"))) {
            return Reply.json(
                    401, Payloads.object().put("message", "401: Unauthorized").put("code", 0));
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(request.path);
            if (matcher.matches()) {
                pathKnown = true;
                if (route.method.equals(request.method)) {
                    return route.handler.handle(request, matcher);
                }
            }
        }
        return pathKnown
                ? Reply.json(
                        405,
                        Payloads.object()
                                .put("message", "405: Method Not Allowed")
                                .put("code", 0))
                : notFound();
    }

    private Reply faultReply(Fault fault) {
        if (fault instanceof Fault.RateLimited limited) {
            double seconds = limited.retryAfter().toMillis() / 1000.0;
            long wholeSeconds = Math.max(1, (long) Math.ceil(seconds));
            ObjectNode body = Payloads.object();
            body.put("message", "You are being rate limited.");
            body.put("retry_after", seconds);
            body.put("global", false);
            Reply reply = Reply.json(429, body);
            reply.headers.put("Retry-After", Long.toString(wholeSeconds));
            reply.headers.put("Via", "1.1 google");
            reply.headers.put("X-RateLimit-Limit", "5");
            reply.headers.put("X-RateLimit-Remaining", "0");
            reply.headers.put(
                    "X-RateLimit-Reset",
                    String.format(Locale.ROOT, "%.3f", Instant.now().toEpochMilli() / 1000.0 + seconds));
            reply.headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds));
            reply.headers.put("X-RateLimit-Bucket", "fake-bucket");
            reply.headers.put("X-RateLimit-Scope", "user");
            return reply;
        }
        Fault.ServerError serverError = (Fault.ServerError) fault;
        return Reply.json(
                serverError.status(),
                Payloads.object().put("message", "fake server error").put("code", 0));
    }

    // ---- commands ----

    private Reply listCommands(String appId, String guildId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        ArrayNode list = Payloads.array();
        commands(guildId).forEach(list::add);
        return Reply.json(200, list);
    }

    private Reply overwriteCommands(Request request, String appId, String guildId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        ObjectNode errors = DiscordLimits.checkCommands(request.bodyOrMissing());
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        ArrayNode result = Payloads.array();
        synchronized (this) {
            List<ObjectNode> previous = commands.getOrDefault(scope(guildId), List.of());
            List<ObjectNode> stored = new ArrayList<>();
            for (JsonNode command : request.body) {
                String keptId = previous.stream()
                        .filter(p -> sameCommand(p, command))
                        .findFirst()
                        .map(p -> p.path("id").asText())
                        .orElse(Snowflakes.nextId());
                ObjectNode echo = decorateCommand(command, keptId, guildId);
                stored.add(echo);
                result.add(echo.deepCopy());
            }
            commands.put(scope(guildId), stored);
        }
        return Reply.json(200, result);
    }

    private Reply upsertCommand(Request request, String appId, String guildId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        ObjectNode errors = DiscordLimits.checkCommand(request.bodyOrMissing());
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        synchronized (this) {
            List<ObjectNode> stored = commands.computeIfAbsent(scope(guildId), s -> new ArrayList<>());
            for (int i = 0; i < stored.size(); i++) {
                if (sameCommand(stored.get(i), request.body)) {
                    ObjectNode echo = decorateCommand(
                            request.body, stored.get(i).path("id").asText(), guildId);
                    stored.set(i, echo);
                    return Reply.json(200, echo.deepCopy());
                }
            }
            ObjectNode echo = decorateCommand(request.body, Snowflakes.nextId(), guildId);
            stored.add(echo);
            return Reply.json(201, echo.deepCopy());
        }
    }

    private synchronized Reply getCommand(String appId, String guildId, String commandId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        return findCommand(guildId, commandId)
                .<Reply>map(c -> Reply.json(200, c.deepCopy()))
                .orElseGet(this::unknownCommand);
    }

    private Reply editCommand(Request request, String appId, String guildId, String commandId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        synchronized (this) {
            Optional<ObjectNode> existing = findCommand(guildId, commandId);
            if (existing.isEmpty()) {
                return unknownCommand();
            }
            ObjectNode merged = existing.get().deepCopy();
            request.bodyOrMissing().properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            ObjectNode errors = DiscordLimits.checkCommand(merged);
            if (!errors.isEmpty()) {
                return invalidFormBody(errors);
            }
            merged.put("version", Snowflakes.nextId());
            existing.get().removeAll();
            existing.get().setAll(merged);
            return Reply.json(200, merged.deepCopy());
        }
    }

    private synchronized Reply deleteCommand(String appId, String guildId, String commandId) {
        if (!bot.applicationId().equals(appId)) {
            return unknownApplication();
        }
        List<ObjectNode> stored = commands.getOrDefault(scope(guildId), new ArrayList<>());
        boolean removed = stored.removeIf(c -> c.path("id").asText().equals(commandId));
        return removed ? Reply.noContent() : unknownCommand();
    }

    private Optional<ObjectNode> findCommand(String guildId, String commandId) {
        return commands.getOrDefault(scope(guildId), List.of()).stream()
                .filter(c -> c.path("id").asText().equals(commandId))
                .findFirst();
    }

    /** The command a dispatched interaction refers to: guild scope first, then global. */
    synchronized Optional<ObjectNode> registeredCommand(String guildId, String name, int type) {
        for (String scope : List.of(scope(guildId), scope(null))) {
            for (ObjectNode command : commands.getOrDefault(scope, List.of())) {
                if (command.path("name").asText().equals(name)
                        && command.path("type").asInt(1) == type) {
                    return Optional.of(command.deepCopy());
                }
            }
        }
        return Optional.empty();
    }

    private ObjectNode decorateCommand(JsonNode command, String id, String guildId) {
        ObjectNode echo = command.deepCopy();
        echo.put("id", id);
        echo.put("application_id", bot.applicationId());
        echo.put("version", Snowflakes.nextId());
        if (!echo.has("type")) {
            echo.put("type", 1);
        }
        if (!echo.has("description")) {
            echo.put("description", "");
        }
        if (guildId != null) {
            echo.put("guild_id", guildId);
        }
        return echo;
    }

    private static boolean sameCommand(JsonNode a, JsonNode b) {
        return a.path("name").asText().equals(b.path("name").asText())
                && a.path("type").asInt(1) == b.path("type").asInt(1);
    }

    private static String scope(String guildIdOrNull) {
        return guildIdOrNull == null ? "global" : guildIdOrNull;
    }

    // ---- interactions ----

    private Reply callback(Request request, String interactionId, String token) {
        InteractionHandle handle = interactionsById.get(interactionId);
        Reply reply = acknowledge(request, handle, token);
        if (handle != null && reply.status >= 400) {
            handle.rejectCallback(reply.status, reply.body);
        }
        return reply;
    }

    private Reply acknowledge(Request request, InteractionHandle handle, String token) {
        if (handle == null || !handle.token().equals(token) || handle.isOlderThan(interactionDeadline)) {
            return unknownInteraction();
        }
        JsonNode body = request.bodyOrMissing();
        int type = body.path("type").asInt(-1);
        JsonNode data = body.path("data");
        ObjectNode errors =
                switch (type) {
                    case 4, 7 -> handle.type() == 4 ? invalidResponseType() : DiscordLimits.checkMessage(data);
                    case 5 -> handle.type() == 4 ? invalidResponseType() : onlyEphemeralFlag(data);
                    case 6 -> handle.componentMessageId().isEmpty() ? invalidResponseType() : Payloads.object();
                    case 8 -> handle.type() != 4 ? invalidResponseType() : DiscordLimits.checkAutocompleteResult(data);
                    case 9 ->
                        handle.type() == 4 || handle.type() == 5
                                ? invalidResponseType()
                                : DiscordLimits.checkModal(data);
                    default -> invalidResponseType();
                };
        if (type == 7 && handle.componentMessageId().isEmpty()) {
            // Updating a message needs one: a component's, or the one a submitted modal was opened from.
            errors = invalidResponseType();
        }
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        if (type == 4 && isEmptyMessage(data) && request.uploads.isEmpty()) {
            return emptyMessage();
        }
        if (!handle.tryAcknowledge()) {
            return error(400, 40060, "Interaction has already been acknowledged.");
        }
        ObjectNode message = null;
        switch (type) {
            case 4 -> {
                message = interactionMessage(handle, data, (data.path("flags").asInt(0) & FLAG_EPHEMERAL));
                attach(message, request.uploads);
                channels.put(message);
                handle.original(message.path("id").asText());
                handle.touched(message.path("id").asText());
                sentMessages.add(new SentMessage(
                        SentMessage.Kind.INTERACTION_REPLY,
                        handle.channelId(),
                        message.path("id").asText(),
                        data.deepCopy()));
            }
            case 5 -> {
                ObjectNode loading = Payloads.object()
                        .put("content", "")
                        .put("flags", FLAG_LOADING | (data.path("flags").asInt(0) & FLAG_EPHEMERAL));
                message = interactionMessage(
                        handle, loading, loading.path("flags").asInt());
                channels.put(message);
                handle.original(message.path("id").asText());
            }
            case 6, 7 -> {
                String componentMessage = handle.componentMessageId().orElseThrow();
                handle.original(componentMessage);
                if (type == 7) {
                    message = applyEdit(handle.channelId(), componentMessage, data, false)
                            .orElse(null);
                    handle.touched(componentMessage);
                    sentMessages.add(new SentMessage(
                            SentMessage.Kind.INTERACTION_UPDATE,
                            handle.channelId(),
                            componentMessage,
                            data.deepCopy()));
                }
            }
            default -> {}
        }
        handle.completeCallback(body.deepCopy());
        if (message == null || !"true".equals(request.query.get("with_response"))) {
            return Reply.noContent();
        }
        ObjectNode response = Payloads.object();
        ObjectNode interaction = response.putObject("interaction");
        interaction.put("id", handle.id());
        interaction.put("type", handle.type());
        interaction.put("response_message_id", message.path("id").asText());
        interaction.put("response_message_loading", type == 5);
        interaction.put("response_message_ephemeral", (message.path("flags").asInt() & FLAG_EPHEMERAL) != 0);
        response.putObject("resource").put("type", type).set("message", message);
        return Reply.json(200, response);
    }

    private Reply followup(Request request, String appId, String token) {
        InteractionHandle handle = interactionsByToken.get(token);
        if (!bot.applicationId().equals(appId) || handle == null || !handle.isAcknowledged() || handle.isExpired()) {
            return error(404, 10015, "Unknown Webhook");
        }
        JsonNode body = request.bodyOrMissing();
        ObjectNode errors = DiscordLimits.checkMessage(body);
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        if (isEmptyMessage(body) && request.uploads.isEmpty()) {
            return emptyMessage();
        }
        ObjectNode message =
                interactionMessage(handle, body, body.path("flags").asInt(0) & (FLAG_EPHEMERAL | 4 | 4096));
        attach(message, request.uploads);
        channels.put(message);
        handle.addFollowup(message.path("id").asText());
        handle.touched(message.path("id").asText());
        sentMessages.add(new SentMessage(
                SentMessage.Kind.FOLLOWUP,
                handle.channelId(),
                message.path("id").asText(),
                body.deepCopy()));
        return "true".equals(request.query.get("wait")) ? Reply.json(200, message) : Reply.noContent();
    }

    private Reply webhookMessage(Request request, Matcher m, String method) {
        InteractionHandle handle = interactionsByToken.get(m.group(2));
        if (!bot.applicationId().equals(m.group(1)) || handle == null || handle.isExpired()) {
            return error(404, 10015, "Unknown Webhook");
        }
        String target = m.group(3);
        Optional<String> messageId = "@original".equals(target)
                ? handle.originalId()
                : handle.owns(target) ? Optional.of(target) : Optional.empty();
        if (messageId.isEmpty()) {
            return unknownMessage();
        }
        String channelId = handle.channelId();
        switch (method) {
            case "GET" -> {
                return channels.find(messageId.get())
                        .<Reply>map(msg -> Reply.json(200, msg))
                        .orElseGet(this::unknownMessage);
            }
            case "DELETE" -> {
                return channels.remove(channelId, messageId.get()) ? Reply.noContent() : unknownMessage();
            }
            default -> {
                JsonNode body = request.bodyOrMissing();
                ObjectNode errors = DiscordLimits.checkMessage(body);
                if (!errors.isEmpty()) {
                    return invalidFormBody(errors);
                }
                Optional<ObjectNode> edited = applyEdit(channelId, messageId.get(), body, true);
                if (edited.isEmpty()) {
                    return unknownMessage();
                }
                handle.touched(messageId.get());
                sentMessages.add(
                        new SentMessage(SentMessage.Kind.WEBHOOK_EDIT, channelId, messageId.get(), body.deepCopy()));
                return Reply.json(200, edited.get());
            }
        }
    }

    private ObjectNode interactionMessage(InteractionHandle handle, JsonNode payload, int flags) {
        int interactionType = handle.type();
        int commandType = handle.payload().path("data").path("type").asInt(1);
        int messageType = interactionType == 2 ? (commandType == 1 ? 20 : 23) : 19;
        ObjectNode message =
                Payloads.message(Snowflakes.nextId(), messageType, handle.channelId(), Payloads.botUser(bot), payload);
        message.put("flags", flags);
        message.put("webhook_id", bot.applicationId());
        message.put("application_id", bot.applicationId());
        ObjectNode metadata = message.putObject("interaction_metadata");
        metadata.put("id", handle.id());
        metadata.put("type", interactionType);
        JsonNode interaction = handle.payload();
        // A guild interaction names its user in the member; a direct message at the top level.
        metadata.set(
                "user",
                (interaction.has("member") ? interaction.path("member").path("user") : interaction.path("user"))
                        .deepCopy());
        metadata.set(
                "authorizing_integration_owners",
                interaction.path("authorizing_integration_owners").deepCopy());
        if (messageType == 19) {
            handle.componentMessageId().ifPresent(id -> metadata.put("interacted_message_id", id));
            message.put("type", 0);
        }
        resolveMentions(message, payload, false);
        return message;
    }

    // ---- channels ----

    private Reply getChannel(String channelId) {
        for (TestGuild guild : guilds) {
            Optional<TestChannel> channel = guild.channelById(channelId);
            if (channel.isPresent()) {
                ObjectNode c = Payloads.object();
                c.put("id", channelId)
                        .put("type", 0)
                        .put("guild_id", guild.id())
                        .put("name", channel.get().name())
                        .put("position", 0)
                        .putArray("permission_overwrites");
                return Reply.json(200, c);
            }
        }
        return unknownChannel();
    }

    private Reply createChannelMessage(Request request, String channelId) {
        if (!channelExists(channelId)) {
            return unknownChannel();
        }
        JsonNode body = request.bodyOrMissing();
        ObjectNode errors = DiscordLimits.checkMessage(body);
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        if (isEmptyMessage(body) && request.uploads.isEmpty()) {
            return emptyMessage();
        }
        String nonce = body.path("nonce").isValueNode() && !body.path("nonce").isNull()
                ? body.path("nonce").asText()
                : null;
        boolean enforce = nonce != null && body.path("enforce_nonce").asBoolean(false);
        if (enforce) {
            synchronized (nonces) {
                // Discord dedupes per author; the bot is the only author posting through REST.
                Nonce seen = nonces.get(nonce);
                if (seen != null && Duration.between(seen.at, Instant.now()).compareTo(nonceWindow) < 0) {
                    Optional<ObjectNode> same = channels.find(seen.messageId);
                    if (same.isPresent()) {
                        return Reply.json(200, same.get());
                    }
                }
                return Reply.json(200, storeChannelMessage(channelId, body, nonce, request.uploads));
            }
        }
        return Reply.json(200, storeChannelMessage(channelId, body, nonce, request.uploads));
    }

    private ObjectNode storeChannelMessage(
            String channelId, JsonNode body, String nonce, List<Multipart.Upload> uploads) {
        int type =
                body.has("message_reference") && !body.get("message_reference").isNull() ? 19 : 0;
        ObjectNode message = Payloads.message(Snowflakes.nextId(), type, channelId, Payloads.botUser(bot), body);
        if (nonce != null) {
            message.put("nonce", nonce);
            nonces.put(nonce, new Nonce(message.path("id").asText(), Instant.now()));
        }
        if (type == 19) {
            message.set("message_reference", body.get("message_reference").deepCopy());
        }
        resolveMentions(message, body, true);
        attach(message, uploads);
        channels.put(message);
        sentMessages.add(new SentMessage(
                SentMessage.Kind.CHANNEL_MESSAGE, channelId, message.path("id").asText(), body.deepCopy()));
        return message;
    }

    /**
     * Get Channel Messages: newest first, {@code limit} 1-100 (default 50), and either {@code
     * before} (the newest older than that id) or {@code after} (the oldest newer than it, still
     * listed newest first). {@code around} is refused rather than answered wrongly.
     */
    private Reply listChannelMessages(Request request, String channelId) {
        if (!channelExists(channelId)) {
            return unknownChannel();
        }
        String limitText = request.query.getOrDefault("limit", "50");
        int limit;
        try {
            limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > 100) {
            ObjectNode errors = Payloads.object();
            errors.putObject("limit")
                    .putArray("_errors")
                    .addObject()
                    .put("code", "NUMBER_TYPE_MAX")
                    .put("message", "limit must be between 1 and 100, was " + limitText);
            return invalidFormBody(errors);
        }
        String before = request.query.get("before");
        String after = request.query.get("after");
        if (request.query.containsKey("around") || (before != null && after != null)) {
            return error(400, 0, "the fake serves before or after, one at a time (around is not modelled)");
        }
        List<ObjectNode> all = channels.list(channelId);
        List<ObjectNode> window = new ArrayList<>();
        if (after != null) {
            for (ObjectNode message : all) {
                if (window.size() < limit && Long.compareUnsigned(id(message), Long.parseUnsignedLong(after)) > 0) {
                    window.add(message);
                }
            }
            java.util.Collections.reverse(window);
        } else {
            for (int i = all.size() - 1; i >= 0 && window.size() < limit; i--) {
                if (before == null || Long.compareUnsigned(id(all.get(i)), Long.parseUnsignedLong(before)) < 0) {
                    window.add(all.get(i));
                }
            }
        }
        ArrayNode newestFirst = Payloads.array();
        window.forEach(newestFirst::add);
        return Reply.json(200, newestFirst);
    }

    private static long id(JsonNode message) {
        return Long.parseUnsignedLong(message.path("id").asText());
    }

    private Reply getChannelMessage(String channelId, String messageId) {
        if (!channelExists(channelId)) {
            return unknownChannel();
        }
        return channels.find(messageId)
                .filter(msg -> msg.path("channel_id").asText().equals(channelId))
                .<Reply>map(msg -> Reply.json(200, msg))
                .orElseGet(this::unknownMessage);
    }

    private Reply editChannelMessage(Request request, String channelId, String messageId) {
        if (!channelExists(channelId)) {
            return unknownChannel();
        }
        Optional<ObjectNode> existing = channels.find(messageId)
                .filter(msg -> msg.path("channel_id").asText().equals(channelId));
        if (existing.isEmpty()) {
            return unknownMessage();
        }
        if (!existing.get().path("author").path("id").asText().equals(bot.userId())) {
            return error(403, 50005, "Cannot edit a message authored by another user");
        }
        JsonNode body = request.bodyOrMissing();
        ObjectNode errors = DiscordLimits.checkMessage(body);
        if (!errors.isEmpty()) {
            return invalidFormBody(errors);
        }
        ObjectNode edited = applyEdit(channelId, messageId, body, true).orElseThrow();
        sentMessages.add(new SentMessage(SentMessage.Kind.CHANNEL_EDIT, channelId, messageId, body.deepCopy()));
        return Reply.json(200, edited);
    }

    private Reply deleteChannelMessage(String channelId, String messageId) {
        return channels.remove(channelId, messageId) ? Reply.noContent() : unknownMessage();
    }

    private boolean channelExists(String channelId) {
        return guilds.stream().anyMatch(g -> g.channelById(channelId).isPresent());
    }

    private Optional<ObjectNode> applyEdit(String channelId, String messageId, JsonNode edit, boolean markEdited) {
        return channels.edit(channelId, messageId, message -> {
            if (edit.has("content")) {
                message.put("content", edit.path("content").asText(""));
            }
            if (edit.has("embeds")) {
                message.set("embeds", Payloads.richEmbeds(edit.path("embeds")));
            }
            if (edit.has("components")) {
                message.set(
                        "components",
                        edit.path("components").isArray()
                                ? edit.get("components").deepCopy()
                                : Payloads.array());
            }
            if (edit.has("flags")) {
                int kept = message.path("flags").asInt(0) & FLAG_EPHEMERAL;
                message.put("flags", kept | (edit.path("flags").asInt(0) & ~(FLAG_EPHEMERAL | FLAG_LOADING)));
            }
            message.put("flags", message.path("flags").asInt(0) & ~FLAG_LOADING);
            if (markEdited) {
                message.put("edited_timestamp", Payloads.timestamp(Instant.now()));
            }
            resolveMentions(message, edit, !message.has("webhook_id"));
        });
    }

    /**
     * Fills {@code mentions}/{@code mention_roles}/{@code mention_everyone} from the content, honouring
     * {@code allowed_mentions} (default: everything for channel messages, users only for webhooks).
     */
    private void resolveMentions(ObjectNode message, JsonNode payload, boolean channelDefaults) {
        JsonNode allowed = payload.path("allowed_mentions");
        Set<String> parse = new HashSet<>();
        Set<String> users = new HashSet<>();
        Set<String> roles = new HashSet<>();
        if (allowed.isObject()) {
            allowed.path("parse").forEach(p -> parse.add(p.asText()));
            allowed.path("users").forEach(u -> users.add(u.asText()));
            allowed.path("roles").forEach(r -> roles.add(r.asText()));
        } else if (channelDefaults) {
            parse.addAll(List.of("users", "roles", "everyone"));
        } else {
            parse.add("users");
        }
        String content = message.path("content").asText("");
        ArrayNode mentions = message.putArray("mentions");
        Matcher userMatcher = USER_MENTION.matcher(content);
        while (userMatcher.find()) {
            String id = userMatcher.group(1);
            if (parse.contains("users") || users.contains(id)) {
                guilds.stream()
                        .flatMap(g -> g.members().stream())
                        .filter(mem -> mem.id().equals(id))
                        .findFirst()
                        .ifPresent(mem -> mentions.add(Payloads.memberUser(mem)));
            }
        }
        ArrayNode mentionRoles = message.putArray("mention_roles");
        Matcher roleMatcher = ROLE_MENTION.matcher(content);
        while (roleMatcher.find()) {
            if (parse.contains("roles") || roles.contains(roleMatcher.group(1))) {
                mentionRoles.add(roleMatcher.group(1));
            }
        }
        message.put(
                "mention_everyone",
                parse.contains("everyone") && (content.contains("@everyone") || content.contains("@here")));
    }

    /** Turns uploaded files into Attachment objects on the stored message. */
    private void attach(ObjectNode message, List<Multipart.Upload> uploads) {
        ArrayNode attachments = message.putArray("attachments");
        for (Multipart.Upload upload : uploads) {
            String id = Snowflakes.nextId();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/attachments/"
                    + message.path("channel_id").asText() + "/" + id + "/" + upload.filename();
            attachments
                    .addObject()
                    .put("id", id)
                    .put("filename", upload.filename())
                    .put("size", upload.size())
                    .put("url", url)
                    .put("proxy_url", url)
                    .put("content_type", upload.contentType());
        }
    }

    // ---- errors and plumbing ----

    private static ObjectNode invalidResponseType() {
        ObjectNode errors = Payloads.object();
        errors.putObject("type")
                .putArray("_errors")
                .addObject()
                .put("code", "INTERACTION_RESPONSE_TYPE_INVALID")
                .put("message", "Invalid interaction response type");
        return errors;
    }

    /** A deferred reply may carry the EPHEMERAL flag and nothing else. */
    private static ObjectNode onlyEphemeralFlag(JsonNode data) {
        ObjectNode errors = Payloads.object();
        if ((data.path("flags").asInt(0) & ~FLAG_EPHEMERAL) != 0) {
            errors.putObject("data")
                    .putObject("flags")
                    .putArray("_errors")
                    .addObject()
                    .put("code", "MESSAGE_FLAGS_INVALID")
                    .put("message", "Only the EPHEMERAL flag may be set on a deferred reply");
        }
        return errors;
    }

    /** Discord refuses to create a message with nothing to show. */
    private static boolean isEmptyMessage(JsonNode payload) {
        return payload.path("content").asText("").isEmpty()
                && payload.path("embeds").isEmpty()
                && payload.path("components").isEmpty()
                && payload.path("attachments").isEmpty()
                && payload.path("sticker_ids").isEmpty()
                && !payload.path("poll").isObject();
    }

    private static Reply emptyMessage() {
        return error(400, 50006, "Cannot send an empty message");
    }

    static Reply invalidFormBody(ObjectNode errors) {
        ObjectNode body = Payloads.object();
        body.put("message", "Invalid Form Body");
        body.put("code", 50035);
        body.set("errors", errors);
        return Reply.json(400, body);
    }

    static Reply error(int status, int code, String message) {
        return Reply.json(status, Payloads.object().put("message", message).put("code", code));
    }

    private Reply unknownInteraction() {
        return error(404, 10062, "Unknown interaction");
    }

    private Reply unknownMessage() {
        return error(404, 10008, "Unknown Message");
    }

    private Reply unknownChannel() {
        return error(404, 10003, "Unknown Channel");
    }

    private Reply unknownCommand() {
        return error(404, 10063, "Unknown application command");
    }

    private Reply unknownApplication() {
        return error(404, 10002, "Unknown Application");
    }

    private static Reply notFound() {
        return error(404, 0, "404: Not Found");
    }

    private static final JsonNode MALFORMED = Payloads.object().put("malformed", true);

    private static JsonNode parseBody(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Payloads.JSON.readTree(bytes);
        } catch (IOException e) {
            return MALFORMED;
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (reply.body == null) {
            exchange.sendResponseHeaders(reply.status, -1);
            return;
        }
        byte[] bytes;
        try {
            bytes = Payloads.JSON.writeValueAsBytes(reply.body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(Request request, Matcher match);
    }

    private record Route(String method, Pattern path, Handler handler) {}

    private record ArmedFault(String method, Pattern path, AtomicInteger remaining, Fault fault) {}

    private record Nonce(String messageId, Instant at) {}

    private record Request(
            String method,
            String path,
            Map<String, String> query,
            Map<String, List<String>> headers,
            JsonNode body,
            List<Multipart.Upload> uploads) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode bodyOrMissing() {
            return body == null ? MissingNode.getInstance() : body;
        }
    }

    /** An HTTP answer: status, optional JSON body, extra headers. */
    static final class Reply {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Reply(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        static Reply json(int status, JsonNode body) {
            return new Reply(status, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }
}
