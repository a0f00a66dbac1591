package org.citebot.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.Random;
import org.citebot.search.BoundedCaches;
import org.citebot.search.SearchFilters;

/**
 * Remembers each search answer's query behind a short token, so its paging and share buttons can
 * name it within Discord's 100-character custom ids. Entries live as long as the interaction
 * token they belong to (15 minutes), then expire; they are bounded by count and by an estimate of
 * their bytes, so a flood of long questions cannot grow the heap.
 */
public final class SearchSessions {

    /** How long Discord lets a bot edit an interaction's reply. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    /** The last page a button may ask for (0-based); farther pages are refused, not searched. */
    public static final int MAX_PAGE = 1000;

    /** Sessions kept at most unless configured ({@code cache.sessions}). */
    static final int DEFAULT_MAX_ENTRIES = 50_000;
    /** Estimated bytes kept at most unless configured ({@code cache.sessionBytes}). */
    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int TOKEN_LENGTH = 10;
    private static final long TOKEN_SPACE = 3_656_158_440_062_976L; // 36^10

    private final Cache<String, Session> sessions;
    private final Random random;

    /** Sessions with the default bounds. */
    public SearchSessions(Ticker ticker, Random random) {
        this(ticker, random, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxEntries sessions kept at most
     * @param maxBytes bytes the sessions hold at most, by {@link #bytes}'s estimate
     */
    public SearchSessions(Ticker ticker, Random random, long maxEntries, long maxBytes) {
        this.sessions = BoundedCaches.builder(maxEntries, maxBytes, SearchSessions::bytes)
                .ticker(ticker)
                .expireAfterWrite(LIFETIME)
                .build();
        this.random = random;
    }

    /**
     * One remembered search: what was asked, how it is shown, who asked, and which pages were shared.
     *
     * @param ephemeral whether the message its buttons are on is private
     * @param ownerId the member whose answer this is; only they page it in place
     * @param sharedCopy the public post "Share in channel" made: it never changes, and its buttons
     *     give whoever presses them a private copy to page
     */
    public record Session(
            String query,
            SearchFilters filters,
            int pageSize,
            boolean ephemeral,
            String ownerId,
            boolean sharedCopy,
            SharedPages shared) {

        /** Whether {@code userId} may change the message this session's buttons are on. */
        public boolean pagedInPlaceBy(String userId) {
            return !sharedCopy && ownerId.equals(userId);
        }

        /** Marks {@code page} as shared; false when it had been shared already. */
        public boolean markShared(int page) {
            return shared.mark(page);
        }
    }

    /**
     * The pages of one answer already shared in the channel. Its size is fixed when the session is
     * made ({@link #MAX_PAGE} bits), so the session's weight stays what it was when it was counted.
     */
    public static final class SharedPages {
        private final BitSet pages = new BitSet(MAX_PAGE + 1);

        synchronized boolean mark(int page) {
            if (page < 0 || page > MAX_PAGE || pages.get(page)) {
                return false;
            }
            pages.set(page);
            return true;
        }
    }

    /** Remembers an answer {@code ownerId} asked for; returns the token its buttons carry. */
    public String open(String query, SearchFilters filters, int pageSize, boolean ephemeral, String ownerId) {
        return put(new Session(query, filters, pageSize, ephemeral, ownerId, false, new SharedPages()));
    }

    /** Remembers the public post that shares a page of {@code original}; returns its buttons' token. */
    public String openSharedCopy(Session original) {
        return put(new Session(
                original.query(),
                original.filters(),
                original.pageSize(),
                false,
                original.ownerId(),
                true,
                new SharedPages()));
    }

    private String put(Session session) {
        while (true) {
            String token = newToken();
            if (sessions.asMap().putIfAbsent(token, session) == null) {
                return token;
            }
        }
    }

    public Optional<Session> find(String token) {
        return Optional.ofNullable(sessions.getIfPresent(token));
    }

    /** How many sessions are held and their estimated bytes. */
    record Held(long sessions, long bytes) {}

    /** What is held after pending evictions; for tests of the bounds. */
    Held held() {
        sessions.cleanUp();
        long bytes = 0;
        for (var entry : sessions.asMap().entrySet()) {
            bytes += bytes(entry.getKey(), entry.getValue());
        }
        return new Held(sessions.estimatedSize(), bytes);
    }

    /** The heap one session holds at least: token, question, filters, owner and the shared-pages bits. */
    static long bytes(String token, Session session) {
        SearchFilters filters = session.filters();
        return 256
                + BoundedCaches.string(token)
                + BoundedCaches.string(session.query())
                + filters.source().map(BoundedCaches::string).orElse(0L)
                + filters.author().map(BoundedCaches::string).orElse(0L)
                + BoundedCaches.string(session.ownerId())
                + (MAX_PAGE + 64) / 8;
    }

    private String newToken() {
        long draw;
        synchronized (random) {
            // One draw per token: 36^10 tokens, about 3.7e15, from a single 64-bit value.
            draw = Math.floorMod(random.nextLong(), TOKEN_SPACE);
        }
        StringBuilder token = new StringBuilder(Long.toString(draw, ALPHABET.length()));
        while (token.length() < TOKEN_LENGTH) {
            token.insert(0, '0');
        }
        return token.toString();
    }
}
