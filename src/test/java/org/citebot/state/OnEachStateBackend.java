package org.citebot.state;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The fixture of a state test run on each {@link StateBackend}: a new database for every test,
 * and {@link #open()} a new connection to it (as another process or a restart would make) whose
 * clock stands at {@link #T0}. Subclasses carry {@code @ParameterizedClass} and {@code
 * @EnumSource(StateBackend.class)}.
 */
abstract class OnEachStateBackend {

    static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

    @Parameter
    StateBackend backend;

    @TempDir
    Path dir;

    StateBackend.Database database;

    @BeforeEach
    void createDatabase() {
        database = backend.create(dir);
    }

    /** A new connection to the test's database, its clock fixed at {@link #T0}. */
    StateStore open() {
        return database.open(Clock.fixed(T0, ZoneOffset.UTC));
    }
}
