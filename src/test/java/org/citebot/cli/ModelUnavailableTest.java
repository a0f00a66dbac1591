package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citebot.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a platform the semantic model's native libraries were not shipped for, citebot says so once
 * and answers by words: a child JVM told it runs on s390x (for which the jar carries no ONNX
 * Runtime or tokenizer library) searches the seeds in hybrid mode, the default.
 */
class ModelUnavailableTest {

    @TempDir
    Path dir;

    @Test
    void search_modelCannotLoadOnThisPlatform_saysSoOnceAndAnswersLexically() throws Exception {
        Path seeds = Path.of(System.getProperty("citebot.seeds", "seeds")).toAbsolutePath();
        try (ChildJvm search = ChildJvm.start(
                List.of("-Dos.arch=s390x"),
                Main.class,
                Map.of(
                        "CITEBOT_CORPUS_DIR", seeds.toString(),
                        "CITEBOT_INDEX_DIR", dir.resolve("index").toString(),
                        "CITEBOT_STATE_DB", dir.resolve("citebot.db").toString()),
                "search",
                "--json",
                "--",
                "nuclear weapons in Finland")) {
            assertThat(search.awaitExit(Duration.ofSeconds(120)))
                    .as(String.join("\n", search.output()))
                    .isZero();
            List<String> output = search.output();
            String json = output.stream()
                    .filter(line -> line.startsWith("{"))
                    .findFirst()
                    .orElseThrow();
            JsonNode result = new ObjectMapper().readTree(json);

            assertThat(result.get("mode").asText()).isEqualTo("lexical");
            assertThat(result.get("results")).isNotEmpty();
            assertThat(output)
                    .filteredOn(line -> line.contains("The semantic model cannot run here"))
                    .hasSize(1);
            assertThat(output).noneMatch(line -> line.matches("^\\s+at [\\w.$]+\\(.*"));
        }
    }
}
