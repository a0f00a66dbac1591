package org.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Compose files of docs/scaling.md configure citebot with keys it knows and values it accepts
 * (dclint in {@code .ci/run} checks the rest of each file, no Docker engine being at hand).
 */
class DeploymentExamplesTest {

    private static final Pattern VARIABLE = Pattern.compile("(?m)^\\s+(CITEBOT_[A-Z_]+|PGPASSWORD): *(.*)$");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{[A-Z_]+:([?-])[^}]*}");

    @Test
    void twoProcessesOnPostgres_loads() throws IOException {
        CitebotConfig config = load(Path.of("docker-compose.yml"));

        assertThat(config.state().url()).isEqualTo("jdbc:postgresql://postgres:5432/citebot");
    }

    @Test
    void solrExample_loadsWithTheSolrBackend() throws IOException {
        CitebotConfig config = load(Path.of("docs/docker-compose.solr.yml"));

        assertThat(config.search().backend()).isEqualTo(CitebotConfig.Search.SOLR);
        assertThat(config.search().solr().zkHosts()).containsExactly("zookeeper:2181");
        assertThat(config.search().solr().collection()).isEqualTo("citebot");
        assertThat(config.search().solr().shards()).isEqualTo(2);
        assertThat(config.search().solr().replicas()).isEqualTo(2);
        assertThat(config.search().solr().user()).isEmpty();
    }

    private static CitebotConfig load(Path compose) throws IOException {
        return new ConfigLoader(environment(compose)).load(Optional.empty(), false);
    }

    /** The citebot variables a Compose file sets, with {@code ${X:?...}} given a value and {@code ${X:-}} left empty. */
    private static Map<String, String> environment(Path compose) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher line = VARIABLE.matcher(Files.readString(compose));
        while (line.find()) {
            String value = line.group(2).strip().replaceAll("^\"|\"$", "");
            Matcher substitution = SUBSTITUTION.matcher(value);
            value = substitution.replaceAll(found -> found.group(1).equals("?") ? "from-the-environment" : "");
            environment.put(line.group(1), value);
        }
        return environment;
    }
}
