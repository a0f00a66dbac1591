package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

    private static final String GOOD_TEXT =
            "A good plain text file.\n\nIt has two paragraphs, the second one a little longer than the first.\n";

    @TempDir
    Path corpus;

    private final CorpusReader reader = new CorpusReader(CorpusOptions.defaults());

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = corpus.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static String reasonFor(CorpusSnapshot snapshot, String path) {
        return snapshot.skipped().stream()
                .filter(skipped -> skipped.path().equals(path))
                .map(SkippedFile::reason)
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " was not skipped: " + snapshot.skipped()));
    }

    private static SourceDocument document(CorpusSnapshot snapshot, String id) {
        return snapshot.documents().stream()
                .filter(document -> document.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not read; skipped: " + snapshot.skipped()));
    }

    @Test
    void read_brokenFilesBesideGoodOnes_skipsEachWithSpecificReasonAndReadsTheRest() throws IOException {
        write("good.txt", GOOD_TEXT);
        write("empty.txt", new byte[0]);
        write("blank.txt", " \n\t \r\n  \n");
        write("binary.txt", new byte[] {'a', 'b', 0, 1, 2, 'c'});
        byte[] latin1 = "Caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1);
        write("latin1.txt", latin1);
        write("notes.docx", "PK not really a docx");
        write("truncated.pdf", Arrays.copyOf(pdf("Some text on a page."), 300));
        write("blank.pdf", blankPdf());
        write("zz-good.md", "Still read after all the broken ones.\n");

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly("good", "zz-good");
        assertThat(reasonFor(snapshot, "empty.txt")).isEqualTo("empty file");
        assertThat(reasonFor(snapshot, "blank.txt")).isEqualTo("file contains only whitespace");
        assertThat(reasonFor(snapshot, "binary.txt")).isEqualTo("binary content (NUL byte at offset 2)");
        assertThat(reasonFor(snapshot, "latin1.txt")).isEqualTo("invalid UTF-8 at byte offset 3");
        assertThat(reasonFor(snapshot, "notes.docx")).isEqualTo("unsupported file type '.docx'");
        assertThat(reasonFor(snapshot, "truncated.pdf")).startsWith("damaged or truncated PDF");
        assertThat(reasonFor(snapshot, "blank.pdf")).startsWith("PDF has no extractable text");
        assertThat(snapshot.skipped()).hasSize(7).allSatisfy(skipped -> assertThat(skipped.reason())
                .doesNotContain("\n"));
    }

    @Test
    void read_fileOverSizeLimit_isSkippedWithSizes() throws IOException {
        write("big.txt", "word ".repeat(300));
        write("small.txt", GOOD_TEXT);

        CorpusSnapshot snapshot = new CorpusReader(new CorpusOptions(1000)).read(corpus);

        assertThat(reasonFor(snapshot, "big.txt")).isEqualTo("too large: 1500 bytes, limit is 1000 bytes");
        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly("small");
    }

    @Test
    void read_truncatedUtf8AtEnd_reportsOffsetOfTheCutCharacter() throws IOException {
        byte[] full = "ok “".getBytes(StandardCharsets.UTF_8);
        write("cut.txt", Arrays.copyOf(full, full.length - 1));

        assertThat(reasonFor(reader.read(corpus), "cut.txt")).isEqualTo("invalid UTF-8 at byte offset 3");
    }

    @Test
    void read_goodPlainText_hasHashIdPathAndExactParagraphOffsets() throws IOException {
        write("sub/good.txt", GOOD_TEXT);

        SourceDocument document = document(reader.read(corpus), "good");

        assertThat(document.path()).isEqualTo("sub/good.txt");
        assertThat(document.contentHash())
                .isEqualTo(CorpusReader.sha256(GOOD_TEXT.getBytes(StandardCharsets.UTF_8)))
                .hasSize(64);
        assertThat(document.metadata().title()).isEqualTo("good.txt");
        assertThat(document.metadata().language()).isEqualTo("en");
        assertThat(document.text())
                .isEqualTo(
                        "A good plain text file.\n\nIt has two paragraphs, the second one a little longer than the first.");
        assertThat(document.paragraphs())
                .allSatisfy(p -> assertThat(document.text().substring(p.start(), p.end()))
                        .isEqualTo(p.text()));
        assertThat(document.paragraphs()).extracting(Paragraph::number).containsExactly(1, 2);
    }

    @Test
    void read_goodPdf_readsTextAndInfoMetadata() throws IOException {
        write(
                "report.pdf",
                pdf(
                        "The alliance met in Vilnius to discuss spending.",
                        "Delegates agreed on new targets for defence."));

        SourceDocument document = document(reader.read(corpus), "report");

        assertThat(document.metadata().title()).isEqualTo("Alliance Report");
        assertThat(document.metadata().author()).contains("Jane Doe");
        assertThat(document.metadata().published()).contains(LocalDate.of(2025, 3, 14));
        assertThat(document.text())
                .contains("The alliance met in Vilnius to discuss spending.")
                .contains("Delegates agreed on new targets for defence.");
    }

    @Test
    void read_htmlWithChrome_keepsArticleTextHeadingsAndMetadata() throws IOException {
        write("page.html", """
                <!DOCTYPE html>
                <html lang="en-GB"><head>
                  <title>Fallback title</title>
                  <meta property="og:title" content="Rival Blocs Rearm">
                  <meta name="author" content="Ann Writer">
                  <meta property="og:site_name" content="Example News">
                  <meta property="article:published_time" content="2026-05-01T09:30:00Z">
                  <link rel="canonical" href="https://example.org/rival-blocs">
                  <style>p { color: red }</style>
                </head><body>
                  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
                  <header><p>Site banner with a slogan</p></header>
                  <article>
                    <h1>Rival Blocs Rearm</h1>
                    <p>The first paragraph explains <em>why</em> spending rises.</p>
                    <figure><img src="x.jpg" alt="x"><figcaption>Tanks on parade in the capital</figcaption></figure>
                    <h2>what comes next</h2>
                    <p>The second paragraph<br>continues over a line break.</p>
                    <aside>Related: ten other stories</aside>
                    <script>track();</script>
                  </article>
                  <footer>Copyright and contact details</footer>
                </body></html>
                """);

        SourceDocument document = document(reader.read(corpus), "page");

        assertThat(document.metadata())
                .isEqualTo(new DocumentMetadata(
                        "Rival Blocs Rearm",
                        Optional.of("Ann Writer"),
                        Optional.of("Example News"),
                        Optional.of(LocalDate.of(2026, 5, 1)),
                        Optional.of(URI.create("https://example.org/rival-blocs")),
                        "en"));
        assertThat(document.paragraphs())
                .extracting(Paragraph::text)
                .containsExactly(
                        "The first paragraph explains why spending rises.",
                        "Tanks on parade in the capital",
                        "The second paragraph continues over a line break.");
        assertThat(document.paragraphs()).extracting(Paragraph::caption).containsExactly(false, true, false);
        assertThat(document.paragraphs().get(2).section()).contains("what comes next");
        assertThat(document.text()).doesNotContain("Home", "banner", "Related", "track", "Copyright", "color");
    }

    @Test
    void read_markdownWithFrontMatter_usesItsMetadataAndHeadings() throws IOException {
        write("essay.md", """
                ---
                title: Notes on Escalation
                author: Sam Author
                publisher: Reading Group
                date: 2026-02-03
                url: https://example.org/notes
                language: de
                ---
                # Notes on Escalation

                The **first** paragraph, with a [link](https://example.org) and *emphasis*.

                ## The Second Part

                > A quoted paragraph under the second part.
                """);

        SourceDocument document = document(reader.read(corpus), "essay");

        assertThat(document.metadata())
                .isEqualTo(new DocumentMetadata(
                        "Notes on Escalation",
                        Optional.of("Sam Author"),
                        Optional.of("Reading Group"),
                        Optional.of(LocalDate.of(2026, 2, 3)),
                        Optional.of(URI.create("https://example.org/notes")),
                        "de"));
        assertThat(document.paragraphs())
                .extracting(Paragraph::text)
                .containsExactly(
                        "The first paragraph, with a link and emphasis.", "A quoted paragraph under the second part.");
        assertThat(document.paragraphs().get(1).section()).contains("The Second Part");
    }

    @Test
    void read_markdownWithBrokenFrontMatter_isSkipped() throws IOException {
        write("bad.md", "---\ntitle: [oops\n---\nBody.\n");

        assertThat(reasonFor(reader.read(corpus), "bad.md")).startsWith("front matter is not valid YAML");
    }

    @Test
    void read_headOfPlainText_givesTitleAuthorAndDateAndLeavesTheBody() throws IOException {
        write(
                "article.txt",
                "\nWorkers Face a New War Budget\n\nJane Q. Public\nJune 30, 2026\n\nThe body starts here.\n");

        SourceDocument document = document(reader.read(corpus), "article");

        assertThat(document.metadata().title()).isEqualTo("Workers Face a New War Budget");
        assertThat(document.metadata().author()).contains("Jane Q. Public");
        assertThat(document.metadata().published()).contains(LocalDate.of(2026, 6, 30));
        assertThat(document.text()).isEqualTo("The body starts here.");
    }

    @Test
    void read_manifestWinsOverFileMetadataAndMarkersCutChrome() throws IOException {
        write(
                "page.md",
                "---\ntitle: Front Matter Title\nauthor: Front Author\n---\nMenu line\n\nReal text starts.\n\nFooter junk.\n");
        write(Manifest.FILE_NAME, """
                sources:
                  - file: page.md
                    title: Manifest Title
                    article:
                      startsAfter: "Menu line"
                      endsBefore: "Footer junk"
                """);

        SourceDocument document = document(reader.read(corpus), "page");

        assertThat(document.metadata().title()).isEqualTo("Manifest Title");
        assertThat(document.metadata().author()).contains("Front Author");
        assertThat(document.text()).isEqualTo("Real text starts.");
    }

    @Test
    void read_hiddenFilesAndManifest_areNeitherDocumentsNorSkipped() throws IOException {
        write("good.txt", GOOD_TEXT);
        write(".hidden.txt", GOOD_TEXT);
        write(".git/config", "[core]");
        write(Manifest.FILE_NAME, "sources:\n  - file: gone.txt\n    title: Missing File\n");

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents()).extracting(SourceDocument::path).containsExactly("good.txt");
        assertThat(snapshot.skipped()).isEmpty();
    }

    @Test
    void read_malformedManifest_throwsNamingTheFile() throws IOException {
        write("good.txt", GOOD_TEXT);
        write(Manifest.FILE_NAME, "sources: [\n");

        assertThatThrownBy(() -> reader.read(corpus))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(Manifest.FILE_NAME)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void read_filesSharingAStem_getDistinctDeterministicIds() throws IOException {
        write("a/notes.txt", GOOD_TEXT);
        write("b/notes.md", GOOD_TEXT);
        write("unique.txt", GOOD_TEXT);

        CorpusSnapshot snapshot = reader.read(corpus);

        assertThat(snapshot.documents())
                .extracting(SourceDocument::id)
                .containsExactly("a/notes.txt", "b/notes.md", "unique");
    }

    @Test
    void read_textThatCleansToNothing_isSkipped() throws IOException {
        write("chrome.html", "<html><body><nav>Home</nav><footer>Contact</footer></body></html>");

        assertThat(reasonFor(reader.read(corpus), "chrome.html")).isEqualTo("no text left after cleaning");
    }

    @Test
    void read_readerThrowsUnchecked_skipsOnlyThatFile() throws IOException {
        write("a.txt", GOOD_TEXT);
        write("boom.pdf", "anything");
        FormatReader exploding = bytes -> {
            throw new IllegalStateException("parser bug\nwith two lines");
        };
        CorpusReader reading = new CorpusReader(
                CorpusOptions.defaults(),
                Map.of("txt", new PlainTextReader(), "pdf", exploding),
                new DocumentBuilder(new MetadataSniffer(), new TextCleaner()));

        CorpusSnapshot snapshot = reading.read(corpus);

        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly("a");
        assertThat(reasonFor(snapshot, "boom.pdf"))
                .isEqualTo("reader failed: IllegalStateException: parser bug with two lines");
    }

    @Test
    void read_manifestMarkerNotInText_keepsTheWholeText() throws IOException {
        write("a.txt", GOOD_TEXT);
        write(Manifest.FILE_NAME, "sources:\n  - file: a.txt\n    article:\n      endsBefore: Not there\n");

        assertThat(document(reader.read(corpus), "a").paragraphs()).hasSize(2);
    }

    @Test
    void read_missingDirectory_failsWithTheDirectoryNamed() {
        Path missing = corpus.resolve("nope");

        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void read_pdfWhoseTextIsLongerThanTheLimit_isSkippedBeforeItFillsMemory() throws IOException {
        // 20,000 characters of text compress to a file far smaller than that.
        byte[] file = pdf("word ".repeat(4_000));
        write("inflating.pdf", file);
        assertThat(file.length).isLessThan(10_000);

        CorpusSnapshot snapshot = new CorpusReader(new CorpusOptions(10_000)).read(corpus);

        assertThat(reasonFor(snapshot, "inflating.pdf"))
                .isEqualTo("its text is longer than the limit of 10000 characters");
    }

    @Test
    void read_bytesHashingToTheIndexedContent_areNotExtractedAgain() throws IOException {
        write("good.txt", GOOD_TEXT);
        CorpusFile file = reader.list(corpus).files().get(0);
        String hash = CorpusReader.sha256(GOOD_TEXT.getBytes(StandardCharsets.UTF_8));

        assertThat(reader.read(file, Optional.of(hash))).isEqualTo(new ReadOutcome.SameContent(hash));
        assertThat(reader.read(file, Optional.of("another hash"))).isInstanceOf(ReadOutcome.Read.class);
    }

    @Test
    void read_moreLinesThanTheHeapCanClean_isSkippedBeforeParsing() throws IOException {
        write("tiny.txt", "ab\n\n".repeat(600));
        write("tags.html", "<p>a</p>".repeat(600));
        write("fine.md", "A paragraph of ordinary length.\n\nAnother one.\n");
        CorpusReader reading = new CorpusReader(
                new CorpusOptions(CorpusOptions.DEFAULT_MAX_FILE_BYTES, CorpusOptions.DEFAULT_FILE_TIMEOUT, 1_000));

        CorpusSnapshot snapshot = reading.read(corpus);

        assertThat(reasonFor(snapshot, "tiny.txt"))
                .isEqualTo("too many lines to clean in the memory citebot has: 1200, the limit with this heap is 1000");
        assertThat(reasonFor(snapshot, "tags.html")).startsWith("too many lines to clean");
        assertThat(snapshot.documents()).extracting(SourceDocument::id).containsExactly("fine");
    }

    private static byte[] pdf(String... lines) throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -36);
                }
                content.endText();
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Alliance Report");
            info.setAuthor("Jane Doe");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.clear();
            created.set(2025, Calendar.MARCH, 14, 12, 0);
            info.setCreationDate(created);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] blankPdf() throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void read_nineMegabyteLineOfStrongEmphasis_isReadWithinSecondsAndIsNoTitle() throws IOException {
        write("stars.md", "**x".repeat(3_000_000) + "\n\nA sentence after the long line.\n");

        CorpusSnapshot snapshot = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> reader.read(corpus));

        SourceDocument document = document(snapshot, "stars");
        String title = document.metadata().title();
        assertThat(title.length() <= 400 ? title : "a title of " + title.length() + " characters")
                .isEqualTo("stars.md");
        assertThat(document.paragraphs()).hasSize(2);
    }
}
