package org.citebot.sources;

import java.net.URI;
import java.util.List;
import org.citebot.extract.ArticleMetadata;

/**
 * What a moderator sees before an article is added: its metadata, where it was found and its text.
 * Everything in it came from the web and is data: renderers escape it like corpus text.
 *
 * @param requested the URL the moderator gave
 * @param fetchedFrom where the article was found after redirects
 * @param metadata the page's metadata; its URL is the canonical one when that could be trusted
 * @param format {@code html} or {@code pdf}
 */
public record SourcePreview(
        URI requested, URI fetchedFrom, ArticleMetadata metadata, List<String> paragraphs, int words, String format) {

    public SourcePreview {
        paragraphs = List.copyOf(paragraphs);
    }

    /** The URL the article will be cited with: its trusted canonical URL, else where it was found. */
    public URI url() {
        return metadata.url().orElse(fetchedFrom);
    }
}
