package org.citebot.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts the article from an HTML page: its metadata (read first, from the untouched page), the
 * page's shape (for {@link ArticleCheck}) and the body text ({@link MainContent}). Stateless and
 * thread-safe; used by {@code citebot extract}, the source pipeline and the extraction benchmark.
 */
public final class ArticleExtractor {

    private static final Pattern SUBSCRIPTION_CALL = Pattern.compile(
            "(?i)subscribe|subscription|subscriber|to continue reading|to keep reading|to read the full");

    /**
     * Extracts from raw bytes. The character set is the one the server declared, else the page's
     * byte-order mark or {@code <meta charset>}, else UTF-8.
     *
     * @param declaredCharset the charset of the HTTP {@code Content-Type}, if any
     * @param location the page's URL, against which relative links resolve; empty for a local file
     */
    public ExtractedArticle extract(byte[] html, Optional<String> declaredCharset, String location) {
        try {
            Document document = Jsoup.parse(
                    new ByteArrayInputStream(html),
                    declaredCharset.filter(ArticleExtractor::known).orElse(null),
                    location);
            return extract(document);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** Extracts from text already decoded. */
    public ExtractedArticle extract(String html, String location) {
        return extract(Jsoup.parse(html, location));
    }

    private static ExtractedArticle extract(Document document) {
        JsonLdArticle jsonLd = JsonLdArticle.of(document);
        ArticleMetadata metadata = MetadataReader.read(document, jsonLd);
        PageShape shape = shape(document, jsonLd);
        MainContent.Body body = MainContent.body(document, metadata.title().orElse(""));
        return new ExtractedArticle(body.paragraphs(), body.headings(), metadata, shape);
    }

    private static boolean known(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PageShape shape(Document document, JsonLdArticle jsonLd) {
        Element body = document.body().clone();
        body.select("script, style, noscript, template, svg").remove();
        int words = PageShape.countWords(body.text());
        int linkWords = 0;
        for (Element link : body.select("a")) {
            if (link.parents().stream().noneMatch(parent -> parent.normalName().equals("a"))) {
                linkWords += PageShape.countWords(link.text());
            }
        }
        int passwords = body.select("input[type=password]").size();
        int paywall = 0;
        for (Element marker :
                body.select("[class*=paywall], [id*=paywall], [class*=regwall], [class*=subscriber-only]")) {
            // A site-wide "log in" link in the header has a paywall class too; a wall asks the reader to pay.
            if (SUBSCRIPTION_CALL.matcher(marker.text()).find()) {
                paywall++;
            }
        }
        if (jsonLd.notFree()) {
            paywall++;
        }
        boolean declared = jsonLd.found()
                || document.select("meta[property=og:type][content~=(?i)^article$]")
                                .size()
                        > 0;
        return new PageShape(words, linkWords, passwords, paywall, declared);
    }
}
