package org.citebot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Just enough of Discord's REST API and gateway for {@link DiscordBot}'s own tests: login, READY
 * with one guild, command registration (remembered, echoed), one interaction and its callback. The
 * project's full fake Discord (branch fake-discord) replaces this for end-to-end tests.
 */
final class MiniDiscord implements AutoCloseable {

    static final String TOKEN = "mini.discord.token-0123456789";
    static final String BOT_ID = "100000000000000001";
    static final String APP_ID = "100000000000000002";
    static final String GUILD_ID = "100000000000000003";
    static final String CHANNEL_ID = "100000000000000004";
    static final String USER_ID = "100000000000000005";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer rest;
    private final Gateway gateway;
    private final AtomicLong ids = new AtomicLong(1);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, ArrayNode> commands = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    /** Bodies of the webhook and channel-message requests, as "METHOD kind" → body. */
    final List<Map.Entry<String, JsonNode>> messages = new CopyOnWriteArrayList<>();
    private final String everyonePermissions;

    MiniDiscord() throws IOException, InterruptedException {
        this("19456");
    }

    /** @param everyonePermissions the guild's @everyone permissions; 19456 = view, send, embed links */
    MiniDiscord(String everyonePermissions) throws IOException, InterruptedException {
        this.everyonePermissions = everyonePermissions;
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/api/v10/", this::handle);
        rest.start();
        gateway = new Gateway(freePort());
        gateway.start();
        if (!gateway.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gateway did not start");
        }
    }

    URI restUrl() {
        return URI.create("http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/");
    }

