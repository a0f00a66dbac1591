package org.citebot.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.citebot.search.BoundedCaches;
import org.citebot.sources.SourcePreview;

/**
 * The previews of {@code /sources add} waiting for their "Add to corpus" or "Cancel" button: each
 * behind a random token its buttons carry, owned by the moderator who asked, kept as long as Discord
 * lets the preview's buttons answer (15 minutes), and bounded by count and by the bytes of the
 * fetched pages they hold, so a flood of previews cannot grow the heap.
 */
public final class PendingSources {

    /** Previews kept at most. */
    static final int MAX_ENTRIES = 200;
    /** Bytes of fetched pages and text kept at most, across all previews. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * One preview waiting for confirmation.
     *
     * @param ownerId the moderator who asked; only they may add or cancel it
     * @param server where it was asked, which the article will belong to
     */
    record Pending(SourcePreview preview, String ownerId, Optional<String> server) {}

    private final Cache<String, Pending> pending;
    private final SecureRandom random = new SecureRandom();

    public PendingSources(Ticker ticker) {
        this.pending = BoundedCaches.<String, Pending>builder(MAX_ENTRIES, MAX_BYTES, PendingSources::bytes)
                .ticker(ticker)
                .expireAfterWrite(SearchSessions.LIFETIME)
                .build();
    }

    /** Keeps {@code preview} and returns the token its buttons carry (16 hex digits). */
    String hold(Pending preview) {
        byte[] draw = new byte[8];
        random.nextBytes(draw);
        String token = HexFormat.of().formatHex(draw);
        pending.put(token, preview);
        return token;
    }

    /** The preview behind {@code token}, still waiting. */
    Optional<Pending> find(String token) {
        return Optional.ofNullable(pending.getIfPresent(token));
    }

    /** Takes the preview away, so a second press finds nothing; empty when it was taken or expired. */
    Optional<Pending> take(String token) {
        return Optional.ofNullable(pending.asMap().remove(token));
    }

    private static long bytes(String token, Pending value) {
        SourcePreview preview = value.preview();
        return BoundedCaches.string(token)
                + preview.page().length
                + BoundedCaches.strings(preview.paragraphs())
                + BoundedCaches.strings(preview.headings());
    }
}
