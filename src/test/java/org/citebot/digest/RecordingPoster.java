package org.citebot.digest;

import java.time.Clock;
import java.time.Duration;
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
 * A poster that behaves like Discord for the digest: a nonce repeated within {@link #NONCE_WINDOW}
 * (by the test's clock) returns the first message instead of posting again, later it posts anew;
 * {@link #find} sees every message it created; channels can be made to fail. Records every message
 * it created.
 */
final class RecordingPoster implements DigestPoster {

    record Post(String guildId, String channelId, Reply reply, String nonce, Instant at, String messageId) {}

    /** How long Discord drops a repeated nonce: "a few minutes". */
    static final Duration NONCE_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Post> byNonce = new HashMap<>();
    private final Map<String, FailureKind> failing = new ConcurrentHashMap<>();
    private final Set<String> crashAfterSend = ConcurrentHashMap.newKeySet();
    private int attempts;
    private int finds;
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
        Post existing = byNonce.get(nonce);
        if (existing != null && clock.instant().isBefore(existing.at().plus(NONCE_WINDOW))) {
            return new PostResult.Posted(existing.messageId());
        }
        String id = Long.toString(nextId++);
        Post post = new Post(guildId, channelId, reply, nonce, clock.instant(), id);
        byNonce.put(nonce, post);
        posts.add(post);
        if (crashAfterSend.remove(channelId)) {
            // The message went out, but the process dies before it learns the id.
            throw new SimulatedCrash();
        }
        return new PostResult.Posted(id);
    }

    @Override
    public synchronized EarlierPost find(String guildId, String channelId, String nonce, Instant since) {
        finds++;
        FailureKind failure = failing.get(channelId);
        if (failure != null) {
            return new EarlierPost.Unknown(new PostResult.Failed(failure, "channel " + channelId + " " + failure));
        }
        return posts.stream()
                .filter(p -> p.channelId().equals(channelId) && p.nonce().equals(nonce) && !p.at().isBefore(since))
                .findFirst()
                .<EarlierPost>map(p -> new EarlierPost.Found(p.messageId()))
                .orElse(new EarlierPost.Absent());
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

    /** Sends tried, including failed ones. */
    synchronized int attempts() {
        return attempts;
    }

    /** Looks for an earlier send. */
    synchronized int finds() {
        return finds;
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
