package org.citebot.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.citebot.extract.ArticleExtractor;
import org.citebot.fetch.DialRecorder;
import org.citebot.fetch.FetchSettings;
import org.citebot.fetch.HostResolver;
import org.citebot.fetch.LoopbackHttpServer;
import org.citebot.fetch.SafeFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From URL to preview over a loopback server: "news.example" is an invented public name whose
 * stand-in address the recording connector sends to 127.0.0.1, so the default fetch settings apply.
 */
class SourcePreviewerTest {

    private LoopbackHttpServer server;
    private SourcePreviewer previewer;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
        Map<String, List<InetAddress>> dns = Map.of(
                "news.example", List.of(DialRecorder.PUBLIC_STAND_IN),
                "www.news.example", List.of(DialRecorder.PUBLIC_STAND_IN));
        HostResolver stub = host -> {
            List<InetAddress> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
        SafeFetcher fetcher =
                new SafeFetcher(FetchSettings.defaults(), stub, new DialRecorder(server.port()), (SSLSocketFactory)
                        SSLSocketFactory.getDefault());
        previewer = new SourcePreviewer(fetcher, new ArticleExtractor());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static String article(String canonical) {
        return "<html lang=\"en\"><head><title>Harbour lights return</title>"
                + "<link rel=\"canonical\" href=\"" + canonical + "\">"
                + "<meta name=\"author\" content=\"Mira Okafor\"><meta name=\"date\" content=\"2026-03-14\">"
                + "<meta property=\"og:site_name\" content=\"Lantern Gazette\"></head><body>"
                + "<nav><a href=\"/\">Home</a></nav><article><h1>Harbour lights return</h1>"
                + "<p>" + "The lamps along the old quay were lit again on Saturday evening. ".repeat(6) + "</p>"
                + "<p>" + "Volunteers rewired every cast-iron post by hand over two winters. ".repeat(6) + "</p>"
                + "</article></body></html>";
    }

    @Test
    void preview_article_hasItsMetadataTextAndSameSiteCanonicalUrl() throws Exception {
        server.on(
                "/short", "301 Moved Permanently", "Location: http://news.example/2026/lights?utm=x\r\n", new byte[0]);
        server.html("/2026/lights?utm=x", article("https://www.news.example/2026/lights"));

        SourcePreview preview = previewer.preview("http://news.example/short");

        assertThat(preview.metadata().title()).contains("Harbour lights return");
        assertThat(preview.metadata().author()).contains("Mira Okafor");
        assertThat(preview.metadata().published()).contains(LocalDate.of(2026, 3, 14));
        assertThat(preview.metadata().publisher()).contains("Lantern Gazette");
        assertThat(preview.metadata().language()).contains("en");
        assertThat(preview.url()).isEqualTo(URI.create("https://www.news.example/2026/lights"));
        assertThat(preview.fetchedFrom()).isEqualTo(URI.create("http://news.example/2026/lights?utm=x"));
        assertThat(preview.paragraphs()).hasSize(2).noneMatch(p -> p.contains("Home"));
        assertThat(preview.format()).isEqualTo("html");
    }

    @Test
    void preview_canonicalOnAnotherSiteOrNotHttp_isDroppedForWhereThePageWasFound() throws Exception {
        server.html("/a", article("https://bank.example/login"));
        server.html("/b", article("javascript:alert(1)"));
        server.html("/c", article("https://user:pw@news.example/c"));

        assertThat(previewer.preview("http://news.example/a").url()).isEqualTo(URI.create("http://news.example/a"));
        assertThat(previewer.preview("http://news.example/b").url()).isEqualTo(URI.create("http://news.example/b"));
        assertThat(previewer.preview("http://news.example/c").url()).isEqualTo(URI.create("http://news.example/c"));
    }

    @Test
    void preview_homePage_isRefusedAsNotAnArticle() {
        StringBuilder links = new StringBuilder("<html><head><title>Front page</title></head><body>");
        for (int i = 0; i < 40; i++) {
            links.append("<div><a href=\"/2026/story-number-")
                    .append(i)
                    .append("\">Story number ")
                    .append(i)
                    .append(" about the harbour and the town</a></div>");
        }
        server.html("/", links + "</body></html>");

        assertThatThrownBy(() -> previewer.preview("http://news.example/"))
                .isInstanceOf(SourceRefusedException.class)
                .hasMessageStartingWith("it is not an article: ");
    }

    @Test
    void preview_forbiddenAddress_isRefusedWithTheFetchersReason() {
        assertThatThrownBy(() -> previewer.preview("http://10.0.0.1/wiki"))
                .isInstanceOf(SourceRefusedException.class)
                .hasMessage("cannot fetch it: the address 10.0.0.1 is not allowed: it is in a private network");
    }

    @Test
    void preview_pdf_isReadWithTheCorpusPdfReading() throws Exception {
        server.on("/paper.pdf", "200 OK", "Content-Type: application/pdf\r\n", pdf());

        SourcePreview preview = previewer.preview("http://news.example/paper.pdf");

        assertThat(preview.format()).isEqualTo("pdf");
        assertThat(preview.metadata().title()).contains("Quay lighting report");
        assertThat(preview.metadata().author()).contains("Harbour Trust");
        assertThat(String.join(" ", preview.paragraphs())).contains("lamps along the old quay");
        assertThat(preview.words()).isGreaterThanOrEqualTo(50);
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Quay lighting report");
            info.setAuthor("Harbour Trust");
            document.setDocumentInformation(info);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                text.setLeading(14);
                text.newLineAtOffset(50, 700);
                for (int i = 0; i < 8; i++) {
                    text.showText("The lamps along the old quay were lit again after ten dark years.");
                    text.newLine();
                }
                text.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
