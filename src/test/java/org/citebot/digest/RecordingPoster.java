package org.citebot.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.citebot.reply.Reply;

/**
 * A poster that behaves like Discord for the digest: a repeated nonce returns the first message
 * instead of posting again; channels can be made to fail. Records every message it created.
 */
final class RecordingPoster implements DigestPoster {

    record Post(String guildId, String channelId, Reply reply, String nonce, Instant at, String messageId) {}

    private final Clock clock;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, String> byNonce = new HashMap<>();
    private final Map<String, FailureKind> failing = new ConcurrentHashMap<>();
    private final Set<String> crashAfterSend = ConcurrentHashMap.newKeySet();
    private int attempts;
    private long nextId = 1000;

    RecordingPoster(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized PostResult post(String guildId, String channelId, Reply reply, String nonce) {
        attempts++;
        FailureKind failure = failing.get(channelId);
        if (failure != null) {
            return new PostResult.Failed(failure, "channel " + channelId + " " + failure);
        }
        String existing = byNonce.get(nonce);
        if (existing != null) {
            return new PostResult.Posted(existing);
        }
        String id = Long.toString(nextId++);
        byNonce.put(nonce, id);
        posts.add(new Post(guildId, channelId, reply, nonce, clock.instant(), id));
        if (crashAfterSend.remove(channelId)) {
            // The message went out, but the process dies before it learns the id.
            throw new SimulatedCrash();
        }
        return new PostResult.Posted(id);
    }

    void fail(String channelId, FailureKind kind) {
        failing.put(channelId, kind);
    }

    void heal(String channelId) {
        failing.remove(channelId);
    }

    /** The next send to {@code channelId} goes out, then the process "crashes" before marking it. */
    void crashAfterNextSend(String channelId) {
        crashAfterSend.add(channelId);
    }

    synchronized int attempts() {
        return attempts;
    }

    List<Post> posts() {
        return new ArrayList<>(posts);
    }

    List<Post> postsIn(String channelId) {
        return posts.stream().filter(p -> p.channelId().equals(channelId)).toList();
    }

    /** Stands in for a process dying mid-call. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
