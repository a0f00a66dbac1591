package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * One interaction the fake dispatched, and everything the bot did with it: the callback, the
 * original response message, follow-ups and edits. Tests wait on it with the {@code await...}
 * methods (default timeout 10 s).
 */
public final class InteractionHandle {

    /** How long the {@code await...} methods wait unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectNode payload;
    private final long dispatchedAtNanos = System.nanoTime();
    private final ChannelState channels;
    private final Runnable redelivery;
    private final CompletableFuture<JsonNode> callback = new CompletableFuture<>();
    private final List<String> followupIds = new ArrayList<>();
    private final List<String> rejectedCallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String originalMessageId;
    private volatile String lastTouchedMessageId;
    private boolean acknowledged;

    InteractionHandle(
            ObjectNode payload, ChannelState channels, java.util.function.Consumer<InteractionHandle> redelivery) {
        this.payload = payload;
        this.channels = channels;
        this.redelivery = () -> redelivery.accept(this);
    }

    public String id() {
        return payload.path("id").asText();
    }

    public String token() {
        return payload.path("token").asText();
    }

    /** Interaction type: 2 application command, 3 component, 4 autocomplete. */
    public int type() {
        return payload.path("type").asInt();
    }

    public String channelId() {
        return payload.path("channel_id").asText();
    }

    /** A copy of the INTERACTION_CREATE data the fake dispatched. */
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** For component interactions, the id of the message carrying the component. */
    public Optional<String> componentMessageId() {
        JsonNode id = payload.path("message").path("id");
        return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /** Dispatches the very same INTERACTION_CREATE again, as Discord may redeliver it. */
    public InteractionHandle redeliver() {
        redelivery.run();
        return this;
    }

    /** Waits for the first accepted callback and returns its body ({@code {"type":4,"data":{...}}}). */
    public JsonNode awaitCallback() {
        return awaitCallback(DEFAULT_TIMEOUT);
    }

    public JsonNode awaitCallback(Duration timeout) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "interaction " + id() + " was not acknowledged within " + timeout
                            + (rejectedCallbacks.isEmpty() ? "" : "; rejected callbacks: " + rejectedCallbacks),
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The callback type, e.g. 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete. */
    public int awaitCallbackType() {
        return awaitCallback().path("type").asInt();
    }

    /** Callbacks the fake refused for this interaction, as {@code "<status> <error JSON>"}, in order. */
    public List<String> rejectedCallbacks() {
        return List.copyOf(rejectedCallbacks);
    }

    /** Whether an accepted callback has been received. */
    public synchronized boolean isAcknowledged() {
        return acknowledged;
    }

    /**
     * Waits until the interaction produced visible content (a reply, an update, an edit of a
     * deferred reply, or a follow-up) and returns the message touched last, in its current state.
     */
    public JsonNode awaitResponseMessage() {
        return awaitResponseMessage(m -> true, DEFAULT_TIMEOUT);
    }

    /** Waits until the message touched last by this interaction satisfies the condition. */
    public JsonNode awaitResponseMessage(Predicate<JsonNode> condition, Duration timeout) {
        Awaitility.await("response message of interaction " + id())
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> latestMessage().filter(condition).isPresent());
        return latestMessage().orElseThrow();
    }

    /** Waits until {@code count} follow-ups were posted and returns them (current state). */
    public List<JsonNode> awaitFollowups(int count) {
        Awaitility.await("follow-ups of interaction " + id())
                .atMost(DEFAULT_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> followups().size() >= count);
        return followups();
    }

    /** The original response (type 4/5 reply, or the component's message after 6/7), current state. */
    public Optional<JsonNode> originalMessage() {
        String id = originalMessageId;
        return id == null ? Optional.empty() : channels.find(id).map(JsonNode.class::cast);
    }

    /** Follow-up messages in posting order, current state. */
    public synchronized List<JsonNode> followups() {
        List<JsonNode> result = new ArrayList<>();
        for (String id : followupIds) {
            channels.find(id).ifPresent(result::add);
        }
        return result;
    }

    private Optional<JsonNode> latestMessage() {
        String id = lastTouchedMessageId;
        return id == null ? Optional.empty() : channels.find(id).map(JsonNode.class::cast);
    }

    // ---- used by FakeRest ----

    boolean isOlderThan(Duration deadline) {
        return System.nanoTime() - dispatchedAtNanos > deadline.toNanos();
    }

    boolean isExpired() {
        return isOlderThan(Duration.ofMinutes(15));
    }

    synchronized boolean tryAcknowledge() {
        if (acknowledged) {
            return false;
        }
        acknowledged = true;
        return true;
    }

    void rejectCallback(int status, JsonNode error) {
        rejectedCallbacks.add(status + " " + error);
    }

    void completeCallback(JsonNode body) {
        callback.complete(body);
    }

    void original(String messageId) {
        originalMessageId = messageId;
    }

    Optional<String> originalId() {
        return Optional.ofNullable(originalMessageId);
    }

    synchronized void addFollowup(String messageId) {
        followupIds.add(messageId);
    }

    synchronized boolean owns(String messageId) {
        return messageId.equals(originalMessageId) || followupIds.contains(messageId);
    }

    void touched(String messageId) {
        lastTouchedMessageId = messageId;
    }
}
