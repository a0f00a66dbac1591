package org.citebot.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.citebot.reindex.CorpusGenerations;

/** {@link CorpusGenerations} as the {@code corpus_generation} counter of {@code change_counters}. */
public final class SqlCorpusGenerations implements CorpusGenerations {

    private static final String COUNTER = "corpus_generation";

    private final StateStore store;

    public SqlCorpusGenerations(StateStore store) {
        this.store = store;
    }

    @Override
    public long current() {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM change_counters WHERE name = ?")) {
                s.setString(1, COUNTER);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long publish() {
        return store.transaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE change_counters SET version = version + 1 WHERE name = ?")) {
                s.setString(1, COUNTER);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no " + COUNTER + " counter in change_counters");
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM change_counters WHERE name = ?")) {
                s.setString(1, COUNTER);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
