package org.citebot.solr;

import java.time.Instant;
import java.util.Optional;

/**
 * Which commit of which collection a Solr alias serves: what cache keys will carry, so no answer
 * from before a commit or an alias swap is served after it. Read by {@link SolrPassageStore#generation()}.
 *
 * @param collection the concrete collection behind the alias
 * @param commits the generation the last commit recorded: for {@link SolrPassages}, the passage
 *     store's generation, which carries on across collections; otherwise how many commits citebot made
 * @param builtAt when the last of them was made
 */
public record SolrGeneration(String collection, long commits, Optional<Instant> builtAt) {

    /** A collection citebot never committed to. */
    public static SolrGeneration empty(String collection) {
        return new SolrGeneration(collection, 0, Optional.empty());
    }

    /** One string that differs whenever the collection or its commit does: {@code citebot_g2/17}. */
    public String key() {
        return collection + "/" + commits;
    }
}
