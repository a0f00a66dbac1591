package org.citebot.extract;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an extracted page is an article worth adding to the corpus, and if not, says why
 * in words a moderator understands. The rules, in order: a password form beside almost no text is a
 * login wall; a page that announces a paywall and yields a short body is a paywall stub; a page that
 * does not call itself an article, whose words are mostly links, whose body is a small part of it and
 * whose address is a home or section path, is an index page (a home page, a section front); and a
 * body under {@value #MIN_WORDS} words is empty or a teaser. Calibrated so that none of the extraction benchmark's real news
 * articles is refused except its paywall stubs.
 */
public final class ArticleCheck {

    /** Fewer body words than this is not an article (a teaser, an error page, an empty shell). */
    public static final int MIN_WORDS = 50;
    /** A login form beside fewer body words than this is a login wall. */
    static final int LOGIN_WORDS = 80;
    /** A paywall marker beside fewer body words than this is a paywall stub: the article is not there. */
    static final int PAYWALL_WORDS = 150;

    private static final Pattern INDEX_PATH = Pattern.compile("^/[a-z]+(-[a-z]+)?/?$");

    private ArticleCheck() {}

    /**
     * Why {@code article} is not an article, or empty when it is one.
     *
     * @param fetchedFrom where the page came from, if it came from the web; its path helps tell a home
     *     or section page ({@code /}, {@code /world/}) from an article ({@code /2019/11/a-long-slug})
     */
    public static Optional<String> refusal(ExtractedArticle article, Optional<URI> fetchedFrom) {
        PageShape page = article.page();
        int words = article.bodyWords();
        if (page.passwordFields() > 0 && words < LOGIN_WORDS) {
            return Optional.of(
                    "it is a login page: it asks for a password and has only " + words + " words of article text");
        }
        if (page.paywallMarkers() > 0 && words < PAYWALL_WORDS) {
            return Optional.of("the article is behind a paywall: only " + words + " words are readable");
        }
        Optional<URI> address = article.metadata().url().or(() -> fetchedFrom);
        if (!page.declaredArticle()
                && page.linkShare() > 0.5
                && words * 5 < page.words()
                && address.map(ArticleCheck::isIndexPath).orElse(false)) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "it looks like a list of links (a home or section page), not an article: %.0f%% of its"
                            + " words are links and its longest text is %d of its %d words",
                    100 * page.linkShare(),
                    words,
                    page.words()));
        }
        if (words < MIN_WORDS) {
            return Optional.of(
                    words == 0
                            ? "no article text was found on the page"
                            : "too little article text: " + words + " words (at least " + MIN_WORDS + " needed)");
        }
        return Optional.empty();
    }

    /**
     * Whether a URL's path is that of a home or section page: empty, {@code /}, an index file, or
     * one short word or two ({@code /world}, {@code /us-news/}). Article paths carry a slug of many
     * words or an id.
     */
    static boolean isIndexPath(URI uri) {
        String path = Optional.ofNullable(uri.getPath()).orElse("").toLowerCase(Locale.ROOT);
        path = path.replaceFirst("/(index|default|home)\\.(html?|php|aspx?)$", "/");
        return path.isEmpty() || path.equals("/") || INDEX_PATH.matcher(path).matches();
    }
}
