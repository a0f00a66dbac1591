package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.ops.ReadinessCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /readyz} checks of a running citebot on the embedded index (Solr's outage: {@code solr.SolrOutageTest}). */
class ReadinessChecksTest {

    @TempDir
    Path dir;

    @Test
    void embeddedBackend_searchAndIndexReady() throws Exception {
        CitebotConfig config = new ConfigLoader(Map.of(
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString(), "CITEBOT_SEARCH_MODE", "lexical"))
                .load(Optional.empty(), false)
                .withCorpusDir(Path.of(System.getProperty("citebot.seeds", "seeds")))
                .withIndexDir(dir.resolve("index"));
        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            assertThat(citebot.readinessChecks())
                    .extracting(ReadinessCheck::name)
                    .containsExactly("search", "index");
            assertThat(citebot.readinessChecks())
                    .allSatisfy(check ->
                            assertThat(check.problem().get()).as(check.name()).isEmpty());
        }
    }
}
