package org.citebot.solr;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How citebot reaches SolrCloud and what it creates there: the {@code search.solr.*} keys and the
 * credentials from the environment. Built by the configuration loader; used by {@link SolrConnection}
 * and {@code citebot solr setup}.
 *
 * @param zkHosts ZooKeeper {@code host:port} addresses, optionally ending in a chroot ({@code /solr}); or empty
 * @param urls Solr base URLs ({@code http://host:8983/solr}) when ZooKeeper is not reachable; used when
 *     {@code zkHosts} is empty
 * @param collection the name citebot searches: an alias pointing at the serving collection
 * @param shards shards of a new collection
 * @param replicas replicas of each shard
 * @param user basic-auth user, from the environment only
 * @param password basic-auth password, from the environment only; never printed by {@link #toString()}
 * @param generationPoll how often the generation Solr serves is read again, so another process's
 *     commit or alias swap reaches this process's answer cache keys within it
 */
public record SolrSettings(
        List<String> zkHosts,
        List<URI> urls,
        String collection,
        int shards,
        int replicas,
        Optional<String> user,
        Optional<String> password,
        Duration generationPoll) {

    /** The environment variable holding the Solr user. */
    public static final String USER_VARIABLE = "CITEBOT_SOLR_USER";
    /** The environment variable holding the Solr password (never a config key, so never in a file). */
    public static final String PASSWORD_VARIABLE = "CITEBOT_SOLR_PASSWORD";

    /** How often the generation is read again unless {@code search.solr.generationPoll} says otherwise. */
    public static final Duration DEFAULT_GENERATION_POLL = Duration.ofSeconds(1);

    public SolrSettings {
        zkHosts = List.copyOf(zkHosts);
        if (generationPoll.isNegative() || generationPoll.isZero()) {
            throw new IllegalArgumentException("the Solr generation poll must be positive, not " + generationPoll);
        }
        urls = List.copyOf(urls);
        if (collection.isBlank()) {
            throw new IllegalArgumentException("the Solr collection name must not be blank");
        }
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException(
                    "a Solr collection needs at least 1 shard and 1 replica, not " + shards + " x " + replicas);
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(
                    "set both " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ", or neither");
        }
    }

    /** The same connection and collection shape for the alias {@code other}. */
    public SolrSettings withCollection(String other) {
        return new SolrSettings(zkHosts, urls, other, shards, replicas, user, password, generationPoll);
    }

    /** Whether any way to reach Solr is configured. */
    public boolean configured() {
        return !zkHosts.isEmpty() || !urls.isEmpty();
    }

    /** Where citebot connects, for messages: the ZooKeeper ensemble or the Solr URLs, never credentials. */
    public String where() {
        return zkHosts.isEmpty()
                ? "Solr at "
                        + String.join(", ", urls.stream().map(URI::toString).toList())
                : "ZooKeeper at " + String.join(",", zkHosts);
    }

    @Override
    public String toString() {
        return "SolrSettings[zkHosts=" + zkHosts + ", urls=" + urls + ", collection=" + collection + ", shards="
                + shards + ", replicas=" + replicas + ", user=" + user + ", password="
                + (password.isPresent() ? "(set)" : "(none)") + ", generationPoll=" + generationPoll + "]";
    }
}