    URI gatewayUrl() {
        return URI.create("ws://127.0.0.1:" + gateway.getPort() + "/");
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    /** Sends a slash command interaction to every connected client. */
    void slashCommand(String name, String optionsJson) {
        long id = freshId();
        gateway.dispatch("INTERACTION_CREATE", envelope(id, 2,
                "{\"id\":\"%d\",\"name\":\"%s\",\"type\":1,\"options\":%s}".formatted(id + 1, name, optionsJson)));
    }

    /** Sends a message-menu command used on a message whose content is {@code content}. */
    void messageCommand(String name, String content) {
        long id = freshId();
        String target = Long.toString(id - 7);
        String message = JSON.createObjectNode().put("id", target).put("type", 0).put("channel_id", CHANNEL_ID)
                .put("content", content).set("author", JSON.createObjectNode().put("id", USER_ID).put("username", "alice"))
                .toString().replaceFirst("}$", ",\"mentions\":[],\"mention_roles\":[]}");
        gateway.dispatch("INTERACTION_CREATE", envelope(id, 2,
                "{\"id\":\"%d\",\"name\":\"%s\",\"type\":3,\"target_id\":\"%s\",\"resolved\":{\"messages\":{\"%s\":%s}}}"
                        .formatted(id + 1, name, target, target, message)));
    }

    /** Sends an autocomplete request for {@code option} of a slash command, typed so far as {@code value}. */
    void autocomplete(String command, String option, String value) {
        long id = freshId();
        gateway.dispatch("INTERACTION_CREATE", envelope(id, 4,
                ("{\"id\":\"%d\",\"name\":\"%s\",\"type\":1,\"options\":[{\"name\":\"%s\",\"type\":3,"
                        + "\"value\":%s,\"focused\":true}]}").formatted(id + 1, command, option,
                        JSON.getNodeFactory().textNode(value).toString())));
    }

    private long freshId() {
        return ((System.currentTimeMillis() - 1420070400000L) << 22) | ids.incrementAndGet();
    }

    private String envelope(long id, int type, String data) {
        return """
                {"id":"%d","type":%d,"token":"itok%d","version":1,"application_id":"%s",
                 "guild_id":"%s","guild":{"id":"%s"},"channel_id":"%s","channel":{"id":"%s","type":0},
                 "member":{"user":{"id":"%s","username":"alice"},"roles":[],"permissions":"2147483647"},
                 "context":0,"authorizing_integration_owners":{"0":"%s"},"data":%s}"""
                .formatted(id, type, id, APP_ID, GUILD_ID, GUILD_ID, CHANNEL_ID, CHANNEL_ID, USER_ID, GUILD_ID, data);
    }

    /** Sends a press of the button {@code customId} on a private message of the bot's to every connected client. */
    void buttonPress(String customId) {
        long id = freshId();
        String message = ("{\"id\":\"%d\",\"type\":0,\"channel_id\":\"%s\",\"author\":{\"id\":\"%s\",\"username\":\"citebot\"},"
                + "\"content\":\"answer\",\"mentions\":[],\"mention_roles\":[],\"flags\":64,\"components\":[{\"type\":1,"
                + "\"components\":[{\"type\":2,\"style\":1,\"label\":\"Share\",\"custom_id\":\"%s\"}]}]}")
                .formatted(id - 1, CHANNEL_ID, BOT_ID, customId);
        String payload = envelope(id, 3, "{\"custom_id\":\"%s\",\"component_type\":2}".formatted(customId));
        gateway.dispatch("INTERACTION_CREATE", payload.replaceFirst("\"data\":", "\"message\":" + Matcher.quoteReplacement(message) + ",\"data\":"));
    }

    /** The message bodies sent so far as "METHOD kind", kind being original, followup or channel. */
    List<String> messageKinds() {
        return messages.stream().map(Map.Entry::getKey).toList();
    }

    JsonNode message(String kind) {
        return messages.stream().filter(entry -> entry.getKey().equals(kind)).map(Map.Entry::getValue).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        rest.stop(0);
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring("/api/v10/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(method + " " + path);
        if (!("Bot " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
            return;
        }
        if (method.equals("GET") && path.equals("users/@me")) {
            respond(exchange, 200, "{\"id\":\"" + BOT_ID + "\",\"username\":\"citebot\",\"discriminator\":\"0\",\"bot\":true}");
        } else if (path.startsWith("applications/" + APP_ID + "/") && path.endsWith("commands")) {
            String scope = path.substring(("applications/" + APP_ID + "/").length());
            if (method.equals("PUT")) {
                ArrayNode stored = (ArrayNode) JSON.readTree(body);
                for (JsonNode command : stored) {
                    ((ObjectNode) command).put("id", Long.toString(1_300_000_000_000_000_000L + ids.incrementAndGet()))
                            .put("application_id", APP_ID).put("version", "1");
                }
                commands.put(scope, stored);
            }
            respond(exchange, 200, JSON.writeValueAsString(commands.getOrDefault(scope, JSON.createArrayNode())));
        } else if (method.equals("POST") && path.startsWith("interactions/") && path.endsWith("/callback")) {
            callbacks.add(JSON.readTree(body));
            respond(exchange, 204, "");
        } else if (path.startsWith("webhooks/") || path.equals("channels/" + CHANNEL_ID + "/messages")) {
            String kind = path.startsWith("channels/") ? "channel" : path.endsWith("@original") ? "original" : "followup";
            if (method.equals("DELETE")) {
                messages.add(Map.entry(method + " " + kind, JSON.createObjectNode()));
                respond(exchange, 204, "");
                return;
            }
            JsonNode sent = JSON.readTree(body);
            messages.add(Map.entry(method + " " + kind, sent));
            ObjectNode message = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet() + 1_400_000_000_000_000_000L))
                    .put("type", 0).put("channel_id", CHANNEL_ID).put("content", sent.path("content").asText(""));
            message.putObject("author").put("id", BOT_ID).put("username", "citebot");
            message.putArray("mentions");
            message.putArray("mention_roles");
            respond(exchange, 200, JSON.writeValueAsString(message));
        } else {
            respond(exchange, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Gateway extends WebSocketServer {

        final CountDownLatch started = new CountDownLatch(1);

        Gateway(int port) {
            super(new InetSocketAddress("127.0.0.1", port));
            setReuseAddr(true);
        }

        void dispatch(String type, String data) {
            String frame = "{\"op\":0,\"s\":" + sequence.incrementAndGet() + ",\"t\":\"" + type + "\",\"d\":" + data + "}";
            getConnections().forEach(connection -> connection.send(frame));
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connection.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            JsonNode frame;
            try {
                frame = JSON.readTree(message);
            } catch (IOException e) {
                return;
            }
            switch (frame.path("op").asInt()) {
                case 1 -> connection.send("{\"op\":11}");
                case 2 -> {
                    connection.send(("{\"op\":0,\"s\":%d,\"t\":\"READY\",\"d\":{\"user\":{\"id\":\"%s\",\"username\":\"citebot\"},"
                            + "\"application\":{\"id\":\"%s\"},\"guilds\":[{\"id\":\"%s\",\"unavailable\":true}],"
                            + "\"private_channels\":[],\"session_id\":\"mini-1\"}}")
                            .formatted(sequence.incrementAndGet(), BOT_ID, APP_ID, GUILD_ID));
                    connection.send(("{\"op\":0,\"s\":%d,\"t\":\"GUILD_CREATE\",\"d\":{\"id\":\"%s\",\"name\":\"Group\","
                            + "\"afk_timeout\":300,\"member_count\":2,\"members\":["
                            + "{\"user\":{\"id\":\"%s\",\"username\":\"citebot\"},\"roles\":[]},"
                            + "{\"user\":{\"id\":\"%s\",\"username\":\"alice\"},\"roles\":[]}],"
                            + "\"roles\":[{\"id\":\"%s\",\"name\":\"@everyone\",\"position\":0,\"permissions\":\"%s\","
                            + "\"color\":0,\"colors\":{\"primary_color\":0}}],"
                            + "\"channels\":[{\"id\":\"%s\",\"type\":0,\"name\":\"general\",\"position\":0,"
                            + "\"permission_overwrites\":[]}],"
                            + "\"threads\":[],\"guild_scheduled_events\":[],\"emojis\":[],\"voice_states\":[]}}")
                            .formatted(sequence.incrementAndGet(), GUILD_ID, BOT_ID, USER_ID, GUILD_ID, everyonePermissions,
                                    CHANNEL_ID));
                }
                default -> { }
            }
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {}

        @Override
        public void onError(WebSocket connection, Exception e) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
