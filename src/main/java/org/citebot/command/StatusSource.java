package org.citebot.command;

import java.util.Optional;
import org.citebot.passages.IndexMetadata;
import org.citebot.questions.AnswerVotes;
import org.citebot.search.CacheStatistics;

/**
 * What {@code /status} reports about the running services. The composition root implements it over
 * the index (and, once it exists, the search cache); a part that is not there yet stays empty.
 */
public interface StatusSource {

    /** The metadata of the index being searched, empty while none is open. */
    Optional<IndexMetadata> index();

    /** The shard that carries the server's events, empty outside Discord or before it connected. */
    default Optional<ShardStatus> shard(String guildId) {
        return Optional.empty();
    }

    /** Hit and miss counts of the search cache, empty when there is no cache. */
    default Optional<CacheStatistics> cache() {
        return Optional.empty();
    }

    /** Members' votes on answers over the last 30 days, empty where votes are not kept. */
    default Optional<AnswerVotes.Tally> feedback() {
        return Optional.empty();
    }
}
