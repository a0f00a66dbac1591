package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextFragmentLinksTest {

    private static final Optional<URI> URL = Optional.of(URI.create("https://example.org/news/article.html"));

    @Test
    void link_longPassage_usesFirstAndLastWordsAsStartAndEnd() {
        String passage = "The war in Ukraine has entered an extraordinarily dangerous new stage, as the European powers"
                + " escalate the conflict with Russia.";

        Optional<URI> link = TextFragmentLinks.link(URL, passage);

        assertThat(link)
                .map(URI::toString)
                .contains("https://example.org/news/article.html#:~:text="
                        + "The%20war%20in%20Ukraine%20has,escalate%20the%20conflict%20with%20Russia.");
    }

    @Test
    void link_shortPassage_usesASingleTextStart() {
        Optional<URI> link = TextFragmentLinks.link(URL, "Such a war would not remain confined.");

        assertThat(link)
                .map(URI::toString)
                .contains(
                        "https://example.org/news/article.html#:~:text=Such%20a%20war%20would%20not%20remain%20confined.");
    }

    @Test
    void link_directiveSyntaxCharacters_arePercentEncoded() {
        String passage =
                "Long-range strikes, drones & missiles: 5% of GDP for defence #1 in Europe, say rock-solid sources.";

        String link = TextFragmentLinks.link(URL, passage).orElseThrow().toString();
        String directive = link.substring(link.indexOf(":~:text=") + ":~:text=".length());

        assertThat(directive).startsWith("Long%2Drange%20strikes%2C%20drones%20%26%20missiles%3A,");
        assertThat(directive).endsWith(",in%20Europe%2C%20say%20rock%2Dsolid%20sources.");
        assertThat(directive.split(",")).hasSize(2);
        assertThat(directive).doesNotContain(" ", "&", "-", "#");
    }

    @Test
    void link_nonAsciiText_isUtf8PercentEncoded() {
        String link = TextFragmentLinks.link(URL, "On July 7–8 “NATO 3.0” was announced.")
                .orElseThrow()
                .toString();

        assertThat(link).endsWith("#:~:text=On%20July%207%E2%80%938%20%E2%80%9CNATO%203.0%E2%80%9D%20was%20announced.");
    }

    @Test
    void link_urlWithFragment_replacesIt() {
        Optional<URI> link =
                TextFragmentLinks.link(Optional.of(URI.create("https://example.org/a?id=3#top")), "Grain left Odesa.");

        assertThat(link).map(URI::toString).contains("https://example.org/a?id=3#:~:text=Grain%20left%20Odesa.");
    }

    @Test
    void link_noUrl_isEmpty() {
        assertThat(TextFragmentLinks.link(Optional.empty(), "Grain left Odesa."))
                .isEmpty();
    }

    @Test
    void link_whitespaceRunsInPassage_becomeSingleEncodedSpaces() {
        Optional<URI> link = TextFragmentLinks.link(URL, "  Grain\n\nleft\tOdesa.  ");

        assertThat(link).map(URI::getRawFragment).contains(":~:text=Grain%20left%20Odesa.");
    }
}
