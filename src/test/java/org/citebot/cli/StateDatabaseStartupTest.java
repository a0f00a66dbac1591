package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.citebot.testing.LocalPorts;
import org.citebot.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL state database that cannot be used stops citebot at start with one line saying
 * where and why, exit 1 (like an unreachable Discord), before the index is touched, and never
 * with the password in it.
 */
class StateDatabaseStartupTest {

    @TempDir
    Path dir;

    private int index(Map<String, String> environment, StringWriter err) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing set here\n");
        Map<String, String> withFolders = new java.util.HashMap<>(environment);
        withFolders.put("CITEBOT_INDEX_DIR", dir.resolve("index").toString());
        withFolders.put("CITEBOT_CORPUS_DIR", System.getProperty("citebot.seeds", "seeds"));
        return Main.execute(
                new String[] {"--config", empty.toString(), "index"},
                withFolders,
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    @Test
    void index_postgresqlNobodyListensOn_exitsOneWithOneLine() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + LocalPorts.unused() + "/citebot";
        StringWriter err = new StringWriter();

        int code = index(Map.of("CITEBOT_STATE_URL", url, "PGPASSWORD", "not-to-be-seen"), err);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("citebot: Cannot connect to the state database at " + url)
                .contains("refused")
                .doesNotContain("not-to-be-seen")
                .doesNotContain("\tat ")
                .hasLineCount(1);
        // The index is opened before the state database (whose run log belongs to a running bot when
        // one holds the index), so an unreachable database is found only after that.
    }

    @Test
    void index_wrongPassword_exitsOneSayingSoWithoutTheAttempt() throws Exception {
        PostgresServer server = PostgresServer.get();
        String url = server.createDatabase();
        StringWriter err = new StringWriter();

        int code = index(
                Map.of("CITEBOT_STATE_URL", url, "CITEBOT_STATE_USER", PostgresServer.USER, "PGPASSWORD", "wrong-one"),
                err);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .contains("Cannot connect to the state database at " + url + " as " + PostgresServer.USER)
                .contains("password authentication failed")
                .doesNotContain("wrong-one")
                .hasLineCount(1);
    }

    @Test
    void index_postgresqlStateDatabase_recordsTheRunThere() throws Exception {
        PostgresServer server = PostgresServer.get();
        String url = server.createDatabase();
        StringWriter err = new StringWriter();

        int code = index(
                Map.of(
                        "CITEBOT_STATE_URL",
                        url,
                        "CITEBOT_STATE_USER",
                        PostgresServer.USER,
                        "PGPASSWORD",
                        server.password()),
                err);

        assertThat(code).as(err.toString()).isZero();
        try (var store = org.citebot.state.StateStore.open(
                url,
                java.util.Optional.of(PostgresServer.USER),
                java.util.Optional.of(server.password()),
                java.time.Clock.systemUTC())) {
            assertThat(new org.citebot.state.SqlReindexRuns(store).recent(5))
                    .singleElement()
                    .satisfies(run -> assertThat(run.requestedBy()).isEqualTo("cli"));
        }
        assertThat(dir.resolve("citebot.db")).doesNotExist();
    }
}
