package org.citebot.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which pages are refused as not articles, and the reason a moderator reads. */
class ArticleCheckTest {

    @Test
    void refusal_article_isEmpty() {
        ExtractedArticle article = TestPages.extract("graph-news.html", "https://gazette.example/2026/03/lights");

        assertThat(ArticleCheck.refusal(article, Optional.of(URI.create("https://gazette.example/2026/03/lights"))))
                .isEmpty();
    }

    @Test
    void refusal_homePage_saysItIsAListOfLinks() {
        URI home = URI.create("https://daily.example/");
        ExtractedArticle page = TestPages.extract("home-page.html", home.toString());

        assertThat(ArticleCheck.refusal(page, Optional.of(home)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("it looks like a list of links"));
    }

    @Test
    void refusal_loginWall_saysItIsALoginPage() {
        ExtractedArticle page = TestPages.extract("login-wall.html", "https://members.example/story/1234");

        assertThat(ArticleCheck.refusal(page, Optional.empty()))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("it is a login page"));
    }

    @Test
    void refusal_paywallStub_saysItIsBehindAPaywall() {
        ExtractedArticle page = TestPages.extract("paywall-stub.html", "https://premium.example/2026/01/battery-race");

        assertThat(ArticleCheck.refusal(page, Optional.empty())).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("the article is behind a paywall: only 30 words are readable"));
    }

    @Test
    void refusal_emptyShell_saysNoTextWasFound() {
        ExtractedArticle page = TestPages.extract("empty-shell.html", "https://app.example/");

        assertThat(ArticleCheck.refusal(page, Optional.empty())).contains("no article text was found on the page");
    }

    @Test
    void refusal_shortTeaser_namesTheWordCount() {
        ExtractedArticle page = new ArticleExtractor()
                .extract(
                        "<html><body><article><p>Only a short teaser of some thirteen words stands on this page"
                                + " today.</p></article></body></html>",
                        "");

        assertThat(ArticleCheck.refusal(page, Optional.empty()))
                .contains("too little article text: 13 words (at least 50 needed)");
    }

    @Test
    void isIndexPath_homeAndSectionPaths_areIndexesButArticleSlugsAreNot() {
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example"))).isTrue();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/"))).isTrue();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/world/")))
                .isTrue();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/us-news")))
                .isTrue();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/index.html")))
                .isTrue();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/news/council-approves-budget")))
                .isFalse();
        assertThat(ArticleCheck.isIndexPath(URI.create("https://a.example/2026/05/01/budget")))
                .isFalse();
    }

    @Test
    void refusal_shortArticleUnderASiteWideLoginLinkClassedPaywall_isAnArticle() {
        ExtractedArticle page = new ArticleExtractor()
                .extract(
                        "<html><body><header><div class=\"paywall-header-wrap\"><a class=\"paywall-login-link\""
                                + " href=\"/login\">Log in</a></div></header><article><p>"
                                + "A short news brief of some sixty words stands here. ".repeat(6)
                                + "</p></article></body></html>",
                        "");

        assertThat(ArticleCheck.refusal(page, Optional.empty())).isEmpty();
    }
}
