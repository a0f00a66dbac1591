package org.citebot.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every guild's digest per local day, which makes posting exactly-once: a run is
 * claimed (state {@code sending}, with its nonce) before anything is sent and marked with the
 * message id after, and only one run can hold a guild's day. Also remembers which corpus documents
 * each guild's last digest saw, so the next one can tell what is new. {@link DigestService} is its
 * user; the state database implements it, for one process or for several sharing it.
 */
public interface DigestRuns {

    /** Where a day's digest stands. */
    enum State {
        /** Claimed and being sent (or a send failed transiently, or the process died mid-send). */
        SENDING,
        POSTED,
        /** Nothing to say that day, and empty days are not posted. */
        EMPTY,
        /** A moderator skipped it. */
        SKIPPED,
        /** The bot was down at the time and came back after the grace period. */
        MISSED,
        /** The channel was gone or the bot lacked permission. */
        FAILED;

        /** The state's name as stored. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state stored as {@code column}. */
        public static State of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One guild's digest for one local day.
     *
     * @param nonce what the send carries so Discord drops a repeat; empty for runs that send nothing
     * @param passageId the passage of the day, so it is not repeated within 30 days
     */
    record DigestRun(
            String guildId,
            LocalDate localDate,
            State state,
            Optional<String> nonce,
            Optional<String> channelId,
            Optional<String> messageId,
            Optional<String> passageId,
            Instant scheduledAt,
            Optional<String> error) {}

    Optional<DigestRun> find(String guildId, LocalDate date);

    /** Every run still in {@code sending}: interrupted or transiently failed sends to finish. */
    List<DigestRun> sending();

    /**
     * Records {@code run} unless the guild already has a run that day in a state not listed in
     * {@code replaceable}. Returns true when this run now holds the day. Atomic across processes:
     * of any number of claims of the same day at the same moment, at most one returns true.
     */
    boolean claim(DigestRun run, Set<State> replaceable);

    /**
     * Takes over a run still in {@code sending} (an interrupted send, or one waiting for a retry)
     * to finish it: true unless another process claimed or took it over and its lease has not run
     * out, so two processes never resume the same send at once. A process restarted under the same
     * name takes its own back at once. The lease ends when the run is marked.
     */
    boolean takeOver(String guildId, LocalDate date);

    /** Marks a claimed run as posted with the message Discord created. */
    void markPosted(String guildId, LocalDate date, String messageId);

    /** Moves a run to {@code state} (failed, or still sending after a transient error), noting why. */
    void mark(String guildId, LocalDate date, State state, Optional<String> error);

    /** Passages of the day posted (or being posted) by the guild from {@code since} on, except on {@code except}. */
    Set<String> passagesSince(String guildId, LocalDate since, LocalDate except);

    /** The documents (id to content hash) the guild's last posted digest saw; empty before the first. */
    Map<String, String> seenDocuments(String guildId);

    /** Replaces what the guild's digests have seen with {@code documents} (id to content hash). */
    void replaceSeenDocuments(String guildId, Map<String, String> documents);
}
