package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.DocumentSummary;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's hostile corpus, indexed in one run by {@code citebot index} in a JVM with the heap of a
 * small container: links to files outside the folder (a fake token, /etc/passwd, /proc), link loops
 * and dangling links, a pipe, a 9 MB line of {@code **}, a million short paragraphs, names that
 * clash as ids, names with terminal escape codes and newlines, UTF-16 and a declared HTML charset,
 * and ten megabytes of one-word paragraphs, more than the heap can clean at once.
 * Every one is skipped or read with a reason, the run ends within a minute, and nothing from outside
 * the folder can be found. Costs about 15 s, most of it the million paragraphs.
 */
class HostileCorpusTest {

    private static final String TOKEN_WORD = "zebraquokkasecret";

    @TempDir
    Path dir;

    @Test
    void index_hostileCorpus_everyFileSkippedOrReadWithinAMinuteAnd256MegabytesOfHeap() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        writeHostileCorpus(corpus, outside);
        Path config = Files.writeString(
                dir.resolve("citebot.yaml"),
                "corpus:\n  dir: " + corpus + "\n  fileTimeout: 20s\nindex:\n  dir: " + dir.resolve("index")
                        + "\nstate:\n  db: " + dir.resolve("citebot.db") + "\n");

        BoundedHeapMain.ChildRun run =
                BoundedHeapMain.runInSmallHeap(Duration.ofMinutes(3), "--config", config.toString(), "index");

        assertThat(run.exit()).as("exit code; output:%n%s", run.printed()).isZero();
        long tookMillis = run.figure(BoundedHeapMain.TOOK);
        assertThat(tookMillis).as("wall time of the run").isLessThan(60_000);
        System.out.printf(
                "hostile corpus: %d ms, heap pools' peaks %d MB%n", tookMillis, run.figure(BoundedHeapMain.PEAK));
        List<String> output = run.output();

        assertThat(output)
                .contains(
                        "    token.txt: link leads outside the corpus folder; not read",
                        "    passwd.txt: link leads outside the corpus folder; not read",
                        "    maps.txt: link leads outside the corpus folder; not read",
                        "    cpuinfo.txt: link leads outside the corpus folder; not read",
                        "    etc: link leads outside the corpus folder; not read",
                        "    loop-a.txt: link loop: the link leads back to itself",
                        "    loop-b.txt: link loop: the link leads back to itself",
                        "    self.txt: link loop: the link leads back to itself",
                        "    dangling.txt: dangling link: its target does not exist",
                        "    here: link to a folder; folders behind links are not read",
                        "    pipe.txt: not a regular file (a device, pipe or socket); not read",
                        "    two\\nlines.txt: binary content (NUL byte at offset 1)",
                        "    \\x1b[2Jcleared.txt: empty file");
        assertThat(output)
                .anyMatch(line -> line.startsWith(
                        "    crowded.txt: too many lines to clean in the memory citebot has: 5200000,"));
        assertThat(output)
                .as("no line printed carries a terminal escape code or a broken file name")
                .noneMatch(line -> line.contains("\u001b"))
                .filteredOn(line -> line.contains("lines.txt"))
                .allMatch(line -> line.contains("two\\nlines.txt"));

