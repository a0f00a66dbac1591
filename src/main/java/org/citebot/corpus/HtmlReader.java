package org.citebot.corpus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ArticleMetadata;
import org.citebot.extract.ExtractedArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads {@code .html}/{@code .htm} files with the same article extraction as pages added by URL
 * ({@link ArticleExtractor}): the main text without navigation, comments, share bars, captions and
 * other boilerplate, the subheadings it names, and the page's metadata (JSON-LD, OpenGraph,
 * {@code <meta>}, {@code <time>}). The bytes are decoded in the charset the page declares
 * ({@code <meta charset>} or {@code http-equiv}, a byte-order mark), else UTF-8.
 *
 * <p>Unlike an added page, a file is never refused as "not an article": whoever put it in the
 * corpus folder chose it. Where the extractor finds no article text (a short note, a page of a few
 * lines), the page is read by its structure instead: the first {@code <article>}, else {@code
 * <main>}, else the body, without navigation, headers, footers, asides, scripts and forms, every
 * block element its own block, {@code <h1>}-{@code <h6>} headings and {@code <figcaption>} captions.
 */
final class HtmlReader implements FormatReader {

    private static final String CHROME = "nav, header, footer, aside, script, style, noscript, template, form, iframe,"
            + " svg, button, [role=navigation]";
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "section",
            "article",
            "main",
            "blockquote",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "td",
            "th",
            "pre",
            "figure",
            "hr",
            "address",
            "body");

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        String html = TextDecoder.decodeHtml(bytes);
        ExtractedArticle article = extractor.extract(html, "");
        MetadataHints metadata = hints(article.metadata());
        if (!article.paragraphs().isEmpty()) {
            return new ExtractedText(article.body(), metadata, article.headings(), Set.of());
        }
        Document document = Jsoup.parse(html);
        Element root = Optional.ofNullable(document.selectFirst("article"))
                .or(() -> Optional.ofNullable(document.selectFirst("main")))
                .or(() -> Optional.ofNullable(document.selectFirst("[role=main]")))
                .orElse(document.body());
        root.select(CHROME).remove();
        BlockCollector collector = new BlockCollector();
        collector.walk(root);
        collector.flush();
        return new ExtractedText(collector.text.toString(), metadata, collector.headings, collector.captions);
    }

    /** A page's own metadata, as hints below the manifest's. */
    static MetadataHints hints(ArticleMetadata metadata) {
        return new MetadataHints(
                metadata.title(),
                metadata.author(),
                metadata.publisher(),
                metadata.published(),
                metadata.url(),
                metadata.language());
    }

    /** Walks the content tree, cutting text into blocks at block-level elements. */
    private static final class BlockCollector {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder block = new StringBuilder();
        private final Set<String> headings = new LinkedHashSet<>();
        private final Set<String> captions = new LinkedHashSet<>();

        void walk(Element element) {
            Cancellation.check();
            List<Node> children = element.childNodes();
            for (Node child : children) {
                if (child instanceof TextNode textNode) {
                    block.append(textNode.getWholeText().replaceAll("[\\s&&[^\\u00A0]]+", " "));
                } else if (child instanceof Element el) {
                    String tag = el.normalName();
                    if (tag.matches("h[1-6]") || tag.equals("figcaption")) {
                        flush();
                        String whole = el.text().strip();
                        if (!whole.isEmpty()) {
                            (tag.equals("figcaption") ? captions : headings).add(whole);
                            emit(whole);
                        }
                    } else if (tag.equals("br")) {
                        block.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        flush();
                        walk(el);
                        flush();
                    } else {
                        walk(el);
                    }
                }
            }
        }

        void flush() {
            String content = block.toString().strip();
            block.setLength(0);
            if (!content.isEmpty()) {
                emit(content);
            }
        }

        private void emit(String content) {
            text.append(content).append("\n\n");
        }
    }
}
