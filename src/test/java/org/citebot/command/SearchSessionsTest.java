package org.citebot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.citebot.search.SearchFilters;
import org.junit.jupiter.api.Test;

class SearchSessionsTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void open_floodOfLongQuestionsAndSources_staysUnderTheByteBound() {
        long maxBytes = 1024L * 1024;
        SearchSessions sessions = new SearchSessions(nanos::get, new Random(1), 50_000, maxBytes);
        String question = "why ".repeat(250);
        String source = "s".repeat(6_000); // Discord lets a string option carry 6,000 characters

        for (int i = 0; i < 5_000; i++) {
            sessions.open(question + i, SearchFilters.ofSource(source), 10, true, "user" + i);
        }

        SearchSessions.Held held = sessions.held();
        assertThat(held.bytes()).isLessThanOrEqualTo(maxBytes);
        assertThat(held.sessions()).as("of 5,000 sessions of ~14 KB each").isLessThan(100);
    }

    @Test
    void open_floodOfShortQuestions_staysUnderTheCount() {
        SearchSessions sessions = new SearchSessions(nanos::get, new Random(2), 200, 64L * 1024 * 1024);

        for (int i = 0; i < 2_000; i++) {
            sessions.open("q" + i, SearchFilters.NONE, 3, true, "u");
        }

        assertThat(sessions.held().sessions()).isBetween(150L, 200L);
    }

    @Test
    void markShared_eachPageOnce_andNoPageBeyondTheLast() {
        SearchSessions sessions = new SearchSessions(nanos::get, new Random(3));
        SearchSessions.Session session = sessions.find(sessions.open("nato", SearchFilters.NONE, 3, true, "u"))
                .orElseThrow();

        assertThat(session.markShared(2)).isTrue();
        assertThat(session.markShared(2)).isFalse();
        assertThat(session.markShared(SearchSessions.MAX_PAGE + 1)).isFalse();
    }
}
