package org.citebot.state;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citebot.testing.PostgresServer;

/**
 * The two databases every state test runs against: a SQLite file in the test's temporary folder,
 * and a fresh database on the test JVM's real PostgreSQL server ({@link PostgresServer}).
 */
public enum StateBackend {
    SQLITE {
        @Override
        public Database create(Path dir) {
            return new Database("jdbc:sqlite:" + dir.resolve("citebot.db"), Optional.empty(), Optional.empty());
        }
    },
    POSTGRESQL {
        @Override
        public Database create(Path dir) {
            PostgresServer server = PostgresServer.get();
            return new Database(
                    server.createDatabase(), Optional.of(PostgresServer.USER), Optional.of(server.password()));
        }
    };

    /** A new, empty database of this kind ({@code dir} holds a SQLite file; PostgreSQL ignores it). */
    public abstract Database create(Path dir);

    /**
     * One test database; every {@link #open} is a new connection to the same data, as another
     * process or a restart would make.
     */
    public record Database(String url, Optional<String> user, Optional<String> password) {

        /** Opens and migrates the database to the latest schema. */
        public StateStore open(Clock clock) {
            return StateStore.open(url, user, password, clock);
        }

        /** Opens the database migrating only as far as {@code migrations} go. */
        public StateStore open(Clock clock, List<Migration> migrations) {
            return StateStore.open(url, user, password, clock, migrations);
        }
    }
}
