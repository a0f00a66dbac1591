package org.citebot.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.citebot.reindex.ReindexRuns;

/**
 * A process writing state databases, for {@link StateStoreAcrossProcessesTest}. Once told to go on
 * standard input (so several start at the same moment), it opens each of the given new database
 * files in turn, migrating it unless another process got there first, and records searches and
 * reindex runs as the bot and {@code citebot index} do, reading them back. Prints {@code DONE} with
 * the rows it read back, or dies with the failure on standard error.
 *
 * <p>Arguments: the folder of the databases, how many database files, rounds per file, a name for
 * its rows.
 */
public final class StateWriterMain {

    static final String READY = "READY";
    static final String DONE = "DONE ";

    private StateWriterMain() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String name = args[3];
        System.out.println(READY);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int read = 0;
        for (int i = 0; i < files; i++) {
            read += write(database(dir, i), rounds, name);
        }
        System.out.println(DONE + read);
    }

    static Path database(Path dir, int number) {
        return dir.resolve("state-" + number + ".db");
    }

    /** Writes {@code rounds} searches and reindex runs; returns how many of its searches it reads back. */
    static int write(Path file, int rounds, String name) {
        Clock clock = Clock.systemUTC();
        try (StateStore store = StateStore.open(file, clock)) {
            SqlQueryLog queries = new SqlQueryLog(store);
            SqlReindexRuns runs = new SqlReindexRuns(store);
            for (int i = 0; i < rounds; i++) {
                queries.record(name + " " + i, Optional.of("1"), clock.instant(), i);
                long run = runs.start("cli", Optional.empty(), false, false, clock.instant());
                runs.finish(
                        run,
                        ReindexRuns.Result.OK,
                        ReindexRuns.Counts.NONE,
                        Optional.of((long) i),
                        Optional.empty(),
                        clock.instant());
                queries.sharedQuestions("1", clock.instant().minusSeconds(3600), 5);
            }
            return store.read(c -> {
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM query_log WHERE query LIKE ?")) {
                    s.setString(1, name + " %");
                    try (var rows = s.executeQuery()) {
                        return rows.getInt(1);
                    }
                }
            });
        }
    }
}
