package org.citebot.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.MemberLimits;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchSessions;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.search.PassageSearch;
import org.junit.jupiter.api.Test;

/**
 * The console while the passage store is down: the real {@code /search} command and error boundary
 * over a search that finds the store unavailable (the outage itself is Solr's; its tests are in
 * {@code solr}).
 */
class ConsoleStoreOutageTest {

    @Test
    void search_storeDown_printsTheOneLineNotice() {
        PassageSearch down = request -> {
            throw new StoreUnavailableException("SolrCloud (ZooKeeper at zk1:2181) does not answer");
        };
        SearchCommand search = new SearchCommand(
                down,
                new SearchSessions(Ticker.systemTicker(), new Random(1)),
                MemberLimits.uniform(100, Duration.ofSeconds(10), Clock.systemUTC(), Ticker.systemTicker()),
                3,
                guild -> true);
        Console console = new Console(
                new CommandRegistry(List.of(search), List.of()), new ErrorBoundary(), new TextRenderer(false));

        String printed = console.execute("/search query:nuclear escalation");

        assertThat(printed.strip()).isEqualTo("(only you can see this)\n" + StoreUnavailableException.NOTICE);
    }
}
