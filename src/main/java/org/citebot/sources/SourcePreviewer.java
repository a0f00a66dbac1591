package org.citebot.sources;

import java.util.Optional;
import org.citebot.extract.ArticleCheck;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ExtractedArticle;
import org.citebot.fetch.FetchRefusedException;
import org.citebot.fetch.FetchedPage;
import org.citebot.fetch.SafeFetcher;

/**
 * The first half of adding an article by URL: fetch it safely, extract it (HTML) or read it (PDF),
 * refuse what is not an article, and return the preview a moderator confirms. Nothing is stored.
 */
public final class SourcePreviewer {

    private final SafeFetcher fetcher;
    private final ArticleExtractor extractor;
    private final PdfArticleReader pdf = new PdfArticleReader();

    public SourcePreviewer(SafeFetcher fetcher, ArticleExtractor extractor) {
        this.fetcher = fetcher;
        this.extractor = extractor;
    }

    /**
     * @throws SourceRefusedException with the reason, when the URL cannot be fetched safely or is not
     *     an article
     */
    public SourcePreview preview(String url) throws SourceRefusedException {
        FetchedPage page;
        try {
            page = fetcher.fetch(url);
        } catch (FetchRefusedException e) {
            throw new SourceRefusedException("cannot fetch it: " + e.getMessage());
        }
        ExtractedArticle article = page.isPdf()
                ? pdf.read(page.body())
                : extractor.extract(page.body(), page.charset(), page.finalUrl().toString());
        Optional<String> refusal = ArticleCheck.refusal(article, Optional.of(page.finalUrl()));
        if (refusal.isPresent()) {
            throw new SourceRefusedException("it is not an article: " + refusal.get());
        }
        return new SourcePreview(
                page.requested(),
                page.finalUrl(),
                article.metadata()
                        .withUrl(CanonicalUrl.trusted(article.metadata().url(), page)),
                article.paragraphs(),
                article.headings(),
                article.bodyWords(),
                page.isPdf() ? "pdf" : "html",
                page.body());
    }
}
