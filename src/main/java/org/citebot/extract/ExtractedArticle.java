package org.citebot.extract;

import java.util.List;
import java.util.Set;

/**
 * The result of extracting one page: the article body as paragraphs, the page's metadata and the
 * measurements the not-an-article rules judge. Extraction always yields one, even for a home page;
 * {@link ArticleCheck} decides whether it is an article.
 *
 * @param paragraphs the body's blocks in reading order (paragraphs, subheadings, list items, quotes)
 * @param headings the blocks among {@code paragraphs} that are subheadings ({@code <h2>}-{@code <h6>}),
 *     so a reader that splits by section need not guess them
 * @param page what the whole page looked like, for {@link ArticleCheck}
 */
public record ExtractedArticle(
        List<String> paragraphs, Set<String> headings, ArticleMetadata metadata, PageShape page) {

    public ExtractedArticle {
        paragraphs = List.copyOf(paragraphs);
        headings = Set.copyOf(headings);
    }

    /** The body as plain text, paragraphs separated by a blank line. */
    public String body() {
        return String.join("\n\n", paragraphs);
    }

    /** Words in the body, counted as runs of letters and digits. */
    public int bodyWords() {
        return PageShape.countWords(body());
    }
}
