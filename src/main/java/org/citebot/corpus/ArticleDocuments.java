package org.citebot.corpus;

import java.util.List;
import java.util.Set;
import org.citebot.extract.ArticleMetadata;

/**
 * Makes a {@link SourceDocument} of an article extracted from a web page or a PDF, through the same
 * cleaning and metadata rules as a corpus file: an article added by URL is indexed exactly as the
 * same page saved in the corpus folder would be. Used by the sources feature to index added articles.
 */
public final class ArticleDocuments {

    private static final DocumentBuilder BUILDER = new DocumentBuilder(new MetadataSniffer(), new TextCleaner());

    private ArticleDocuments() {}

    /**
     * @param id the document id
     * @param path where it came from, shown where a file's path would be (the article's URL)
     * @param contentHash changes whenever what the document is made of changes
     * @param paragraphs the article's blocks in reading order
     * @param headings the blocks among {@code paragraphs} that are subheadings
     * @param metadata what the page says about itself (a moderator's corrections already applied);
     *     an article without a title is named after the last part of {@code path}
     * @throws IllegalArgumentException when nothing readable is left after cleaning
     */
    public static SourceDocument document(
            String id,
            String path,
            String contentHash,
            List<String> paragraphs,
            Set<String> headings,
            ArticleMetadata metadata) {
        ExtractedText extracted =
                new ExtractedText(String.join("\n\n", paragraphs), HtmlReader.hints(metadata), headings, Set.of());
        try {
            return BUILDER.build(id, path, contentHash, extracted, java.util.Optional.empty());
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException("the article cannot be indexed: " + e.getMessage(), e);
        }
    }
}
