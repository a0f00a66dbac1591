package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve(Manifest.FILE_NAME), yaml);
    }

    @Test
    void load_seedManifest_describesBothSeedsWithoutInventedFacts() throws Exception {
        Manifest manifest = Manifest.loadFrom(SeedFiles.directory().toRealPath(), CorpusOptions.DEFAULT_MAX_FILE_BYTES);

        ManifestEntry wsws = manifest.entry("000_a1f61fe0d4b32682.txt").orElseThrow();
        assertThat(wsws.metadata().author()).contains("Johannes Stern");
        assertThat(wsws.metadata().published()).contains(LocalDate.of(2026, 6, 30));
        assertThat(wsws.metadata().url()).isEmpty();
        assertThat(wsws.endsBefore()).contains("To contact the WSWWS");

        ManifestEntry revcom = manifest.entry("001_4d0260bb2bcefddf.txt").orElseThrow();
        assertThat(revcom.metadata().publisher()).contains("revcom.us");
        assertThat(revcom.metadata().url())
                .contains(
                        URI.create(
                                "https://revcom.us/en/usnato-vs-russia-ukraine-war-planning-and-preparing-dangerous-escalations"));
        assertThat(revcom.metadata().published()).isEmpty();
        assertThat(revcom.endsBefore()).contains("DONATE to the revolution.");
    }

    @Test
    void loadFrom_noManifest_isEmpty() {
        assertThat(Manifest.loadFrom(dir, CorpusOptions.DEFAULT_MAX_FILE_BYTES).entries())
                .isEmpty();
    }

    @Test
    void load_invalidYaml_namesFileAndProblem() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    title: [unclosed\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void load_badDate_namesEntryAndValue() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    published: 30 June 2026\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry 1 (file 'a.txt')")
                .hasMessageContaining("'published' must be an ISO date")
                .hasMessageContaining("30 June 2026");
    }

    @Test
    void load_unknownKey_isRejected() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    titel: Typo\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("unknown key 'titel'");
    }

    @Test
    void load_unknownArticleMarker_isRejected() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    article:\n      endsAfter: x\n");

        assertThatThrownBy(() -> Manifest.load(file)).hasMessageContaining("unknown key 'article.endsAfter'");
    }

    @Test
    void load_entryWithoutFile_isRejected() throws Exception {
        Path file = write("sources:\n  - title: Lonely\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .hasMessageContaining("entry 1")
                .hasMessageContaining("has no 'file'");
    }

    @Test
    void load_relativeUrl_isRejected() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    url: revcom.us/page\n");

        assertThatThrownBy(() -> Manifest.load(file)).hasMessageContaining("'url' must be an absolute http(s) address");
    }

    @Test
    void load_duplicateFile_isRejected() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n  - file: a.txt\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .hasMessageContaining("entry 2")
                .hasMessageContaining("earlier entry");
    }

    @Test
    void load_sourcesNotAList_isRejected() throws Exception {
        Path file = write("sources:\n  file: a.txt\n");

        assertThatThrownBy(() -> Manifest.load(file)).hasMessageContaining("'sources' must be a list");
    }

    @Test
    void load_missingSourcesKey_isRejected() throws Exception {
        Path file = write("files:\n  - a.txt\n");

        assertThatThrownBy(() -> Manifest.load(file)).hasMessageContaining("top-level key 'sources'");
    }

    @Test
    void load_emptyValue_isRejectedRatherThanSilentlyBlank() throws Exception {
        Path file = write("sources:\n  - file: a.txt\n    author: \"\"\n");

        assertThatThrownBy(() -> Manifest.load(file)).hasMessageContaining("'author' is empty");
    }

    @Test
    void load_unknownTopLevelKey_isRefusedNamingIt() throws Exception {
        Path file = write("sources:\n  - file: a.txt\ndefaults:\n  language: de\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(Manifest.FILE_NAME)
                .hasMessageEndingWith("unknown top-level key 'defaults' (allowed: sources)");
    }

    @Test
    void load_aliasAsAValue_isRefusedNamingTheEntryAndKey() throws Exception {
        Path file = write("""
                sources:
                  - file: a.txt
                    publisher: &site Example News
                  - file: b.txt
                    publisher: *site
                """);

        // Read as is, b.txt's publisher would silently be "site".
        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith(
                        "entry 2, key 'publisher' is the YAML alias *site; aliases are not supported, write the value out");
    }

    @Test
    void load_aliasAsAWholeEntry_isRefusedNamingTheEntry() throws Exception {
        Path file = write("sources:\n  - &first\n    file: a.txt\n  - *first\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith(
                        "entry 2 is the YAML alias *first; aliases are not supported, write the value out");
    }

    @Test
    void load_controlCharactersInAValue_areEscapedInTheMessage() throws Exception {
        Path file = write("sources:\n  - file: \"/abs\\e[31m.txt\"\n");

        assertThatThrownBy(() -> Manifest.load(file))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("got '/abs\\x1b[31m.txt'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }
}
