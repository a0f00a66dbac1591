package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot extract}: the JSON shape the benchmark's evaluator reads, folders, and bad input. */
class ExtractCliTest {

    private static final String ARTICLE = "<html lang=\"en\"><head><title>A title</title>"
            + "<meta name=\"author\" content=\"Ada Byron\"><meta name=\"date\" content=\"2026-04-01\"></head>"
            + "<body><nav><a href=\"/\">Home</a></nav><article><p>"
            + "word ".repeat(60)
            + "</p></article></body></html>";

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    @Test
    void extract_folderAsJson_keysEachFileByNameWithoutItsSuffix() throws IOException {
        Files.writeString(dir.resolve("plain.html"), ARTICLE);
        Files.writeString(dir.resolve("short.htm"), ARTICLE);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("zipped.html.gz")))) {
            out.write(ARTICLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("notes.txt"), "not html");

        int code = cli.run("extract", dir.toString(), "--json");

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out());
        assertThat(root.size()).isEqualTo(3);
        assertThat(List.of("plain", "short", "zipped"))
                .allSatisfy(key -> assertThat(root.has(key)).isTrue());
        JsonNode plain = root.get("plain");
        assertThat(plain.get("articleBody").asText()).startsWith("word word").doesNotContain("Home");
        assertThat(plain.get("title").asText()).isEqualTo("A title");
        assertThat(plain.get("author").asText()).isEqualTo("Ada Byron");
        assertThat(plain.get("published").asText()).isEqualTo("2026-04-01");
        assertThat(plain.get("publisher").isNull()).isTrue();
        assertThat(plain.get("url").isNull()).isTrue();
        assertThat(plain.get("language").asText()).isEqualTo("en");
    }

    @Test
    void extract_notAnArticle_stillPrintsItAndSaysWhyOnStandardError() throws IOException {
        Files.writeString(dir.resolve("empty.html"), "<html><body><p>Nothing here.</p></body></html>");

        int code = cli.run("extract", dir.resolve("empty.html").toString(), "--json");

        assertThat(code).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).has("empty")).isTrue();
        assertThat(cli.err()).contains("empty.html does not look like an article: no article text was found");
    }

    @Test
    void extract_missingFile_exitsTwoNamingIt() {
        int code = cli.run("extract", dir.resolve("absent.html").toString(), "--json");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("no such file or folder").contains("absent.html");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void extract_twoInputsWithTheSameName_exitsTwoRatherThanDropOne() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/page.html"), ARTICLE);
        Files.writeString(dir.resolve("b/page.htm"), ARTICLE);

        int code =
                cli.run("extract", dir.resolve("a").toString(), dir.resolve("b").toString(), "--json");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("two inputs have the name 'page'");
    }
}
