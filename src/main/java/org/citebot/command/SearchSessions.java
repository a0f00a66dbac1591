package org.citebot.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.citebot.search.SearchFilters;

/**
 * Remembers each search answer's query behind a short token, so its paging and share buttons can
 * name it within Discord's 100-character custom ids. Entries live as long as the interaction
 * token they belong to (15 minutes), then expire.
 */
public final class SearchSessions {

    /** How long Discord lets a bot edit an interaction's reply. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int TOKEN_LENGTH = 10;
    private static final long TOKEN_SPACE = 3_656_158_440_062_976L; // 36^10

    private final Cache<String, Session> sessions;
    private final Random random;

    public SearchSessions(Ticker ticker, Random random) {
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(LIFETIME)
                .maximumSize(50_000)
                .build();
        this.random = random;
    }

    /** One remembered search: what was asked, how it is shown, and which pages were shared. */
    public record Session(
            String query,
            SearchFilters filters,
            int pageSize,
            boolean ephemeral,
            String ownerId,
            Set<Integer> sharedPages) {

        /** Marks {@code page} as shared; false when it had been shared already. */
        public boolean markShared(int page) {
            return sharedPages.add(page);
        }
    }

    public String open(String query, SearchFilters filters, int pageSize, boolean ephemeral, String ownerId) {
        Session session = new Session(query, filters, pageSize, ephemeral, ownerId, ConcurrentHashMap.newKeySet());
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
