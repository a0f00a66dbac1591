package org.citebot.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The body and metadata of small pages written for the purpose, each exercising one source of metadata. */
class ArticleExtractorTest {

    @Test
    void extract_newsPageWithChrome_keepsTheArticleAndDropsEveryKindOfBoilerplate() {
        ExtractedArticle article = TestPages.extract("graph-news.html", "https://gazette.example/news/x");

        assertThat(article.paragraphs())
                .containsExactly(
                        "For the first time in a decade the lamps along the old quay were lit on Saturday evening,"
                                + " after volunteers spent two winters rewiring the cast-iron posts by hand.",
                        "The harbour trust had switched the lights off in 2016 to save money, and the quay had been"
                                + " dark ever since, which fishermen said made the evening landing of the catch more"
                                + " dangerous than it needed to be.",
                        "Two winters of work",
                        "Volunteers from the sailing club and the local college stripped each post, replaced the"
                                + " wiring and fitted lamps that use a fifth of the power of the old ones, paid for by a"
                                + " public appeal that raised more than twelve thousand pounds.",
                        "\"We thought it would take one winter,\" said one of the organisers. \"The posts had other"
                                + " ideas, but every one of them works again, and the quay feels like part of the town"
                                + " once more.\"");
        assertThat(article.headings()).containsExactly("Two winters of work");
        assertThat(article.body())
                .doesNotContain("cookies", "Share on", "Photo: Harbour Trust", "Advertisement", "Quay repairs")
                .doesNotContain("Lovely to see", "All rights reserved", "Sport", "By Mira Okafor");
    }

    @Test
    void extract_jsonLdGraph_resolvesAuthorAndPublisherReferences() {
        ArticleMetadata metadata = TestPages.extract("graph-news.html", "https://gazette.example/news/x")
                .metadata();

        assertThat(metadata.title()).contains("Harbour lights return after ten dark years");
        assertThat(metadata.author()).contains("Mira Okafor, Tomas Lind");
        assertThat(metadata.published()).contains(LocalDate.of(2026, 3, 14));
        assertThat(metadata.publisher()).contains("Lantern Gazette Ltd");
        assertThat(metadata.url()).contains(URI.create("https://gazette.example/2026/03/harbour-lights-return"));
        assertThat(metadata.language()).contains("en");
    }

    @Test
    void extract_openGraphAndMetaOnly_readsThem() {
        ArticleMetadata metadata = TestPages.extract("opengraph.html", "").metadata();

        assertThat(metadata.title()).contains("Die Brücke über den Fluss wird neu gebaut");
        assertThat(metadata.author()).contains("Anna Becker");
        assertThat(metadata.published()).contains(LocalDate.of(2025, 11, 2));
        assertThat(metadata.publisher()).contains("Stadtblatt");
        assertThat(metadata.url()).contains(URI.create("https://stadtblatt.example/lokales/bruecke-neubau-2025"));
        assertThat(metadata.language()).contains("de");
    }

    @Test
    void extract_microdataAndTime_readsThem() {
        ExtractedArticle article = TestPages.extract("microdata.html", "");

        assertThat(article.metadata().title()).contains("Le marché couvert rouvre ses portes");
        assertThat(article.metadata().author()).contains("Claire Dubois");
        assertThat(article.metadata().published()).contains(LocalDate.of(2024, 6, 7));
        assertThat(article.metadata().publisher()).contains("Le Petit Quotidien");
        assertThat(article.metadata().language()).contains("fr");
        assertThat(article.body()).doesNotContain("centre-ville\n").doesNotContain("Par Claire");
        assertThat(article.paragraphs()).hasSize(3);
    }

    @Test
    void extract_pageWithoutMetadata_findsHeadingBylineAndTime() {
        ExtractedArticle article = TestPages.extract("plain-blog.html", "");

        assertThat(article.metadata().title()).contains("Why I still keep a paper notebook");
        assertThat(article.metadata().author()).contains("Sam Rivera");
        assertThat(article.metadata().published()).contains(LocalDate.of(2023, 2, 19));
        assertThat(article.metadata().publisher()).isEmpty();
        assertThat(article.metadata().url()).isEmpty();
        assertThat(article.paragraphs()).hasSize(3);
        assertThat(article.body()).doesNotContain("January 2023", "Tweet", "could not agree more");
    }

    @Test
    void extract_relativeCanonicalOfALocalFile_isDroppedNotGuessed() {
        assertThat(TestPages.extract("graph-news.html", "").metadata().url()).isEmpty();
    }

    @Test
    void extract_declaredCharset_decodesTheBytesWithIt() {
        String html = "<html><head><title>Caf\u00e9 na\u00efve</title></head><body><p>x</p></body></html>";
        byte[] latin1 = html.getBytes(StandardCharsets.ISO_8859_1);

        ExtractedArticle article = new ArticleExtractor().extract(latin1, Optional.of("ISO-8859-1"), "");

        assertThat(article.metadata().title()).contains("Café naïve");
    }

    @Test
    void extract_brokenJsonLd_fallsBackToTheMarkup() {
        String html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                + "</script><meta property=\"og:title\" content=\"From OpenGraph\"></head><body></body></html>";

        assertThat(new ArticleExtractor().extract(html, "").metadata().title()).contains("From OpenGraph");
    }

    @Test
    void extract_titleElementsInTheBody_areNotArticleText() {
        String prose = "<p>" + "The article's own words, long enough to read as prose in any page. ".repeat(3) + "</p>";
        String html = "<html><body><article>" + prose
                + "<title>Site name | A section name long enough to look like a paragraph of text</title>"
                + prose + "</article></body></html>";

        assertThat(new ArticleExtractor().extract(html, "").body()).doesNotContain("Site name");
    }
}
