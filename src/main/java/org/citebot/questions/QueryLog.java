package org.citebot.questions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What groups ask: each search's normalised query, guild, time, result count and whether its answer
 * was public, never who asked. Searches record into it; it feeds autocomplete of a server's
 * questions, the digest's "Most asked" and "Unanswered", and cache warm-up after a reindex. Kept in
 * the state database, so with several processes sharing one database every figure covers them all.
 *
 * <p>A question reaches a server's autocomplete or "Most asked" only once {@value #SHARED_AFTER}
 * different members asked it there publicly, so one member's question is never shown to others.
 */
public interface QueryLog {

    /** Distinct members who must ask a question publicly in a server before others see it there. */
    int SHARED_AFTER = 3;

    /** A query and how often it was asked in a period. */
    record FrequentQuery(String query, int count) {}

    /**
     * Records a search whose answer only its asker saw: a private answer, a direct message, the
     * console or the CLI ({@code guildId} empty outside a server). It never reaches shared
     * suggestions, the digest or its moderators' report; only cache warm-up re-runs it.
     */
    void record(String normalizedQuery, Optional<String> guildId, Instant askedAt, long resultCount);

    /**
     * Records a search answered publicly in {@code guildId}, and counts {@code askerId} (never
     * stored as such) among the question's distinct public askers there.
     *
     * @return true when this search made the question shared: the {@value #SHARED_AFTER}th
     *     different member to ask it publicly in this server
     */
    boolean recordPublic(String normalizedQuery, String guildId, String askerId, Instant askedAt, long resultCount);

    /**
     * A server's shared questions that found passages, most asked (publicly) since {@code since}
     * first, ties by most recent: what its autocomplete offers and its digest calls "Most asked".
     */
    List<FrequentQuery> sharedQuestions(String guildId, Instant since, int limit);

    /**
     * Questions asked publicly in a server since {@code since} that found nothing, most asked first:
     * the digest's report to that server's moderators. Already public in the channel, so one asker
     * is enough; private questions never appear.
     */
    List<FrequentQuery> unanswered(String guildId, Instant since, int limit);

    /**
     * The most asked answered queries since {@code since} across every guild and the console,
     * private ones included: only re-run into the cache after a reindex, never shown to anyone.
     */
    List<FrequentQuery> frequentEverywhere(Instant since, int limit);

    /**
     * Deletes searches older than {@code retention}, and questions not shared again within it;
     * returns how many searches were removed.
     */
    int purgeOlderThan(Instant now, Duration retention);
}
