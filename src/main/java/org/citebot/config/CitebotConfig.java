package org.citebot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.solr.SolrSettings;

/**
 * The whole configuration of a citebot process, typed and validated. Built once by
 * {@link ConfigLoader} from {@code config/citebot.yaml} and the environment, then handed, piece by
 * piece, to the objects that need it.
 */
public record CitebotConfig(
        Corpus corpus,
        Index index,
        State state,
        Cache cache,
        Search search,
        Discord discord,
        Moderators moderators,
        RateLimit rateLimit,
        Ops ops,
        Digest digest,
        Operators operators,
        Sources sources) {

    /** This configuration with the corpus read from {@code dir} instead. */
    public CitebotConfig withCorpusDir(Path dir) {
        return with(
                new Corpus(dir, corpus.maxFileBytes(), corpus.fileTimeout(), corpus.watch(), corpus.watchDebounce()),
                index);
    }

    /** This configuration with the index kept in {@code dir} instead. */
    public CitebotConfig withIndexDir(Path dir) {
        return with(corpus, new Index(dir, index.reindexTimeout()));
    }

    private CitebotConfig with(Corpus newCorpus, Index newIndex) {
        return new CitebotConfig(
                newCorpus,
                newIndex,
                state,
                cache,
                search,
                discord,
                moderators,
                rateLimit,
                ops,
                digest,
                operators,
                sources);
    }

    /**
     * Where the articles live and how large one file may be.
     *
     * @param fileTimeout a file whose reading, cleaning and splitting takes longer is skipped
     * @param watch whether the running bot reindexes by itself when files in {@code dir} change
     * @param watchDebounce how long the folder must stay quiet after a change before that reindex starts
     */
    public record Corpus(Path dir, long maxFileBytes, Duration fileTimeout, boolean watch, Duration watchDebounce) {}

    /**
     * Where the Lucene index is kept.
     *
     * @param reindexTimeout a reindex run that reports no progress for this long is stopped and recorded as failed
     */
    public record Index(Path dir, Duration reindexTimeout) {}

    /**
     * Where the state database (guild settings, query log, reindex runs, digests) is kept: by default
     * the SQLite file {@code db}, or the PostgreSQL database that several processes share.
     *
     * @param db the SQLite file, when {@code url} is a SQLite one
     * @param url {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://HOST[:PORT]/DATABASE}
     * @param user the PostgreSQL role (only with a PostgreSQL url)
     * @param password from the environment ({@code PGPASSWORD}) only; never printed by {@link #toString()}
     * @param queryLogRetention how long the query log keeps a search
     */
    public record State(
            Path db, String url, Optional<String> user, Optional<String> password, Duration queryLogRetention) {

        @Override
        public String toString() {
            return "State[db=" + db + ", url=" + url + ", user=" + user + ", password="
                    + (password.isPresent() ? "(set)" : "(none)") + ", queryLogRetention=" + queryLogRetention + "]";
        }
    }

    /**
     * The search cache in front of the index, and the search sessions behind answers' buttons.
     *
     * @param maxEntries how many answers it holds at most (0 turns it off)
     * @param maxBytes how many bytes (estimated) the answers and remembered questions hold at most
     * @param expireAfter how long an answer is kept after it was computed
     * @param sessions how many search sessions (what each answer's buttons page through) are kept at most
     * @param sessionBytes how many bytes (estimated) those sessions hold at most
     */
    public record Cache(int maxEntries, long maxBytes, Duration expireAfter, int sessions, long sessionBytes) {}

    /**
     * How searches answer.
     *
     * @param results passages an answer shows unless the user asks for another number
     * @param mode {@code hybrid} (words and meaning, the default) or {@code lexical} (words only)
     * @param model the semantic model, by the name {@code EmbeddingModels} knows it
     * @param embeddingCache where passage vectors are kept across reindexes; empty: {@code
     *     embeddings.db} beside the index folder
     * @param backend where passages are searched: {@code embedded} (the only one wired so far)
     * @param solr how to reach SolrCloud, for {@code citebot solr setup}
     */
    public record Search(
            int results, String mode, String model, Optional<Path> embeddingCache, String backend, SolrSettings solr) {

        /** {@code search.backend} value for the Lucene index inside each process. */
        public static final String EMBEDDED = "embedded";
        /** {@code search.backend} value for SolrCloud (issue 17; refused until it is wired). */
        public static final String SOLR = "solr";

        /** {@code search.mode} value for words and meaning fused. */
        public static final String HYBRID = "hybrid";
        /** {@code search.mode} value for words alone. */
        public static final String LEXICAL = "lexical";

        /** Whether searches should use the semantic model. */
        public boolean hybrid() {
            return HYBRID.equals(mode);
        }
    }

    /**
     * How the bot reaches Discord. The URLs point at Discord itself unless a REST or gateway proxy
     * (or the test suite's fake Discord) stands in between.
     *
     * @param guilds guilds whose commands are registered per guild (instant updates); empty means global
     * @param privateByDefault whether answers are private previews with a "Share in channel" button
     * @param deferAfter how long a command may run before its reply is deferred (Discord allows 3 s)
     * @param shards which of the bot's gateway shards this process runs
     */
    public record Discord(
            List<String> guilds,
            URI restUrl,
            URI gatewayUrl,
            boolean privateByDefault,
            Duration deferAfter,
            Shards shards) {
        public Discord {
            guilds = List.copyOf(guilds);
        }

        /** One process running the bot's only shard, as before sharding. */
        public Discord(
                List<String> guilds, URI restUrl, URI gatewayUrl, boolean privateByDefault, Duration deferAfter) {
            this(guilds, restUrl, gatewayUrl, privateByDefault, deferAfter, Shards.all(1));
        }
    }

    /**
     * The gateway shards of the bot ({@code discord.shards.*}): Discord sends each guild's events to
     * shard {@code (guild_id >> 22) % total}, and this process connects the shards in {@code ids}, so
     * several processes can split one bot's guilds between them.
     *
     * @param total how many shards the bot has, the same in every process
     * @param ids the shards this process runs, ascending, each below {@code total}
     */
    public record Shards(int total, List<Integer> ids) {
        public Shards {
            ids = List.copyOf(ids);
            if (total < 1 || ids.isEmpty() || ids.stream().anyMatch(id -> id < 0 || id >= total)) {
                throw new IllegalArgumentException("shards " + ids + " of " + total);
            }
        }

        /** Every shard of {@code total}: one process runs the whole bot. */
        public static Shards all(int total) {
            return new Shards(
                    total, java.util.stream.IntStream.range(0, total).boxed().toList());
        }

        /** The shard Discord delivers the guild's events on. */
        public int shardOf(String guildId) {
            return (int) ((Long.parseUnsignedLong(guildId) >>> 22) % total);
        }

        /**
         * Whether this process runs the guild's shard, and so its per-guild work (the digest); an id
         * that is no snowflake (a console user's) belongs to no shard but is kept when one process
         * runs every shard.
         */
        public boolean owns(String guildId) {
            if (ids.size() == total) {
                return true;
            }
            try {
                return ids.contains(shardOf(guildId));
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /**
     * Who may run moderator commands besides members with Manage Server.
     *
     * @param roles role ids whose members count as moderators
     * @param logChannel the channel where moderator actions such as reindex runs are announced, if any,
     *     and where the digest reports to the server it belongs to while that server has no log
     *     channel of its own ({@code /settings log-channel})
     */
    public record Moderators(List<String> roles, Optional<String> logChannel) {
        public Moderators {
            roles = List.copyOf(roles);
        }
    }

    /**
     * Who operates citebot for every server, besides the owner or team of its Discord application
     * (and the local user of the console and command line): only operators rebuild the shared corpus.
     *
     * @param users Discord user ids of further operators
     */
    public record Operators(List<String> users) {
        public Operators {
            users = List.copyOf(users);
        }
    }

    /**
     * How much work one member may ask for in a sliding window, per kind of work.
     *
     * @param searches {@code /search} and "Find sources"
     * @param buttons presses of ◀ ▶ and Share under answers and {@code /sources}
     * @param autocomplete suggestions while typing (over budget: no suggestions, never an error)
     * @param lookups {@code /sources} and {@code /status}
     * @param digestPreviews {@code /digest preview}
     */
    public record RateLimit(
            int searches, Duration window, int buttons, int autocomplete, int lookups, int digestPreviews) {}

    /**
     * The operator's HTTP endpoint ({@code /healthz}, {@code /readyz}, {@code /metrics}).
     *
     * @param listen where it listens; empty when turned off
     * @param logFormat {@code text} (readable) or {@code json} (one object per line for log collectors)
     */
    public record Ops(java.util.Optional<java.net.InetSocketAddress> listen, String logFormat) {}

    /**
     * The daily digest.
     *
     * @param grace how late a digest is still posted after the bot was down at its time
     * @param postEmptyDays whether a day with nothing to say posts a short note (otherwise nothing)
     * @param pauseAfterFailures failed days in a row (deleted channel, missing permission) before it pauses
     * @param silent posted with SUPPRESS_NOTIFICATIONS, so nobody's phone buzzes
     * @param defaults per guild id, for guilds whose moderators never ran {@code /digest setup}
     */
    public record Digest(
            Duration grace,
            boolean postEmptyDays,
            int pauseAfterFailures,
            boolean silent,
            Map<String, DigestDefault> defaults) {
        public Digest {
            defaults = Map.copyOf(defaults);
        }
    }

    /**
     * One guild's configured digest.
     *
     * @param sections section names as typed in the configuration; empty means all
     */
    public record DigestDefault(String channel, LocalTime time, ZoneId timezone, List<String> sections) {
        public DigestDefault {
            sections = List.copyOf(sections);
        }
    }

    /**
     * Articles moderators add by URL: how they are fetched, and who sees them.
     *
     * @param visibleEverywhere whether an article added in one server is seen in every server, for
     *     a deployment serving one group across several servers; by default only its own server sees it
     * @param linkCheckInterval how often every added article's link is checked
     * @param linkCheckHostSpacing the least time between two requests of the check to one host
     */
    public record Sources(
            Fetch fetch, boolean visibleEverywhere, Duration linkCheckInterval, Duration linkCheckHostSpacing) {}

    /**
     * The safe fetcher's limits.
     *
     * @param allowLoopback whether 127.0.0.0/8 and ::1 may be fetched (tests and local development only)
     * @param maxBytes the largest page accepted
     * @param connectTimeout how long opening one connection may take
     * @param timeout how long a whole fetch may take, redirects and robots.txt included
     * @param allowedPorts the ports a URL may name
     * @param userAgent the User-Agent sent, naming citebot
     */
    public record Fetch(
            boolean allowLoopback,
            long maxBytes,
            Duration connectTimeout,
            Duration timeout,
            List<Integer> allowedPorts,
            String userAgent) {
        public Fetch {
            allowedPorts = List.copyOf(allowedPorts);
        }
    }
}
