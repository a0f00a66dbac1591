package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state database shared by processes, as when {@code citebot index} records its run while the
 * bot records searches. Separate JVMs, released at the same moment, open new database files
 * together (so they also race to migrate each one) and write and read them together. None may fail
 * with "database is locked" or trip over another's migration, and no row may be lost.
 */
class StateStoreAcrossProcessesTest {

    private static final int PROCESSES = 4;
    private static final int FILES = 8;
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void processesReleasedTogether_openMigrateAndWriteNewDatabases_allSucceedWithEveryRow() throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                children.add(ChildJvm.start(
                        ChildJvm.QUICK_START,
                        StateWriterMain.class,
                        Map.of(),
                        dir.toString(),
                        Integer.toString(FILES),
                        Integer.toString(ROUNDS),
                        "child" + i));
            }
            for (ChildJvm child : children) {
                child.awaitLineStartingWith(StateWriterMain.READY, Duration.ofSeconds(60));
            }
            for (ChildJvm child : children) {
                child.send("go");
            }
            for (ChildJvm child : children) {
                assertThat(child.awaitLineStartingWith(StateWriterMain.DONE, Duration.ofSeconds(90)))
                        .as(String.join(System.lineSeparator(), child.output()))
                        .isEqualTo(StateWriterMain.DONE + FILES * ROUNDS);
                assertThat(child.output()).noneMatch(line -> line.contains("locked") || line.contains("Exception"));
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        for (int i = 0; i < FILES; i++) {
            try (StateStore store = StateStore.open(StateWriterMain.database(dir, i), Clock.systemUTC())) {
                int runs = store.read(c -> {
                    try (var s = c.createStatement();
                            var rows = s.executeQuery("SELECT COUNT(*) FROM reindex_runs WHERE result = 'ok'")) {
                        return rows.getInt(1);
                    }
                });
                assertThat(runs).as("runs recorded in database %d", i).isEqualTo(PROCESSES * ROUNDS);
                assertThat(store.schemaVersion())
                        .isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            }
        }
    }
}