        try (PassageIndex index =
                PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC())) {
            assertThat(index.documents())
                    .extracting(DocumentSummary::docId)
                    .containsExactlyInAnyOrder(
                            "good",
                            "stars",
                            "million",
                            "x.txt",
                            "x.md",
                            "x.txt.md",
                            "\\x1b[31mred\\x1b[0m",
                            "utf16le",
                            "utf16be",
                            "utf16-no-mark",
                            "cp1252");
            LuceneSearchService search = new LuceneSearchService(index, SearchSettings.defaults());
            for (String outsideWord :
                    List.of(TOKEN_WORD, "DISCORD_TOKEN", "root", "nologin", "vdso", "heap", "bogomips")) {
                assertThat(search.search(SearchRequest.of(outsideWord, 10)).totalHits())
                        .as("passages with '%s'", outsideWord)
                        .isZero();
            }
            assertThat(search.search(SearchRequest.of("meridian", 10)).totalHits())
                    .isPositive();
            assertThat(search.search(SearchRequest.of("Kraków", 10)).totalHits())
                    .isEqualTo(3);
            assertThat(search.search(SearchRequest.of("naïve café", 10)).totalHits())
                    .isEqualTo(1);
        }
    }

    private static void writeHostileCorpus(Path corpus, Path outside) throws Exception {
        Files.writeString(outside.resolve("bot.env"), "DISCORD_TOKEN=" + TOKEN_WORD + "\n");
        Files.writeString(
                corpus.resolve("good.txt"),
                "The meridian survey team measured the coast and recorded every beacon it found there.\n");
        // Links out of the folder: a secret, a system file, /proc files that report a size of 0.
        Files.createSymbolicLink(corpus.resolve("token.txt"), outside.resolve("bot.env"));
        Files.createSymbolicLink(corpus.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(corpus.resolve("maps.txt"), Path.of("/proc/self/maps"));
        Files.createSymbolicLink(corpus.resolve("cpuinfo.txt"), Path.of("/proc/cpuinfo"));
        Files.createSymbolicLink(corpus.resolve("etc"), Path.of("/etc"));
        // Loops, a dangling link, a link back to the folder itself, a pipe nobody writes to.
        Files.createSymbolicLink(corpus.resolve("loop-a.txt"), Path.of("loop-b.txt"));
        Files.createSymbolicLink(corpus.resolve("loop-b.txt"), Path.of("loop-a.txt"));
        Files.createSymbolicLink(corpus.resolve("self.txt"), Path.of("self.txt"));
        Files.createSymbolicLink(corpus.resolve("dangling.txt"), Path.of("deleted.txt"));
        Files.createSymbolicLink(corpus.resolve("here"), Path.of("."));
        Process mkfifo = new ProcessBuilder("mkfifo", corpus.resolve("pipe.txt").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // A 9 MB line of strong-emphasis openers, and a million short paragraphs (half broken in two).
        Files.writeString(corpus.resolve("stars.md"), "Intro.\n\n" + "**".repeat(4_500_000) + " end\n");
        StringBuilder million = new StringBuilder(8_000_000);
        for (int i = 0; i < 500_000; i++) {
            million.append("ab cd\n\nef gh.\n\n");
        }
        Files.writeString(corpus.resolve("million.txt"), million);
        // 2.6 million one-word paragraphs in 10 MB: more lines than a 256 MB heap can clean at once.
        Files.writeString(corpus.resolve("crowded.txt"), "ab\n\n".repeat(2_600_000));
        // Names that would share an id, and names that would write to the terminal.
        for (String name : List.of("x.txt", "x.md", "x.txt.md")) {
            Files.writeString(corpus.resolve(name), "A short note filed as " + name + " about the coast.\n");
        }
        Files.writeString(corpus.resolve("\u001b[31mred\u001b[0m.txt"), "A note whose name is in red.\n");
        Files.write(corpus.resolve("\u001b[2Jcleared.txt"), new byte[0]);
        Files.write(corpus.resolve("two\nlines.txt"), new byte[] {'a', 0, 'b'});
        // Encodings: UTF-16 with and without a byte order mark, and an HTML page in windows-1252.
        String polish = "The delegates met in Kraków and left before the winter came.\n";
        Files.write(
                corpus.resolve("utf16le.txt"),
                bom(new byte[] {(byte) 0xFF, (byte) 0xFE}, polish.getBytes(StandardCharsets.UTF_16LE)));
        Files.write(
                corpus.resolve("utf16be.md"),
                bom(new byte[] {(byte) 0xFE, (byte) 0xFF}, polish.getBytes(StandardCharsets.UTF_16BE)));
        Files.write(corpus.resolve("utf16-no-mark.txt"), polish.getBytes(StandardCharsets.UTF_16LE));
        Files.write(
                corpus.resolve("cp1252.html"),
                "<html><head><meta charset=\"windows-1252\"></head><body><p>A na\u00efve caf\u00e9 reporter wrote this.</p>"
                        .getBytes("windows-1252"));
    }

    private static byte[] bom(byte[] mark, byte[] text) {
        byte[] all = new byte[mark.length + text.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(text, 0, all, mark.length, text.length);
        return all;
    }
}
