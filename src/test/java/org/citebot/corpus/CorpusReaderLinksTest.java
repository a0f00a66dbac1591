package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a corpus file that is a link never leads the reader outside the corpus folder, special
 * files are never opened, and each refused file is reported with its reason. The "outside" files
 * are made here, with a fake token; the links to /etc/passwd and /proc/self/maps only show that
 * citebot refuses them (the tests may run as root, who could read them).
 */
class CorpusReaderLinksTest {

    private static final String FAKE_TOKEN = "DISCORD_TOKEN=fake.token.for-a-test-0123456789";
    private static final String GOOD_TEXT = "A good plain text file.\n\nIt has two paragraphs of ordinary text.\n";

    @TempDir
    Path dir;

    private Path corpus;
    private Path outside;
    private final CorpusReader reader = new CorpusReader(CorpusOptions.defaults());

    @BeforeEach
    void setUp() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("bot.env"), FAKE_TOKEN + "\n");
        Files.writeString(outside.resolve("notes.txt"), "Secret notes kept outside the corpus folder.\n");
        Files.writeString(corpus.resolve("good.txt"), GOOD_TEXT);
    }

    private Map<String, String> reasons(CorpusSnapshot snapshot) {
        return snapshot.skipped().stream().collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
    }

    @Test
    void read_linksLeadingOutside_areRefusedAndNothingOfTheirsIsRead() throws IOException {
        Files.createSymbolicLink(corpus.resolve("token.txt"), outside.resolve("bot.env"));
        Files.createSymbolicLink(corpus.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(corpus.resolve("maps.txt"), Path.of("/proc/self/maps"));
        Files.createSymbolicLink(corpus.resolve("relative.txt"), Path.of("../outside/notes.txt"));
        Files.createSymbolicLink(corpus.resolve("etc"), Path.of("/etc"));

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly("good");
        assertThat(reasons(snapshot))
                .containsOnlyKeys("token.txt", "passwd.txt", "maps.txt", "relative.txt", "etc")
                .allSatisfy((path, reason) ->
                        assertThat(reason).isEqualTo("link leads outside the corpus folder; not read"));
        assertThat(snapshot.skipped().toString()).doesNotContain("/etc", "/proc", "outside/", "fake.token");
    }

    @Test
    void read_loopingAndDanglingLinks_areReportedWithTheirReason() throws IOException {
        Files.createSymbolicLink(corpus.resolve("a.txt"), corpus.resolve("b.txt"));
        Files.createSymbolicLink(corpus.resolve("b.txt"), corpus.resolve("a.txt"));
        Files.createSymbolicLink(corpus.resolve("self.txt"), Path.of("self.txt"));
        Files.createSymbolicLink(corpus.resolve("gone.txt"), corpus.resolve("deleted.txt"));

        Map<String, String> reasons = reasons(reader.read(corpus));

        assertThat(reasons)
                .containsEntry("a.txt", "link loop: the link leads back to itself")
                .containsEntry("b.txt", "link loop: the link leads back to itself")
                .containsEntry("self.txt", "link loop: the link leads back to itself")
                .containsEntry("gone.txt", "dangling link: its target does not exist");
    }

    @Test
    void read_linkToAFileInsideTheCorpus_isReadAndLinkToAFolderIsNotFollowed() throws IOException {
        Files.createDirectories(corpus.resolve("sub"));
        Files.writeString(corpus.resolve("sub/inner.txt"), GOOD_TEXT);
        Files.createSymbolicLink(corpus.resolve("alias.txt"), Path.of("sub/inner.txt"));
        Files.createSymbolicLink(corpus.resolve("loop"), Path.of("."));

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents())
                .extracting(SourceDocument::path)
                .containsExactly("alias.txt", "good.txt", "sub/inner.txt");
        assertThat(reasons(snapshot))
                .containsExactly(Map.entry("loop", "link to a folder; folders behind links are not read"));
    }

    @Test
    void read_namedPipe_isNeverOpened() throws Exception {
        Path fifo = corpus.resolve("pipe.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        // Opening a pipe with no writer would block this reader for ever.
        Map<String, String> reasons = reasons(reader.read(corpus));

        assertThat(reasons).containsEntry("pipe.txt", "not a regular file (a device, pipe or socket); not read");
    }

    @Test
    void readAtMost_fileThatReportsSizeZero_isStoppedAtTheLimitWhileReading() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assertThat(Files.size(maps)).isZero();

        assertThatThrownBy(() -> CorpusFiles.readAtMost(maps, 100))
                .isInstanceOf(CorpusFiles.TooLargeException.class)
                .hasMessage("too large: more than the limit of 100 bytes");
    }

    @Test
    void read_manifestThatIsALinkOutside_isRefusedNamingIt() throws IOException {
        Files.writeString(outside.resolve("sources.yaml"), "sources:\n  - file: good.txt\n    title: From Outside\n");
        Files.createSymbolicLink(corpus.resolve(Manifest.FILE_NAME), outside.resolve("sources.yaml"));

        assertThatThrownBy(() -> reader.read(corpus))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith("sources.yaml: link leads outside the corpus folder; not read");
    }

    @Test
    void read_manifestLinkInsideTheCorpus_isRead() throws IOException {
        Files.createDirectories(corpus.resolve("meta"));
        Files.writeString(corpus.resolve("meta/sources.yaml"), "sources:\n  - file: good.txt\n    title: Linked In\n");
        Files.createSymbolicLink(corpus.resolve(Manifest.FILE_NAME), Path.of("meta/sources.yaml"));

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents())
                .filteredOn(document -> document.id().equals("good"))
                .singleElement()
                .extracting(document -> document.metadata().title())
                .isEqualTo("Linked In");
    }

    @Test
    void read_sameStemAndStemThatIsAnotherFilesName_everyFileHasItsOwnId() throws IOException {
        Files.writeString(corpus.resolve("x.txt"), GOOD_TEXT);
        Files.writeString(corpus.resolve("x.md"), GOOD_TEXT);
        Files.writeString(corpus.resolve("x.txt.md"), GOOD_TEXT);

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents())
                .extracting(SourceDocument::path, SourceDocument::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("good.txt", "good"),
                        org.assertj.core.groups.Tuple.tuple("x.md", "x.md"),
                        org.assertj.core.groups.Tuple.tuple("x.txt", "x.txt"),
                        org.assertj.core.groups.Tuple.tuple("x.txt.md", "x.txt.md"));
    }

    @Test
    void read_namesWithEscapeCodesAndNewlines_areEscapedInIdsTitlesAndReports() throws IOException {
        Files.writeString(corpus.resolve("\u001b[31mred\u001b[0m.txt"), GOOD_TEXT);
        Files.write(corpus.resolve("two\nlines.txt"), new byte[] {'a', 0, 'b'});

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents())
                .filteredOn(document -> document.path().startsWith("\u001b"))
                .singleElement()
                .satisfies(document -> {
                    assertThat(document.id()).isEqualTo("\\x1b[31mred\\x1b[0m");
                    assertThat(document.metadata().title()).isEqualTo("\\x1b[31mred\\x1b[0m.txt");
                });
        assertThat(snapshot.skipped()).extracting(SkippedFile::path).containsExactly("two\\nlines.txt");
        assertThat(snapshot.skipped().toString()).doesNotContain("\u001b", "\n");
    }
}
