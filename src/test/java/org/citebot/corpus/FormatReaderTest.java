package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormatReaderTest {

    @Test
    void read_htmlWithoutArticle_fallsBackToMainAndDropsChrome() throws Exception {
        String html = "<html><head><title>Page Title</title></head><body><header>Logo</header>"
                + "<main><p>Main text.</p><ul><li>First item</li><li>Second item</li></ul></main>"
                + "<div>Outside main</div></body></html>";

        ExtractedText extracted = new HtmlReader().read(html.getBytes(StandardCharsets.UTF_8));

        assertThat(extracted.text()).isEqualTo("Main text.\n\nFirst item\n\nSecond item\n\n");
        assertThat(extracted.metadata().title()).contains("Page Title");
    }

    @Test
    void read_htmlInLatin1Bytes_isRefusedAsInvalidUtf8() {
        byte[] bytes = "<p>Caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> new HtmlReader().read(bytes))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("invalid UTF-8 at byte offset 6");
    }

    @Test
    void read_plainTextWithByteOrderMark_dropsTheMark() throws Exception {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'H', 'i'};

        assertThat(new PlainTextReader().read(bytes).text()).isEqualTo("Hi");
    }

    @Test
    void read_notAPdfAtAll_isDamagedPdf() {
        assertThatThrownBy(() -> new PdfReader(CorpusOptions.DEFAULT_MAX_FILE_BYTES)
                        .read("just text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("damaged or truncated PDF");
    }

    @Test
    void dehyphenate_wordBrokenAcrossLines_isRejoinedButCompoundsKeepHyphen() {
        assertThat(PdfReader.dehyphenate("escala-\ntion and NATO-\nRussia")).isEqualTo("escalation and NATO-\nRussia");
    }

    @Test
    void read_markdownUnclosedFrontMatter_isRefused() {
        assertThatThrownBy(() -> new MarkdownReader().read("---\ntitle: x\nbody\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("front matter opened with --- is never closed");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void read_utf16WithByteOrderMark_isDecodedNotCalledBinary() throws Exception {
        String text = "Café society met in Kraków.\n\nA second paragraph.\n";
        byte[] littleEndian = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] bigEndian = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));

        assertThat(new PlainTextReader().read(littleEndian).text()).isEqualTo(text);
        assertThat(new MarkdownReader().read(bigEndian).text()).startsWith("Café society met in Kraków.\n");
    }

    @Test
    void read_utf16WithoutByteOrderMark_isRecognisedByItsZeroBytes() throws Exception {
        String text = "Plain English saved by a Windows editor as Unicode, without a mark.\n";

        assertThat(new PlainTextReader()
                        .read(text.getBytes(StandardCharsets.UTF_16LE))
                        .text())
                .isEqualTo(text);
        assertThat(new PlainTextReader()
                        .read(text.getBytes(StandardCharsets.UTF_16BE))
                        .text())
                .isEqualTo(text);
    }

    @Test
    void read_binaryWithZeroBytes_isStillBinary() {
        byte[] bytes = {'P', 'K', 3, 4, 0, 0, 0, 0, 8, 0, (byte) 0x9c, 0x11, 0, 0, 0x7f, 0};

        assertThatThrownBy(() -> new PlainTextReader().read(bytes))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("binary content");
    }

    @Test
    void read_htmlDeclaringItsCharset_isDecodedWithIt() throws Exception {
        byte[] metaCharset = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 \u201cnoir\u201d</p>"
                .getBytes("windows-1252");
        byte[] httpEquiv = ("<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"
                        + "</head><body><p>Na\u00efve \u00e9t\u00e9</p>")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(new HtmlReader().read(metaCharset).text()).isEqualTo("Caf\u00e9 \u201cnoir\u201d\n\n");
        assertThat(new HtmlReader().read(httpEquiv).text()).isEqualTo("Na\u00efve \u00e9t\u00e9\n\n");
    }

    @Test
    void read_htmlDeclaringAnUnknownCharset_fallsBackToUtf8() throws Exception {
        byte[] bytes = "<meta charset=\"no-such-charset\"><p>Caf\u00e9</p>".getBytes(StandardCharsets.UTF_8);

        assertThat(new HtmlReader().read(bytes).text()).isEqualTo("Caf\u00e9\n\n");
    }

    @Test
    void read_htmlArticle_usesTheArticleExtractorThatDropsShareBarsAndRelatedLinks() throws Exception {
        String paragraph = "The harbour authority published its annual survey of the northern coast on Monday,"
                + " describing the erosion of the dunes and the cost of the new sea wall in some detail.";
        String html = "<html><head><title>Coast survey</title></head><body><article>"
                + "<h1>Coast survey</h1><p>" + paragraph + "</p>"
                + "<div class=\"share-bar\">Share this article on every network you know</div>"
                + "<h2>The sea wall</h2><p>" + paragraph.replace("Monday", "Tuesday") + "</p>"
                + "<div class=\"related-articles\"><p>Another story about the harbour you might like</p></div>"
                + "</article></body></html>";

        ExtractedText extracted = new HtmlReader().read(html.getBytes(StandardCharsets.UTF_8));

        assertThat(extracted.text())
                .contains(paragraph, "The sea wall", "Tuesday")
                .doesNotContain("Share this article", "Another story");
        assertThat(extracted.headings()).contains("The sea wall");
    }
}
