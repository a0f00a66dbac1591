package org.citebot.sources;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.citebot.extract.ArticleMetadata;

/**
 * What a moderator sees before an article is added: its metadata, where it was found and its text.
 * Everything in it came from the web and is data: renderers escape it like corpus text.
 *
 * @param requested the URL the moderator gave
 * @param fetchedFrom where the article was found after redirects
 * @param metadata the page's metadata; its URL is the canonical one when that could be trusted
 * @param paragraphs the article's blocks in reading order
 * @param headings the blocks among {@code paragraphs} that are subheadings
 * @param format {@code html} or {@code pdf}
 * @param page the bytes fetched, kept with the article so a better extractor can read it again
 */
public record SourcePreview(
        URI requested,
        URI fetchedFrom,
        ArticleMetadata metadata,
        List<String> paragraphs,
        Set<String> headings,
        int words,
        String format,
        byte[] page) {

    public SourcePreview {
        paragraphs = List.copyOf(paragraphs);
        headings = Set.copyOf(headings);
        page = page.clone();
    }

    /** The bytes fetched (a copy). */
    @Override
    public byte[] page() {
        return page.clone();
    }

    /** This preview with the moderator's corrections (title, author, published) applied to its metadata. */
    public SourcePreview withMetadata(ArticleMetadata corrected) {
        return new SourcePreview(requested, fetchedFrom, corrected, paragraphs, headings, words, format, page);
    }

    /** The URL the article will be cited with: its trusted canonical URL, else where it was found. */
    public URI url() {
        return metadata.url().orElse(fetchedFrom);
    }
}
