package org.citebot.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Title, author and date accuracy on ten pages written for the purpose, each declaring its metadata
 * a different way (JSON-LD graph and array, OpenGraph, Dublin Core, Parse.ly, microdata, bylines,
 * {@code <time>}, RFC 1123 and written dates), with traps real pages set: a profile URL as
 * {@code article:author}, a "site updated" date in the site header, an OpenGraph title beside a
 * better JSON-LD headline. docs/benchmarks.md reports the figure.
 */
class MetadataAccuracyTest {

    private record Expected(String page, String title, String author, String date) {}

    private static final List<Expected> PAGES = List.of(
            new Expected(
                    "graph-news.html",
                    "Harbour lights return after ten dark years",
                    "Mira Okafor, Tomas Lind",
                    "2026-03-14"),
            new Expected("opengraph.html", "Die Brücke über den Fluss wird neu gebaut", "Anna Becker", "2025-11-02"),
            new Expected("microdata.html", "Le marché couvert rouvre ses portes", "Claire Dubois", "2024-06-07"),
            new Expected("plain-blog.html", "Why I still keep a paper notebook", "Sam Rivera", "2023-02-19"),
            new Expected(
                    "dublin-core.html",
                    "Water meters to be replaced across the district",
                    "Priya Natarajan",
                    "2021-05-04"),
            new Expected("parsely.html", "Night trains return to the coast line", "Oskar Berg", "2020-01-02"),
            new Expected("blogposting-array.html", "Seed swap season", "Ada Byron", "2022-07-09"),
            new Expected("author-url-and-byl.html", "Museum opens its stores to the public", "Jo Park", "2019-11-19"),
            new Expected("rfc-date.html", "Bridge inspection finds no damage after flood", "Lee Chan", "2019-11-19"),
            new Expected("written-date.html", "Choir celebrates fifty years", "Maria Costa", "2024-03-03"));

    @Test
    void metadata_ownPages_titleAuthorAndDateAllRight() {
        List<String> wrong = new ArrayList<>();
        int right = 0;
        for (Expected expected : PAGES) {
            ArticleMetadata metadata = TestPages.extract(expected.page(), "").metadata();
            right += check(
                    wrong,
                    expected.page(),
                    "title",
                    expected.title(),
                    metadata.title().orElse(null));
            right += check(
                    wrong,
                    expected.page(),
                    "author",
                    expected.author(),
                    metadata.author().orElse(null));
            right += check(
                    wrong,
                    expected.page(),
                    "date",
                    LocalDate.parse(expected.date()),
                    metadata.published().orElse(null));
        }
        System.out.printf("metadata accuracy on own pages: %d of %d%n", right, 3 * PAGES.size());

        assertThat(wrong).isEmpty();
        assertThat(right).isEqualTo(30);
    }

    private static int check(List<String> wrong, String page, String field, Object expected, Object actual) {
        if (Objects.equals(expected, actual)) {
            return 1;
        }
        wrong.add(page + " " + field + ": expected " + expected + ", got " + actual);
        return 0;
    }
}
