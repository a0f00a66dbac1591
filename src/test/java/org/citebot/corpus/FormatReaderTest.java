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
        assertThatThrownBy(() -> new PdfReader().read("just text".getBytes(StandardCharsets.UTF_8)))
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
}
