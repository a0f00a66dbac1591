package org.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.solr.SolrSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code search.backend} and {@code search.solr.*} keys and the Solr credentials (issue 17). */
class SolrConfigTest {

    @TempDir
    Path dir;

    @Test
    void load_defaults_embeddedBackendAndNoSolr() {
        CitebotConfig.Search search =
                new ConfigLoader(Map.of()).load(Optional.empty(), false).search();

        assertThat(search.backend()).isEqualTo("embedded");
        assertThat(search.solr().configured()).isFalse();
        assertThat(search.solr().collection()).isEqualTo("citebot");
        assertThat(search.solr().shards()).isEqualTo(1);
        assertThat(search.solr().replicas()).isEqualTo(2);
        assertThat(search.solr().user()).isEmpty();
        assertThat(search.solr().generationPoll()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void load_generationPoll_fromFileAndEnvironment_andOutOfRangeRefused() throws IOException {
        Path file = write("search:\n  solr:\n    generationPoll: 250ms\n");

        assertThat(new ConfigLoader(Map.of())
                        .load(Optional.of(file), true)
                        .search()
                        .solr()
                        .generationPoll())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(new ConfigLoader(Map.of("CITEBOT_SEARCH_SOLR_GENERATION_POLL", "5s"))
                        .load(Optional.of(file), true)
                        .search()
                        .solr()
                        .generationPoll())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CITEBOT_SEARCH_SOLR_GENERATION_POLL", "10ms"))
                        .load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search.solr.generationPoll");
    }

    @Test
    void load_solrBackendWithoutZkHostsOrUrls_refusedNamingTheKeysAndVariables() throws IOException {
        Path file = write("search:\n  backend: solr\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'search.backend'")
                .hasMessageContaining("'search.solr.zkHosts' (environment variable CITEBOT_SEARCH_SOLR_ZK_HOSTS)")
                .hasMessageContaining("'search.solr.urls' (environment variable CITEBOT_SEARCH_SOLR_URLS)");
    }

    @Test
    void load_solrBackendWithZkHosts_accepted() throws IOException {
        Path file = write("search:\n  backend: solr\n  solr:\n    zkHosts: zk1:2181/solr\n");

        CitebotConfig.Search search =
                new ConfigLoader(Map.of()).load(Optional.of(file), true).search();

        assertThat(search.backend()).isEqualTo(CitebotConfig.Search.SOLR);
        assertThat(search.solr().zkHosts()).containsExactly("zk1:2181/solr");
    }

    @Test
    void load_solrBackendWithUrlsFromTheEnvironment_accepted() {
        CitebotConfig.Search search = new ConfigLoader(
                        Map.of("CITEBOT_SEARCH_BACKEND", "solr", "CITEBOT_SEARCH_SOLR_URLS", "http://solr1:8983/solr"))
                .load(Optional.empty(), false)
                .search();

        assertThat(search.backend()).isEqualTo(CitebotConfig.Search.SOLR);
        assertThat(search.solr().configured()).isTrue();
    }

    @Test
    void load_environment_zkHostsWithChrootShardsAndCredentials() {
        ConfigLoader loader = new ConfigLoader(Map.of(
                "CITEBOT_SEARCH_SOLR_ZK_HOSTS",
                "zk1:2181, zk2:2181/solr",
                "CITEBOT_SEARCH_SOLR_SHARDS",
                "2",
                "CITEBOT_SEARCH_SOLR_COLLECTION",
                "passages",
                SolrSettings.USER_VARIABLE,
                "citebot",
                SolrSettings.PASSWORD_VARIABLE,
                "s3cret-pw"));

        CitebotConfig config = loader.load(Optional.empty(), false);

        SolrSettings solr = config.search().solr();
        assertThat(solr.zkHosts()).containsExactly("zk1:2181", "zk2:2181/solr");
        assertThat(solr.shards()).isEqualTo(2);
        assertThat(solr.collection()).isEqualTo("passages");
        assertThat(solr.user()).contains("citebot");
        assertThat(solr.password()).contains("s3cret-pw");
        assertThat(config.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void load_urlsFromFile_parsed() throws IOException {
        Path file = write("search:\n  solr:\n    urls: [http://127.0.0.1:8983/solr]\n");

        assertThat(new ConfigLoader(Map.of())
                        .load(Optional.of(file), true)
                        .search()
                        .solr()
                        .urls())
                .isEqualTo(List.of(URI.create("http://127.0.0.1:8983/solr")));
    }

    @Test
    void load_passwordInFile_refusedNamingTheVariables() throws IOException {
        Path file = write("search:\n  solr:\n    password: hunter2\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SolrSettings.PASSWORD_VARIABLE)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void load_userWithoutPassword_refused() {
        ConfigLoader loader = new ConfigLoader(Map.of(SolrSettings.USER_VARIABLE, "citebot"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SolrSettings.PASSWORD_VARIABLE);
    }

    @Test
    void load_badZkHostOrCollection_namesTheKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CITEBOT_SEARCH_SOLR_ZK_HOSTS", "zk1/solr,zk2:2181"))
                        .load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search.solr.zkHosts");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CITEBOT_SEARCH_SOLR_COLLECTION", "-bad name"))
                        .load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search.solr.collection");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("citebot.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
