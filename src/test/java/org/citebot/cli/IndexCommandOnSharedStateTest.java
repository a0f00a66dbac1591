package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.citebot.reindex.ReindexRuns;
import org.citebot.state.SqlCorpusGenerations;
import org.citebot.state.SqlReindexLock;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.citebot.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citebot index} on a PostgreSQL state database that running bot processes share: it takes
 * the same cluster-wide reindex lease as {@code /reindex}, publishes the corpus generation the
 * running processes follow, and is refused in one line naming the process that reindexes and since
 * when, rather than running beside it.
 */
class IndexCommandOnSharedStateTest {

    private static final String OTHER = "test-host-b shards 2-3 of 4";

    @TempDir
    Path dir;

    private PostgresServer postgres;
    private StateStore state;
    private Map<String, String> environment;

    @BeforeEach
    void openSharedDatabase() throws IOException {
        postgres = PostgresServer.get();
        String url = postgres.createDatabase();
        state = StateStore.open(
                url, Optional.of(PostgresServer.USER), Optional.of(postgres.password()), Clock.systemUTC());
        environment = Map.of(
                "CITEBOT_STATE_URL",
                url,
                "CITEBOT_STATE_USER",
                PostgresServer.USER,
                "PGPASSWORD",
                postgres.password(),
                "CITEBOT_CORPUS_DIR",
                CliRunner.SEEDS.toString(),
                "CITEBOT_INDEX_DIR",
                dir.resolve("index").toString(),
                "CITEBOT_SEARCH_MODE",
                "lexical");
    }

    @AfterEach
    void closeDatabase() {
        state.close();
    }

    @Test
    void index_sharedState_takesTheLeaseAndPublishesTheGenerationTheProcessesFollow() throws IOException {
        SqlCorpusGenerations generations = new SqlCorpusGenerations(state);
        long before = generations.current();
        CliRunner cli = new CliRunner();

        assertThat(cli.run(environment, "--config", emptyConfig().toString(), "index"))
                .as(cli.err())
                .isZero();

        assertThat(generations.current())
                .as("the generation the running processes follow")
                .isEqualTo(before + 1);
        assertThat(new SqlReindexLock(state).holder(Instant.now()))
                .as("the lease given back")
                .isEmpty();
        assertThat(new SqlReindexRuns(state).recent(5)).singleElement().satisfies(run -> assertThat(run.result())
                .isEqualTo(ReindexRuns.Result.OK));

        assertThat(cli.run(environment, "--config", emptyConfig().toString(), "index"))
                .as(cli.err())
                .isZero();
        assertThat(generations.current())
                .as("an update that changed nothing publishes nothing")
                .isEqualTo(before + 1);
    }

    @Test
    void index_whileAnotherProcessReindexes_refusedNamingItAndSinceWhen_exitTwo() throws IOException {
        Instant started = Instant.now().minusSeconds(20);
        assertThat(new SqlReindexLock(state).acquire(OTHER, Instant.now().plusSeconds(30), Instant.now()))
                .isTrue();
        new SqlReindexRuns(state, OTHER).start("555555555555555555", Optional.empty(), false, false, started);
        long generation = new SqlCorpusGenerations(state).current();
        CliRunner cli = new CliRunner();

        int code = cli.run(environment, "--config", emptyConfig().toString(), "index");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err().strip())
                .startsWith(
                        "citebot: A reindex is already running in another citebot process (" + OTHER + ", started 2")
                .containsPattern("started 2\\d s ago at \\d\\d:\\d\\d:\\d\\d UTC\\)")
                .endsWith("Run citebot index again when it has finished to update " + dir.resolve("index") + ".")
                .doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(cli.out()).isEmpty();
        assertThat(new SqlReindexLock(state).holder(Instant.now())).contains(OTHER);
        assertThat(new SqlReindexRuns(state).recent(5))
                .as("the other process's run, still running, and none of the refused command")
                .singleElement()
                .satisfies(run -> assertThat(run.result()).isEqualTo(ReindexRuns.Result.RUNNING));
        assertThat(new SqlCorpusGenerations(state).current()).isEqualTo(generation);
    }

    private Path emptyConfig() throws IOException {
        return Files.writeString(dir.resolve("empty.yaml"), "# everything from the environment\n");
    }
}
