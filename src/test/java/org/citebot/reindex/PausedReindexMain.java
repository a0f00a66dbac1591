package org.citebot.reindex;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.TestCorpusFolder.Stack;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;

/**
 * The process {@link KilledReindexTest} kills: opens the index, starts a full rebuild of the corpus
 * (the variant that deletes every document first) and, half way through the corpus, says so on
 * standard output and waits there, documents written but not committed, until it is killed.
 *
 * <p>Arguments: the index folder, the corpus folder and the state database. The rebuild runs
 * through {@link ReindexService}, so the run log shows it as running when the process dies.
 */
public final class PausedReindexMain {

    static final String MARKER = "PAUSED-WHILE-WRITING ";

    private PausedReindexMain() {}

    public static void main(String[] args) throws Exception {
        Path indexDir = Path.of(args[0]);
        Path corpusDir = Path.of(args[1]);
        Path stateDb = Path.of(args[2]);
        CountDownLatch never = new CountDownLatch(1);
        try (Stack stack = Stack.open(indexDir);
                StateStore store = StateStore.open(stateDb, Clock.systemUTC())) {
            ReindexService service = new ReindexService(
                    stack.indexer(),
                    stack.index(),
                    corpusDir,
                    new SqlReindexRuns(store),
                    ModeratorLog.NONE,
                    Clock.systemUTC());
            ReindexRequest rebuild = new ReindexRequest("console", "the console", Optional.empty(), false, true);
            service.reindex(rebuild, (phase, done, total) -> {
                if (phase == IndexProgress.Phase.READING && done == total / 2) {
                    System.out.println(MARKER + done + "/" + total);
                    System.out.flush();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        System.out.println("FINISHED");
    }
}
