package org.citebot.discord.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake gateway: a WebSocket server on 127.0.0.1 speaking Discord's v10 JSON protocol. It sends
 * HELLO on open, answers IDENTIFY (before or after HELLO) with READY and one GUILD_CREATE per test
 * guild of the identified shard, ACKs heartbeats, numbers dispatches per session, replays missed
 * dispatches on RESUME and answers an unknown session with op 9. Everything received and
 * dispatched is recorded.
 *
 * <p>Sharded like Discord: a guild belongs to shard {@code (guild_id >> 22) % total}, an IDENTIFY
 * names its shard as {@code [id, total]} (JDA's single client sends {@code [0, 1]}), and a guild's
 * events go to a session of its shard. A shard identified by two clients at once (a rolling
 * restart) has two sessions; events go to the newest unless a test picks one.
 */
public final class FakeGateway implements AutoCloseable {

    /** Close code JDA treats as resumable ("Unknown error"). */
    public static final int CLOSE_UNKNOWN_ERROR = 4000;
    /** Close code for a bad token; JDA does not reconnect. */
    public static final int CLOSE_AUTHENTICATION_FAILED = 4004;
    /** Close code for an IDENTIFY whose shard does not fit the shard count; JDA does not reconnect. */
    public static final int CLOSE_INVALID_SHARD = 4010;

    /** One IDENTIFY the gateway accepted: which shard, when. */
    public record Identify(int shard, java.time.Instant at) {}

    static final int HEARTBEAT_INTERVAL_MS = 41_250;

    private static final Logger LOG = LoggerFactory.getLogger(FakeGateway.class);

    private final TestBot bot;
    private final List<TestGuild> guilds;
    private final int shardTotal;
    private final Server server;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private final List<String> closes = new CopyOnWriteArrayList<>();
    private final List<Identify> identifies = new CopyOnWriteArrayList<>();
    /** Every session identified, oldest first; a shard's are those whose {@link Session#shard} is it. */
    private final List<Session> identified = new CopyOnWriteArrayList<>();

    private volatile Session current;

    FakeGateway(TestBot bot, List<TestGuild> guilds, int shardTotal) {
        if (shardTotal < 1) {
            throw new IllegalArgumentException("at least one shard, got " + shardTotal);
        }
        this.bot = bot;
        this.guilds = List.copyOf(guilds);
        this.shardTotal = shardTotal;
        this.server = new Server(new InetSocketAddress("127.0.0.1", 0));
    }

    /** The shard a guild belongs to among {@code total}, as Discord computes it. */
    public static int shardOf(String guildId, int total) {
        return (int) ((Long.parseUnsignedLong(guildId) >>> 22) % total);
    }

    /** How many shards the bot must connect with ({@code GET gateway/bot}'s {@code shards}). */
    public int shardTotal() {
        return shardTotal;
    }

    /** Every IDENTIFY accepted, in order: which shard and when. */
    public List<Identify> identifies() {
        return List.copyOf(identifies);
    }

    /** How many sessions of {@code shard} are on an open socket now. */
    public int openSessions(int shard) {
        return (int) identified.stream()
                .filter(session -> session.shard == shard && session.isOpen())
                .count();
    }

    void start() {
        server.setReuseAddr(true);
        server.setDaemon(true);
        server.setConnectionLostTimeout(0);
        server.start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake gateway did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ws://127.0.0.1:PORT/}, what {@code SessionController#getGateway()} must return. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/";
    }

    /** Every payload the client sent (IDENTIFY, heartbeats, RESUME, ...), in order. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Payloads received with the given op code. */
    public List<JsonNode> received(int op) {
        return received.stream().filter(p -> p.path("op").asInt(-1) == op).toList();
    }

    /** The request target of every WebSocket handshake, e.g. {@code /?encoding=json&v=10}. */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    /**
     * One line per socket the fake saw closed, e.g. {@code 1000 Shutting down (remote=true) at
     * 2026-11-22T07:01:41Z}; what a test prints when a client is slow to disconnect.
     */
    public List<String> closes() {
        return List.copyOf(closes);
    }

    /** Every payload the fake sent, dispatches and control ops alike, in order. */
    public List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    /** Names ({@code t}) of the dispatches sent, e.g. READY, GUILD_CREATE, RESUMED. */
    public List<String> sentDispatchNames() {
        return sent.stream()
                .filter(p -> p.path("op").asInt() == 0)
                .map(p -> p.path("t").asText())
                .toList();
    }

    /** Whether a client currently holds an identified or resumed session on an open socket. */
    public boolean isConnected() {
        Session session = current;
        return session != null && session.socket != null && session.socket.isOpen();
    }

    /**
     * Sends a dispatch on the current session (the one identified or resumed last, so with two JDA
     * clients connected the newer one gets it); buffered for replay if the client is disconnected.
     */
    public void dispatch(String eventName, JsonNode data) {
        Session session = current;
        if (session == null) {
            throw new IllegalStateException("no client has identified yet");
        }
        session.dispatch(eventName, data);
    }

    /**
     * Sends a dispatch about {@code guildId} (null: a direct message, which Discord sends to shard 0)
     * on a session of the guild's shard: the {@code connection}-th open one in the order they
     * identified, or the newest when {@code connection} is negative.
     */
    public void dispatchToGuild(String eventName, JsonNode data, String guildId, int connection) {
        int shard = guildId == null ? 0 : shardOf(guildId, shardTotal);
        List<Session> candidates;
        synchronized (this) {
            candidates = identified.stream()
                    .filter(session -> session.shard == shard && session.isOpen())
                    .toList();
            if (candidates.isEmpty()) {
                // A session whose socket dropped keeps dispatches for its RESUME, as Discord does.
                candidates = identified.stream()
                        .filter(session -> session.shard == shard && sessions.containsKey(session.id))
                        .toList();
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no client has identified shard " + shard + " of " + shardTotal);
        }
        Session session = connection < 0
                ? candidates.get(candidates.size() - 1)
                : candidates.get(Math.min(connection, candidates.size() - 1));
        session.dispatch(eventName, data);
    }

    /** Closes the client's socket with the given code; for a resumable code JDA reconnects and sends RESUME. */
    public void dropConnection(int closeCode) {
        Session session = current;
        if (session == null || session.socket == null) {
            throw new IllegalStateException("no connected session to drop");
        }
        session.socket.close(closeCode, "fake-discord: connection dropped by test");
    }

    /** Cuts the client's socket without a close frame (the client sees 1006 abnormal closure) and so resumes. */
    public void dropConnectionAbruptly() {
        Session session = current;
        if (session == null || session.socket == null) {
            throw new IllegalStateException("no connected session to drop");
        }
        session.socket.closeConnection(1006, "fake-discord: connection cut by test");
    }

    /** Sends op 9 INVALID_SESSION; with {@code resumable == false} JDA identifies again. */
    public void invalidateSession(boolean resumable) {
        Session session = current;
        if (session == null || session.socket == null) {
            throw new IllegalStateException("no connected session");
        }
        if (!resumable) {
            sessions.remove(session.id);
        }
        send(
                session.socket,
                Payloads.object().put("op", 9).put("d", resumable).putNull("s").putNull("t"));
    }

    @Override
    public void close() {
        try {
            server.stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onPayload(WebSocket socket, JsonNode payload) {
        received.add(payload);
        int op = payload.path("op").asInt(-1);
        switch (op) {
            case 1 -> send(socket, Payloads.object().put("op", 11));
            case 2 -> identify(socket, payload.path("d"));
            case 6 -> resume(socket, payload.path("d"));
            default -> LOG.debug("fake gateway ignores op {}", op);
        }
    }

    private void identify(WebSocket socket, JsonNode d) {
        if (!bot.token().equals(d.path("token").asText())) {
            socket.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
            return;
        }
        JsonNode shardInfo = d.path("shard");
        int shard = shardInfo.isArray() ? shardInfo.path(0).asInt() : 0;
        int total = shardInfo.isArray() ? shardInfo.path(1).asInt() : 1;
        if (total != shardTotal || shard < 0 || shard >= total) {
            socket.close(CLOSE_INVALID_SHARD, "Invalid shard.");
            return;
        }
        identifies.add(new Identify(shard, java.time.Instant.now()));
        List<TestGuild> own = guilds.stream()
                .filter(guild -> shardOf(guild.id(), shardTotal) == shard)
                .toList();
        Session session = new Session("fake-session-" + Snowflakes.nextId(), shard);
        sessions.put(session.id, session);
        synchronized (session) {
            // Published before READY: the client may be ready (and a test dispatching) as soon as it
            // reads GUILD_CREATE. A dispatch waits for this lock, so it can never overtake READY.
            current = session;
            identified.add(session);
            session.socket = socket;
            session.dispatch("READY", Payloads.ready(bot, own, session.id, url(), shard, shardTotal));
            for (TestGuild guild : own) {
                session.dispatch("GUILD_CREATE", Payloads.guildCreate(guild, bot));
            }
        }
    }

    private void resume(WebSocket socket, JsonNode d) {
        Session session = sessions.get(d.path("session_id").asText());
        if (session == null || !bot.token().equals(d.path("token").asText())) {
            send(
                    socket,
                    Payloads.object().put("op", 9).put("d", false).putNull("s").putNull("t"));
            return;
        }
        long lastSeen = d.path("seq").asLong();
        synchronized (session) {
            current = session;
            session.socket = socket;
            for (ObjectNode missed : session.log) {
                if (missed.path("s").asLong() > lastSeen) {
                    send(socket, missed);
                }
            }
            session.dispatch("RESUMED", Payloads.object());
        }
    }

    private void send(WebSocket socket, JsonNode payload) {
        sent.add(payload);
        try {
            socket.send(Payloads.JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException e) {
            LOG.debug("fake gateway: client gone, payload kept for replay");
        }
    }

    /** One gateway session: its sequence counter and the log of dispatches for RESUME replay. */
    private final class Session {
        final String id;
        final int shard;
        final List<ObjectNode> log = new ArrayList<>();
        long sequence;
        volatile WebSocket socket;

        Session(String id, int shard) {
            this.id = id;
            this.shard = shard;
        }

        boolean isOpen() {
            WebSocket target = socket;
            return target != null && target.isOpen();
        }

        synchronized void dispatch(String eventName, JsonNode data) {
            ObjectNode payload = Payloads.object();
            payload.put("op", 0);
            payload.put("s", ++sequence);
            payload.put("t", eventName);
            payload.set("d", data);
            log.add(payload);
            WebSocket target = socket;
            if (target != null && target.isOpen()) {
                send(target, payload);
            }
        }
    }

    private final class Server extends WebSocketServer {
        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            handshakes.add(handshake.getResourceDescriptor());
            ObjectNode hello = Payloads.object();
            hello.put("op", 10);
            hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
            hello.putNull("s");
            hello.putNull("t");
            send(socket, hello);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            LOG.debug("fake gateway: socket closed {} {} (remote={})", code, reason, remote);
            closes.add(code + " " + reason + " (remote=" + remote + ") at " + java.time.Instant.now());
            for (Session session : sessions.values()) {
                synchronized (session) {
                    if (session.socket == socket) {
                        session.socket = null;
                    }
                }
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            try {
                onPayload(socket, Payloads.JSON.readTree(message));
            } catch (JsonProcessingException e) {
                socket.close(4002, "Decode error");
            }
        }

        @Override
        public void onError(WebSocket socket, Exception error) {
            LOG.debug("fake gateway error", error);
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
