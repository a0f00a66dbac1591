package org.citebot.corpus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads {@code .html}/{@code .htm} files with jsoup. The main text is the first {@code <article>},
 * else {@code <main>}, else the body, without navigation, headers, footers, asides, scripts and
 * forms. Every block element becomes its own block; {@code <h1>}–{@code <h6>} are known headings and
 * {@code <figcaption>} known captions. Metadata comes from Open Graph, {@code <meta>} and
 * {@code <title>}. The bytes are decoded in the charset the page declares ({@code <meta charset>} or
 * {@code http-equiv}), else UTF-8.
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

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        Document document = Jsoup.parse(TextDecoder.decodeHtml(bytes));
        MetadataHints metadata = metadata(document);
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

    private static MetadataHints metadata(Document document) {
        Optional<String> title = meta(document, "meta[property=og:title]")
                .or(() -> nonBlank(document.title()))
                .or(() -> meta(document, "meta[name=title]"));
        Optional<String> author =
                meta(document, "meta[name=author]").or(() -> meta(document, "meta[property=article:author]"));
        Optional<String> publisher = meta(document, "meta[property=og:site_name]");
        Optional<String> date = meta(document, "meta[property=article:published_time]")
                .or(() -> meta(document, "meta[name=date]"))
                .or(() -> meta(document, "meta[name=dc.date]"))
                .or(() -> Optional.ofNullable(document.selectFirst("time[datetime]"))
                        .flatMap(time -> nonBlank(time.attr("datetime"))));
        Optional<String> url = Optional.ofNullable(document.selectFirst("link[rel=canonical]"))
                .flatMap(link -> nonBlank(link.attr("href")))
                .or(() -> meta(document, "meta[property=og:url]"));
        Optional<String> language = Optional.ofNullable(document.selectFirst("html[lang]"))
                .flatMap(html -> nonBlank(html.attr("lang")))
                .map(lang -> lang.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT));
        return new MetadataHints(
                title,
                author,
                publisher,
                date.flatMap(DateParsing::parse),
                url.flatMap(MarkdownReader::httpUri),
                language);
    }

    private static Optional<String> meta(Document document, String selector) {
        return Optional.ofNullable(document.selectFirst(selector))
                .flatMap(element -> nonBlank(element.attr("content")));
    }

    private static Optional<String> nonBlank(String value) {
        String text = value.strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
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
