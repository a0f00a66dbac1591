package org.citebot.command;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.citebot.reply.Reply;

/**
 * Each member's budget for everything they can make citebot do, one sliding window per kind of
 * work ({@code rateLimit.*}): searches, button presses, autocomplete, lists and the digest preview.
 * Every member-triggered command and button asks here first, so no path runs unlimited work on
 * one member's say-so. Moderator-only commands are not limited.
 */
public final class MemberLimits {

    /** No limits at all: for front ends and tests that need none. */
    public static final MemberLimits UNLIMITED = new MemberLimits(Map.of());

    /** The kinds of work a member can ask for, each with its own budget. */
    public enum Action {
        /** {@code /search} and "Find sources": a search of the index. */
        SEARCH("searching"),
        /** ◀ ▶ and Share under answers and {@code /sources}: a search or a list page each. */
        BUTTON("pressing buttons"),
        /** Suggestions while typing; a member over budget simply gets none. */
        AUTOCOMPLETE("typing"),
        /** {@code /sources} and {@code /status}. */
        LOOKUP("running commands"),
        /** {@code /digest preview}: composes a whole digest. */
        DIGEST_PREVIEW("previewing the digest");

        private final String doing;

        Action(String doing) {
            this.doing = doing;
        }
    }

    private final Map<Action, RateLimiter> limiters;

    /** @param limiters one per action; an action without one is not limited */
    public MemberLimits(Map<Action, RateLimiter> limiters) {
        this.limiters = limiters.isEmpty() ? Map.of() : new EnumMap<>(limiters);
    }

    /**
     * A budget of {@code permits} per {@code window} for each action named.
     *
     * @param onRefusal runs on every refusal, e.g. to count them
     */
    public static MemberLimits of(
            Map<Action, Integer> permits, Duration window, Clock clock, Ticker ticker, Runnable onRefusal) {
        Map<Action, RateLimiter> limiters = new EnumMap<>(Action.class);
        permits.forEach(
                (action, count) -> limiters.put(action, new RateLimiter(count, window, clock, ticker, onRefusal)));
        return new MemberLimits(limiters);
    }

    /** The same budget for every action, e.g. for tests. */
    public static MemberLimits uniform(int permits, Duration window, Clock clock, Ticker ticker) {
        Map<Action, Integer> each = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            each.put(action, permits);
        }
        return of(each, window, clock, ticker, () -> {});
    }

    /**
     * Takes a permit for {@code action}, or says privately when to try again.
     *
     * @return empty when allowed; otherwise the notice to answer with instead of doing the work
     */
    public Optional<Reply> refusal(Action action, Invoker invoker) {
        return wait(action, invoker).map(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Reply.notice("You are " + action.doing + " quickly. Please try again in " + seconds
                    + (seconds == 1 ? " second." : " seconds."));
        });
    }

    /** Takes a permit for {@code action}; false when the member is over budget. */
    public boolean allows(Action action, Invoker invoker) {
        return wait(action, invoker).isEmpty();
    }

    private Optional<Duration> wait(Action action, Invoker invoker) {
        RateLimiter limiter = limiters.get(action);
        return limiter == null ? Optional.empty() : limiter.tryAcquire(invoker.userId());
    }
}
