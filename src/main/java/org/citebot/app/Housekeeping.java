package org.citebot.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citebot.questions.QueryLog;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchRequest;
import org.citebot.state.SqlGuildPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background chores of a running citebot: guild settings other processes changed, read every
 * second; each server's shared questions for autocomplete, kept in memory and read again every
 * minute; the query log's retention, applied daily; and, after a reindex, the most frequent recent
 * questions re-run so the cache holds them for the new index generation. Every chore logs its own
 * failure and never stops the schedule.
 */
final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    /** How far back autocomplete looks for a server's frequent queries. */
    static final Duration FREQUENT_QUERY_PERIOD = Duration.ofDays(30);

    static final int FREQUENT_QUERY_SUGGESTIONS = 25;
    /** How many of the most frequent recent queries are re-run after a reindex. */
    static final int WARM_UP_QUERIES = 20;
    /**
     * How often guild settings changed by other processes sharing the state database are read into
     * memory: the longest a moderator's change takes to reach every process.
     */
    static final Duration SETTINGS_REFRESH = Duration.ofSeconds(1);

    private final QueryLog queryLog;
    private final SqlGuildPreferences guildSettings;
    private final Duration queryLogRetention;
    private final int resultsPerPage;
    private final Clock clock;
    /** Each server's shared questions for autocomplete, by guild id; read again every minute. */
    private final Map<String, List<String>> frequentQueries = new ConcurrentHashMap<>();

    Housekeeping(
            QueryLog queryLog,
            SqlGuildPreferences guildSettings,
            Duration queryLogRetention,
            int resultsPerPage,
            Clock clock) {
        this.queryLog = queryLog;
        this.guildSettings = guildSettings;
        this.queryLogRetention = queryLogRetention;
        this.resultsPerPage = resultsPerPage;
        this.clock = clock;
    }

    /**
     * Schedules the chores: the settings refresh on its own executor, so a long digest run on the
     * shared {@code background} one never delays it, and the others on {@code background}.
     */
    void schedule(ScheduledExecutorService settingsRefresh, ScheduledExecutorService background) {
        long refreshMillis = SETTINGS_REFRESH.toMillis();
        settingsRefresh.scheduleWithFixedDelay(
                this::refreshGuildSettings, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        refreshFrequentQueries();
        background.scheduleWithFixedDelay(this::refreshFrequentQueries, 1, 1, TimeUnit.MINUTES);
        background.scheduleWithFixedDelay(this::purgeQueryLog, 0, 1, TimeUnit.DAYS);
    }

    /**
     * The server's questions asked publicly by enough different members to be offered to others.
     * The first keystroke of a server not seen since start reads them once; later ones are served
     * from memory.
     */
    List<String> sharedQuestions(String guild) {
        return frequentQueries.computeIfAbsent(
                guild, id -> frequentFor(id, clock.instant().minus(FREQUENT_QUERY_PERIOD)));
    }

    /** Forgets the server's shared questions, so a question that just became shared is offered from the next keystroke. */
    void forgetSharedQuestions(String guild) {
        frequentQueries.remove(guild);
    }

    /** Re-runs the most frequent recent questions, so the cache holds them for the index generation now serving. */
    void warmUp(PassageSearch search) {
        try {
            Instant since = clock.instant().minus(FREQUENT_QUERY_PERIOD);
            int warmed = 0;
            for (QueryLog.FrequentQuery frequent : queryLog.frequentEverywhere(since, WARM_UP_QUERIES)) {
                try {
                    search.search(SearchRequest.of(frequent.query(), resultsPerPage));
                    warmed++;
                } catch (RuntimeException e) {
                    LOG.debug("Warm-up query skipped: {}", e.getMessage());
                }
            }
            LOG.info("Cache warmed with {} frequent queries after the reindex", warmed);
        } catch (RuntimeException e) {
            LOG.warn("Cache warm-up failed: {}", e.toString());
        }
    }

    /** Reads guild settings other processes changed; never throws, so the schedule goes on. */
    void refreshGuildSettings() {
        try {
            int changed = guildSettings.refresh();
            if (changed > 0) {
                LOG.debug("Guild settings: {} changed server(s) read from the state database", changed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read changed guild settings (trying again in {}): {}", SETTINGS_REFRESH, e.toString());
        }
    }

    /** Recomputes each server's shared questions for autocomplete; never throws. */
    void refreshFrequentQueries() {
        try {
            Instant since = clock.instant().minus(FREQUENT_QUERY_PERIOD);
            Map<String, List<String>> fresh = new HashMap<>();
            for (String guild : frequentQueries.keySet()) {
                fresh.put(guild, frequentFor(guild, since));
            }
            frequentQueries.putAll(fresh);
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh frequent queries: {}", e.toString());
        }
    }

    private List<String> frequentFor(String guild, Instant since) {
        return queryLog.sharedQuestions(guild, since, FREQUENT_QUERY_SUGGESTIONS).stream()
                .map(QueryLog.FrequentQuery::query)
                .toList();
    }

    /** Applies {@code state.queryLogRetention}; never throws. */
    void purgeQueryLog() {
        try {
            int removed = queryLog.purgeOlderThan(clock.instant(), queryLogRetention);
            if (removed > 0) {
                LOG.info("Query log: removed {} searches older than {}", removed, queryLogRetention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not purge the query log: {}", e.toString());
        }
    }

    /** Questions for a keystroke: the server's shared ones in a server, none in a direct message. */
    List<String> sharedQuestions(Optional<String> guild) {
        return guild.map(this::sharedQuestions).orElse(List.of());
    }
}
