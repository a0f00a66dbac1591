package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.citebot.testing.LocalPorts;
import org.junit.jupiter.api.Test;

/** What citebot says when Solr cannot be reached or is not configured: one line, never a stack trace. */
class SolrConnectionTest {

    @Test
    void setup_nothingListening_unavailableInOneLineNamingWhereAndWhat() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + LocalPorts.unused() + "/solr");
        SolrSettings settings = new SolrSettings(
                List.of(),
                List.of(url),
                "citebot",
                2,
                2,
                Optional.of("reader"),
                Optional.of("s3cret-pw"),
                SolrSettings.DEFAULT_GENERATION_POLL);

        try (SolrConnection connection = SolrConnection.open(settings)) {
            assertThatThrownBy(() -> new SolrCollections(connection).setup(SolrConfigset.bundled()))
                    .isInstanceOf(SolrUnavailableException.class)
                    .hasMessageStartingWith("listing configsets failed at Solr at " + url)
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("s3cret-pw");
        }
    }

    @Test
    void open_neitherZooKeeperNorUrls_saysWhichKeysToSet() {
        SolrSettings settings = new SolrSettings(
                List.of(),
                List.of(),
                "citebot",
                1,
                1,
                Optional.empty(),
                Optional.empty(),
                SolrSettings.DEFAULT_GENERATION_POLL);

        assertThatThrownBy(() -> SolrConnection.open(settings))
                .isInstanceOf(SolrUnavailableException.class)
                .hasMessageContaining("search.solr.zkHosts");
    }

    @Test
    void settings_printed_hideThePassword() {
        SolrSettings settings = new SolrSettings(
                List.of("127.0.0.1:2181"),
                List.of(),
                "citebot",
                1,
                1,
                Optional.of("reader"),
                Optional.of("s3cret-pw"),
                SolrSettings.DEFAULT_GENERATION_POLL);

        assertThat(settings.toString()).contains("password=(set)").doesNotContain("s3cret-pw");
    }
}
