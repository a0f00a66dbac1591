package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citebot.extract.ArticleMetadata;
import org.citebot.sources.AddedArticle;
import org.citebot.sources.AddedSources;
import org.citebot.sources.LinkHealth;
import org.citebot.sources.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store of articles added by URL ({@link AddedSources}) on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StateBackend.class)
class AddedSourcesTest extends OnEachStateBackend {

    private static final String GUILD = "333333333333333333";
    private static final URI URL = URI.create("https://news.example/2026/11/the-harbour-survey");

    static AddedArticle article(Optional<String> server, String firstParagraph) {
        return new AddedArticle(
                AddedArticle.idFor(server, URL),
                URL,
                URI.create("https://news.example/s/abc"),
                URL,
                "html",
                new ArticleMetadata(
                        Optional.of("The harbour survey"),
                        Optional.of("Ann Writer"),
                        Optional.of(LocalDate.of(2026, 11, 20)),
                        Optional.of("Coast News"),
                        Optional.of(URL),
                        Optional.of("en")),
                List.of(firstParagraph, "Tides", "A second paragraph with “quotes”, emoji 🌊 and a\nline break."),
                Set.of("Tides"),
                server,
                "444444444444444444",
                T0);
    }

    @Test
    void add_thenReopen_returnsEveryFieldAndThePage() {
        AddedArticle article = article(Optional.of(GUILD), "The survey counted the dunes.");
        byte[] page = "<html><body>the page as fetched</body></html>".getBytes(StandardCharsets.UTF_8);
        try (StateStore store = open()) {
            assertThat(new SqlAddedSources(store).add(article, page)).isTrue();
        }
        try (StateStore store = open()) {
            AddedSources sources = new SqlAddedSources(store);

            assertThat(sources.article(article.id())).contains(article);
            assertThat(sources.page(article.id()))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(page));
            assertThat(sources.contentHashes())
                    .containsExactly(java.util.Map.entry(article.id(), article.contentHash()));
            SourceRecord record = sources.records().get(0);
            assertThat(record.title()).isEqualTo("The harbour survey");
            assertThat(record.server()).contains(GUILD);
            assertThat(record.addedBy()).isEqualTo("444444444444444444");
            assertThat(record.addedAt()).isEqualTo(T0);
            assertThat(record.health()).isEqualTo(LinkHealth.UNCHECKED);
        }
    }

    @Test
    void add_sameArticleTwiceInOneServer_isRefusedButAnotherServerHasItsOwn() {
        try (StateStore store = open()) {
            AddedSources sources = new SqlAddedSources(store);

            assertThat(sources.add(article(Optional.of(GUILD), "One."), new byte[0]))
                    .isTrue();
            assertThat(sources.add(article(Optional.of(GUILD), "Another text."), new byte[0]))
                    .isFalse();
            assertThat(sources.add(article(Optional.empty(), "One."), new byte[0]))
                    .isTrue();

            assertThat(sources.records()).hasSize(2);
            assertThat(sources.article(AddedArticle.idFor(Optional.of(GUILD), URL)))
                    .get()
                    .extracting(a -> a.paragraphs().get(0))
                    .isEqualTo("One.");
        }
    }

    @Test
    void replaceAndRecordHealth_changeTextHashAndStatusButNotWhoAddedIt() {
        try (StateStore store = open()) {
            AddedSources sources = new SqlAddedSources(store);
            AddedArticle first = article(Optional.of(GUILD), "First version.");
            sources.add(first, new byte[] {1, 2, 3});
            LinkHealth changed = new LinkHealth(
                    LinkHealth.Status.CHANGED,
                    Optional.of(T0.plusSeconds(60)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("\"v2\""),
                    Optional.of("Sun, 22 Nov 2026 06:00:00 GMT"),
                    0,
                    Optional.of(T0.plusSeconds(86_400)),
                    Optional.of("Second version."));

            assertThat(sources.recordHealth(first.id(), changed)).isTrue();
            assertThat(sources.records().get(0).health()).isEqualTo(changed);

            AddedArticle second = article(Optional.of(GUILD), "Second version.");
            LinkHealth alive = new LinkHealth(
                    LinkHealth.Status.ALIVE,
                    Optional.of(T0.plusSeconds(120)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("\"v2\""),
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    Optional.empty());
            assertThat(sources.replace(second, new byte[] {4}, alive)).isTrue();

            assertThat(sources.article(first.id())).contains(second);
            assertThat(sources.contentHashes()).containsEntry(first.id(), second.contentHash());
            assertThat(second.contentHash()).isNotEqualTo(first.contentHash());
            assertThat(sources.records().get(0).health()).isEqualTo(alive);
            assertThat(sources.page(first.id()))
                    .hasValueSatisfying(p -> assertThat(p).containsExactly(4));
        }
    }

    @Test
    void remove_deletesTheArticleOnce() {
        try (StateStore store = open()) {
            AddedSources sources = new SqlAddedSources(store);
            AddedArticle article = article(Optional.empty(), "Text.");
            sources.add(article, new byte[0]);

            assertThat(sources.remove(article.id())).isTrue();
            assertThat(sources.remove(article.id())).isFalse();
            assertThat(sources.article(article.id())).isEmpty();
            assertThat(sources.recordHealth(article.id(), LinkHealth.UNCHECKED)).isFalse();
            assertThat(sources.records()).isEmpty();
        }
    }
}
